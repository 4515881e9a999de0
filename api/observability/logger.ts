import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Credentials never reach a log line; request bodies are not logged at all,
 * because they carry personal data (DESIGN.md decision 8).
 */
export function createLogger(level: string, name = 'api'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}
