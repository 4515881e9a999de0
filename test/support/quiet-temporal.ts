import type { LogLevel, LogMetadata } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { isClockWorkerNotice } from '../../worker/temporal-logger';

/** The SDK's warnings, without its notice that the clock queue's worker has no workflows (by design). */
class QuietLogger extends DefaultLogger {
  override log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (!isClockWorkerNotice(message, meta)) super.log(level, message, meta);
  }
}

/** Workers in tests log warnings and errors only; call before the first NativeConnection. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new QuietLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier test file: keep that one.
  }
}
