import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { closeTasksLeftOpen } from '../temporal/report-tasks';

/**
 * Closes, now and then every `seconds`, the tasks of reports that were submitted while Temporal
 * was unreachable, so their units stop being reminded and escalated. One sweep at a time; several
 * workers sweeping at once is harmless (the close is idempotent per report). Returns `stop`.
 */
export function startReportTaskSweep(db: Db, client: Client, seconds: number, logger: Logger): () => Promise<void> {
  if (seconds <= 0) return async () => undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const sweep = async () => {
    try {
      const { closed, failed } = await closeTasksLeftOpen(db, client);
      if (closed || failed) logger.info({ closed, failed }, 'report tasks left open by unreachable Temporal');
    } catch (error) {
      logger.warn({ err: error }, 'report task sweep failed; it runs again later');
    }
    if (!stopped) timer = setTimeout(() => (running = sweep()), seconds * 1000);
  };
  running = sweep();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
