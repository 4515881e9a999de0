import { signWebhookPayload, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** Stable across retries: the receiver de-duplicates by it. */
  eventId: string;
  /** Sent as JSON. */
  payload: unknown;
}

export interface WebhookSender {
  deliver(request: WebhookRequest): Promise<{ status: number }>;
}

/** The receiver refused the call for good (4xx other than 408/429, or a redirect), or it cannot be made. */
export class WebhookRejectedError extends Error {
  readonly code = 'NOTIFY.WEBHOOK_REJECTED';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookRejectedError';
  }
}

/** Unreachable, timed out, or 408/429/5xx: the activity retries with back-off. */
export class WebhookTemporaryError extends Error {
  readonly code = 'NOTIFY.WEBHOOK_TEMPORARY';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookTemporaryError';
  }
}

const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/** The body to sign and send; a payload JSON cannot represent fails every attempt alike. */
function serialise(payload: unknown): string {
  let body: string | undefined;
  try {
    body = JSON.stringify(payload);
  } catch (error) {
    throw new WebhookRejectedError(`webhook payload is not serialisable: ${(error as Error).message}`);
  }
  if (body === undefined) throw new WebhookRejectedError('webhook payload is not serialisable to JSON');
  return body;
}

function checkedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookRejectedError('webhook URL is not a valid URL');
  }
  // fetch also reads data: and blob: URLs, which would "succeed" without calling anyone.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new WebhookRejectedError(`webhook URL scheme ${parsed.protocol} is not http or https`);
  return parsed;
}

interface FetchFailure {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** Read by shape, not `instanceof`: fetch's errors may come from another realm (e.g. under jest). */
const asFailure = (error: unknown): FetchFailure => (typeof error === 'object' && error !== null ? error : {});

/** Why fetch failed, without the URL (its query may hold a receiver's token). */
function networkFailure(error: unknown, timeoutMs: number): WebhookTemporaryError {
  const failure = asFailure(error);
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError')
    return new WebhookTemporaryError(`webhook timed out after ${timeoutMs} ms`);
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = asFailure(failure.cause);
  const reason = [cause.code, cause.message ?? failure.message]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join(': ');
  return new WebhookTemporaryError(`webhook unreachable: ${reason || String(error)}`);
}

/**
 * Signed JSON POSTs through Node's fetch. Redirects are not followed: a receiver that moved
 * must be re-registered, and following one would send the signed payload somewhere unvetted.
 */
export function createWebhookSender({
  timeoutMs,
  now = () => new Date(),
}: {
  timeoutMs: number;
  now?: () => Date;
}): WebhookSender {
  return {
    async deliver({ url, secret, eventId, payload }) {
      const target = checkedUrl(url);
      const body = serialise(payload);
      const timestamp = Math.floor(now().getTime() / 1000);
      const signature = signWebhookPayload({ secret, timestamp, body });
      let response: Response;
      try {
        response = await fetch(target, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'Content-Type': 'application/json',
            [WEBHOOK_SIGNATURE_HEADER]: signature,
            [WEBHOOK_EVENT_ID_HEADER]: eventId,
          },
          body,
        });
      } catch (error) {
        throw networkFailure(error, timeoutMs);
      }
      // The answer's body is not needed; cancel it rather than read a body of any size.
      await response.body?.cancel().catch(() => undefined);
      const { status } = response;
      if (status >= 200 && status < 300) return { status };
      if (isRetryableStatus(status)) throw new WebhookTemporaryError(`webhook answered ${status}`, status);
      if (status >= 300 && status < 400)
        throw new WebhookRejectedError(`webhook answered ${status}: redirects are not followed`, status);
      throw new WebhookRejectedError(`webhook answered ${status}`, status);
    },
  };
}
