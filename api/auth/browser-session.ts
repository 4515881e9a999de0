import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request } from 'express';

/**
 * The web application's session: the same signed token as a bearer client's, kept in an
 * httpOnly cookie that page scripts cannot read, with a double-submit CSRF value beside it.
 * The CSRF value is also signed into the token, so a cookie planted by another site cannot match.
 */
export const SESSION_COOKIE = 'ce_session';
export const CSRF_COOKIE = 'ce_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function newCsrfValue(): string {
  return randomBytes(24).toString('base64url');
}

/** Set-Cookie values for a new session; `Secure` whenever the request came over HTTPS. */
export function sessionCookies(token: string, csrf: string, expiresAt: Date, secure: boolean): string[] {
  const common = { path: '/', sameSite: 'strict' as const, secure, expires: expiresAt };
  return [
    serialize(SESSION_COOKIE, token, { ...common, httpOnly: true }),
    // Readable by the page on purpose: it repeats this value in the X-CSRF-Token header.
    serialize(CSRF_COOKIE, csrf, common),
  ];
}

export function clearedSessionCookies(secure: boolean): string[] {
  const gone = { path: '/', sameSite: 'strict' as const, secure, expires: new Date(0) };
  return [serialize(SESSION_COOKIE, '', { ...gone, httpOnly: true }), serialize(CSRF_COOKIE, '', gone)];
}

export function sessionTokenOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE] || undefined;
}

/** A change (POST, PUT, PATCH, DELETE) made with the cookie must carry the session's CSRF value. */
export function csrfSatisfied(req: Request, expected: string): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  const offered = req.get(CSRF_HEADER);
  if (!offered) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
