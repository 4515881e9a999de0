import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];

/** The API's problem answer (RFC 9457), Vietnamese with English beside it. */
export interface ProblemBody {
  code: string;
  status: number;
  title: string;
  detail: string;
  titleEn: string;
  detailEn: string;
  errors?: { field: string; message: string; messageEn: string }[];
  [extra: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly status: number, readonly body: ProblemBody) {
    super(`${status} ${body.code}`);
  }
}

const CSRF_COOKIE = 'ce_csrf';

/** The session's CSRF value (readable cookie), repeated in X-CSRF-Token on every change. */
export function csrfToken(): string | undefined {
  const value = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
  return value === undefined ? undefined : decodeURIComponent(value);
}

let onSessionLost: () => void = () => undefined;

/** What to do when the session has expired (the app returns to the login screen, then back). */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    // The session cookie goes by itself (same origin); a change must repeat the CSRF value.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    const url = new URL(request.url);
    if (response.status === 401 && url.pathname !== '/auth/session') onSessionLost();
    return response;
  },
};

// JSON only: an operation that can also send a file (format=xlsx/csv) keeps its JSON body type here.
export const api = createClient<paths, 'application/json'>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(session);

/** The body of a successful answer, or an ApiProblem carrying the API's own words. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw new ApiProblem(response.status, asProblem(response.status, error));
}

function asProblem(status: number, error: unknown): ProblemBody {
  if (error && typeof error === 'object' && 'code' in error) return error as ProblemBody;
  return {
    code: 'HTTP',
    status,
    title: 'Không thực hiện được',
    detail: `Máy chủ trả lời ${status}.`,
    titleEn: 'Request failed',
    detailEn: `The server answered ${status}.`,
  };
}

/** A request that got no answer at all (connection lost), in the same shape as the API's refusals. */
export function networkProblem(error: unknown): ApiProblem {
  const detail = String(error);
  return new ApiProblem(0, { code: 'NETWORK', status: 0, title: 'Mất kết nối', detail, titleEn: 'Connection lost', detailEn: detail });
}

/**
 * Sends a file as it is (not JSON), so the typed client cannot: the session's CSRF value beside
 * it, the answer's JSON back, or the API's refusal as an ApiProblem.
 */
export async function postFile(path: string, query: Record<string, string>, file: File): Promise<unknown> {
  const response = await fetch(`${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-CSRF-Token': csrfToken() ?? '' },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw new ApiProblem(response.status, body as ProblemBody);
  return body;
}

/** A fresh key per submitted form: a retry of the same submission is answered once (Idempotency-Key). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
