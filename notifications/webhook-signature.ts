import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Coordination-Signature';
/** Header carrying the delivery's id, stable across retries: the receiver de-duplicates by it. */
export const WEBHOOK_EVENT_ID_HEADER = 'X-Coordination-Event-Id';

const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/i;
const TIMESTAMP_PATTERN = /^\d{1,15}$/;

const hmacHex = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * The value of {@link WEBHOOK_SIGNATURE_HEADER}. The timestamp is signed with the body, so a
 * captured call cannot be replayed once it is older than the receiver's tolerance.
 */
export function signWebhookPayload({
  secret,
  timestamp,
  body,
}: {
  secret: string;
  /** Unix time in whole seconds. */
  timestamp: number;
  /** The exact bytes sent, as a string: the receiver verifies the raw body, not a re-serialisation. */
  body: string;
}): string {
  if (secret.length === 0) throw new Error('webhook secret is empty');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError(`webhook timestamp must be whole unix seconds, got ${timestamp}`);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/** `t` exactly once; `v1` once or more (a sender rotating secrets may sign with each). */
function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  const timestamps: string[] = [];
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') timestamps.push(value);
    else if (key === 'v1') signatures.push(value);
  }
  const [timestamp] = timestamps;
  if (timestamps.length !== 1 || timestamp === undefined || !TIMESTAMP_PATTERN.test(timestamp)) return undefined;
  const wellFormed = signatures.filter((signature) => SIGNATURE_PATTERN.test(signature));
  if (wellFormed.length === 0) return undefined;
  return { timestamp: Number(timestamp), signatures: wellFormed };
}

/**
 * True when `header` signs `body` with `secret` and its timestamp is within `toleranceSeconds`
 * of `now` (either side). Malformed headers are false, never an exception; a bad tolerance or
 * clock is a programming error and throws, since letting it through would disable the check.
 */
export function verifyWebhookSignature({
  secret,
  header,
  body,
  toleranceSeconds,
  now = new Date(),
}: {
  secret: string;
  header: string;
  body: string;
  toleranceSeconds: number;
  now?: Date;
}): boolean {
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0)
    throw new RangeError(`toleranceSeconds must be a non-negative number, got ${toleranceSeconds}`);
  const nowSeconds = now.getTime() / 1000;
  if (!Number.isFinite(nowSeconds)) throw new RangeError('now is not a valid date');
  if (secret.length === 0) return false;

  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return false;

  const expected = Buffer.from(hmacHex(secret, parsed.timestamp, body), 'hex');
  let matched = false;
  for (const signature of parsed.signatures) {
    // Both sides are 32 bytes (the pattern guarantees it), as timingSafeEqual requires.
    if (timingSafeEqual(Buffer.from(signature, 'hex'), expected)) matched = true;
  }
  return matched;
}
