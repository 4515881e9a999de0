import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Moves every failure's message and stack trace into an encoded payload, which the payload codec
 * then encrypts: an error can quote what it failed on (a database constraint names the value, a
 * mail server the address), and without this those words would sit in clear in the history and
 * the Web UI. Loaded by path, because the workflow bundle must carry it too.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
