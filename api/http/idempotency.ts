import { z } from 'zod';

/** The Idempotency-Key header of a request that must not act twice when retried. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, {
  error: 'Idempotency-Key: 8–100 chữ cái, chữ số, "_" hoặc "-" / 8–100 letters, digits, "_" or "-"',
});
