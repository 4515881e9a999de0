import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { clockTaskQueue } from '../workflows/deadlines/contract';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The clock queue's worker runs activities only, by design (worker/create-worker.ts); the SDK
 * warns about that at every start, which an operator would read as a fault.
 */
export const isClockWorkerNotice = (message: string, meta?: LogMetadata) =>
  message.startsWith('No workflows registered') && String(meta?.taskQueue ?? '').endsWith(clockTaskQueue(''));

/** The SDK's logs (workflow `log`, activity `log`, the worker itself) as pino JSON lines. */
class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: Logger) {}
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.pino[levels[isClockWorkerNotice(message, meta) ? 'DEBUG' : level]](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/**
 * Must run before the first connection or worker is created. The workflow bundler's own chatter
 * is INFO; it is kept out unless LOG_LEVEL asks for debug.
 */
export function installTemporalRuntime(logger: Logger): void {
  Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
}
