import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a receiver reads: the signature over "<timestamp>.<body>", and an id to drop duplicates. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Coordination-Signature';
export const WEBHOOK_EVENT_ID_HEADER = 'X-Coordination-Event-Id';

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** "t=<unix seconds>,v1=<hex HMAC-SHA256>": the timestamp is signed too, so an old call cannot be replayed later. */
export function signWebhookPayload({
  secret,
  timestamp,
  body,
}: {
  secret: string;
  timestamp: number;
  body: string;
}): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

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
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const signature = parts.get('v1');
  if (!Number.isInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(hmac(secret, timestamp, body), 'hex'));
}
