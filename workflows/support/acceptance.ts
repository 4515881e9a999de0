import { patched, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { StepsCheck } from '../../activities/cases/case.activities';

/** The patch that makes an Update's acceptance durable before its handler writes anything. */
export const ACCEPT_BEFORE_WRITES = 'accept-before-writes';

const { acceptanceRecorded, actAccepted } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * An Update is accepted in a workflow task that exists only in the server's memory until the
 * worker completes it, and our handlers write to PostgreSQL through local activities *inside*
 * that task. Were the Temporal server to die before recording the task, the rows would stay and
 * the update vanish: the case's record would run ahead of its workflow, a retry would be refused
 * (its step closed in the database, still open in the workflow) and the case would stick. Found
 * by the fault-injection run (`npm run chaos`). Scheduling an ordinary activity that does nothing
 * ends the accepting task first (the worker usually gets it back at once, eagerly): once the
 * acceptance is on record, a later task lost in a crash is run again by Temporal itself, and the
 * writes, idempotent, land once.
 */
export function onceAccepted<I, O>(handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    if (patched(ACCEPT_BEFORE_WRITES)) await acceptanceRecorded();
    return handler(input);
  };
}

/**
 * A case's act (under one-write-per-act): the activity that puts its acceptance on record also
 * checks, before the act changes anything, that the steps it would open can open. One round trip
 * where there were an activity and a local activity.
 */
export function acceptedAfterCheck(check: StepsCheck | undefined): Promise<{ problems: string[] }> {
  return actAccepted(check ? { check } : {});
}
