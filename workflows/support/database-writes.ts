import type { RetryPolicy } from '@temporalio/common';
import { patched, proxyActivities, proxyLocalActivities, type ActivityInterfaceFor } from '@temporalio/workflow';

/** The patch that moved a workflow's Postgres writes to local activities (Temporal patching). */
export const LOCAL_DATABASE_WRITES = 'local-database-writes';

/**
 * The activities a workflow uses to write its record in Postgres: short, idempotent, and on the
 * path of every official's action. They run as local activities (in the worker, without a round
 * trip through the server per call), except when replaying a history recorded before the patch,
 * which scheduled them as ordinary activities and must replay the same way.
 */
export function databaseWrites<A>(options: { startToCloseTimeout: string; retry: RetryPolicy }): () => ActivityInterfaceFor<A> {
  const remote = proxyActivities<A>(options);
  const local = proxyLocalActivities<A>(options);
  return () => (patched(LOCAL_DATABASE_WRITES) ? local : remote);
}
