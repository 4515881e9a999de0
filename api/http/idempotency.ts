import { createHash } from 'node:crypto';
import { z } from 'zod';
import { problems } from './problem';

/** The Idempotency-Key header of a request that must not act twice when retried. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, {
  error: 'Idempotency-Key: 8–100 chữ cái, chữ số, "_" hoặc "-" / 8–100 letters, digits, "_" or "-"',
});

/** What a retry must repeat exactly: the validated body. */
export const requestHashOf = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** The same key with another body is a client bug, never a retry: answering the first result would hide it. */
export const idempotencyKeyReused = () =>
  problems.conflict({
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  });
