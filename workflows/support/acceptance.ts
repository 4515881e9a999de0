import { patched, sleep } from '@temporalio/workflow';

/** The patch that makes an Update's acceptance durable before its handler writes anything. */
export const ACCEPT_BEFORE_WRITES = 'accept-before-writes';

/**
 * An Update is accepted in a workflow task that exists only in the server's memory until the
 * worker completes it, and our handlers write to PostgreSQL through local activities *inside*
 * that task. Were the Temporal server to die before recording the task, the rows would stay and
 * the update vanish: the case's record would run ahead of its workflow, a retry would be refused
 * (its step closed in the database, still open in the workflow) and the case would stick. Found
 * by the fault-injection run (`npm run chaos`). A 1 ms timer ends the accepting task first: once
 * the acceptance is on record, a later task lost in a crash is run again by Temporal itself, and
 * the writes, idempotent, land once.
 */
export function onceAccepted<I, O>(handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    if (patched(ACCEPT_BEFORE_WRITES)) await sleep(1);
    return handler(input);
  };
}
