import { signWebhookPayload, WEBHOOK_EVENT_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** Stable across retries: the receiver de-duplicates by it. */
  eventId: string;
  payload: unknown;
}

export interface WebhookSender {
  deliver(request: WebhookRequest): Promise<{ status: number }>;
}

/** The receiver refused the call for good (4xx other than 408/429, or a redirect). */
export class WebhookRejectedError extends Error {
  readonly code = 'NOTIFY.WEBHOOK_REJECTED';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRejectedError';
  }
}

/** Unreachable, timed out, or 408/429/5xx: the activity retries with back-off. */
export class WebhookTemporaryError extends Error {
  readonly code = 'NOTIFY.WEBHOOK_TEMPORARY';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTemporaryError';
  }
}

export function createWebhookSender({
  timeoutMs,
  now = () => new Date(),
}: {
  timeoutMs: number;
  now?: () => Date;
}): WebhookSender {
  return {
    async deliver({ url, secret, eventId, payload }) {
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(now().getTime() / 1000);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'Content-Type': 'application/json',
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookPayload({ secret, timestamp, body }),
            [WEBHOOK_EVENT_ID_HEADER]: eventId,
          },
          body,
        });
      } catch (error) {
        throw new WebhookTemporaryError(`webhook unreachable: ${(error as Error).message}`);
      }
      await response.arrayBuffer().catch(() => undefined); // drain, so the connection is reused
      if (response.status >= 200 && response.status < 300) return { status: response.status };
      if (response.status === 408 || response.status === 429 || response.status >= 500)
        throw new WebhookTemporaryError(`webhook answered ${response.status}`);
      throw new WebhookRejectedError(`webhook answered ${response.status}`);
    },
  };
}
