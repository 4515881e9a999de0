import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Request } from 'express';
import type { Db } from '../../db/client';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import { clearedSessionCookies, newCsrfValue, sessionCookies } from './browser-session';
import { ANY_ROLE } from './roles';
import { principalSchema, type Principal } from './principal';
import { findSignInAccount } from './principal-lookup';
import type { TokenService } from './tokens';

const loginBody = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .meta({ id: 'LoginRequest' });

const loginResponse = z
  .object({ token: z.string(), expiresAt: z.string().meta({ format: 'date-time' }) })
  .meta({ id: 'LoginResponse' });

// Verified when the username is unknown, so that a wrong username and a wrong password take
// the same time and an attacker cannot list the accounts.
const unknownUserHash = hash('not-a-real-password-' + Math.random());

const sessionResponse = z
  .object({
    user: principalSchema,
    expiresAt: z.string().meta({ format: 'date-time' }),
    csrfToken: z.string().meta({ description: 'Repeat it in the X-CSRF-Token header of every change' }),
  })
  .meta({ id: 'BrowserSession' });

const tooManyAttempts = { description: 'Too many login attempts from this address; try again in a minute' };

/** The account behind a username and password, audited either way; a 401 when they do not match. */
async function signIn(db: Db, body: z.output<typeof loginBody>, req: Request): Promise<Principal> {
  const account = await findSignInAccount(db, body.username);
  const passwordOk = await verify(account?.passwordHash ?? (await unknownUserHash), body.password).catch(() => false);
  const principal = account?.usable && passwordOk ? account.principal : undefined;
  await db.auditEvent.create({
    data: {
      action: principal ? 'auth.login' : 'auth.login_failed',
      actorUserId: principal?.userId ?? null,
      actorAgencyId: principal?.agencyId ?? null,
      subjectType: 'user',
      subjectId: account?.principal.userId ?? 'unknown',
      requestId: String(req.id),
    },
  });
  if (!principal) throw problems.badCredentials();
  return principal;
}

export function registerLoginRoutes(routes: ApiRoutes, db: Db, tokens: TokenService): void {
  routes.add({
    method: 'post',
    path: '/auth/login',
    tag: 'Auth',
    summary: 'Log in with a username and password; answers a bearer token',
    access: { public: true },
    body: loginBody,
    responses: {
      200: { description: 'Token issued', schema: loginResponse },
      401: { description: 'Wrong username or password' },
      429: tooManyAttempts,
    },
    handler: async ({ body, req }) => {
      const issued = await tokens.issue(await signIn(db, body, req));
      return { status: 200, body: { token: issued.token, expiresAt: issued.expiresAt.toISOString() } };
    },
  });

  routes.add({
    method: 'post',
    path: '/auth/session',
    tag: 'Auth',
    summary: 'Log in from the web application: the session is set as an httpOnly cookie',
    description:
      'The token never reaches page scripts. The answer carries the CSRF value (also set as the readable cookie ce_csrf) that every later change must send in X-CSRF-Token.',
    access: { public: true },
    body: loginBody,
    responses: {
      200: { description: 'Session opened; Set-Cookie carries it', schema: sessionResponse },
      401: { description: 'Wrong username or password' },
      429: tooManyAttempts,
    },
    handler: async ({ body, req }) => {
      const principal = await signIn(db, body, req);
      const csrf = newCsrfValue();
      const issued = await tokens.issue(principal, csrf);
      return {
        status: 200,
        headers: { 'Set-Cookie': sessionCookies(issued.token, csrf, issued.expiresAt, req.secure), 'Cache-Control': 'no-store' },
        body: { user: principal, expiresAt: issued.expiresAt.toISOString(), csrfToken: csrf },
      };
    },
  });

  routes.add({
    method: 'delete',
    path: '/auth/session',
    tag: 'Auth',
    summary: 'Log out of the web application: the session cookies are cleared',
    access: { public: true },
    responses: { 204: { description: 'Session cookies cleared' } },
    handler: async ({ req }) => ({ status: 204, headers: { 'Set-Cookie': clearedSessionCookies(req.secure) } }),
  });

  routes.add({
    method: 'get',
    path: '/me',
    tag: 'Auth',
    summary: 'Who the token belongs to: user, agency, roles and jurisdiction',
    access: { roles: ANY_ROLE },
    responses: { 200: { description: 'The caller', schema: principalSchema.meta({ id: 'Principal' }) } },
    handler: async ({ principal }) => ({ status: 200, body: principal }),
  });
}
