import pino, { type DestinationStream, type Logger } from 'pino';
import { redactPersonalText } from '../../domain/privacy/redact-personal-text';

/**
 * Structured JSON logs. Credentials never reach a log line; request bodies are not logged at all,
 * because they carry personal data (DESIGN.md decision 8).
 */
export function createLogger(level: string, name = 'api', destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token', '*.token'],
        censor: '[redacted]',
      },
      // `err` is ours, `error` the Temporal SDK's ("Activity failed", "Workflow failed").
      serializers: { err: errorForLog, error: errorForLog },
    },
    destination,
  );
}

const MAX_CAUSES = 3;

/**
 * An error as a log line may show it: its kind, code and message with personal values masked.
 * Only named fields are kept: an error's other properties (an ApplicationFailure's `details`, a
 * Prisma error's `meta`) can hold the very record that failed.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? redactPersonalText(error) : error;
  const fields = error as Error & { code?: unknown; type?: unknown; nonRetryable?: unknown };
  return {
    type: error.name,
    message: redactPersonalText(error.message),
    ...(typeof fields.code === 'string' || typeof fields.code === 'number' ? { code: fields.code } : {}),
    ...(typeof fields.type === 'string' ? { failureType: fields.type } : {}),
    ...(typeof fields.nonRetryable === 'boolean' ? { nonRetryable: fields.nonRetryable } : {}),
    ...(error.stack ? { stack: redactPersonalText(error.stack) } : {}),
    ...(error.cause !== undefined && depth < MAX_CAUSES ? { cause: errorForLog(error.cause, depth + 1) } : {}),
  };
}
