import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Request } from 'express';
import type { Db } from '../../db/client';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import { accountProblems } from './account-problems';
import { auditAccountEvent, revokeTokens } from './account-audit';
import { clearedSessionCookies, csrfSatisfied, newCsrfValue, sessionCookies, sessionTokenOf } from './browser-session';
import type { LoginThrottle } from './login-throttle';
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

const mustChangePasswordField = z
  .boolean()
  .meta({ description: 'The password was issued by an administrator: only GET /me, POST /me/password and logout work until it is changed' });

const loginResponse = z
  .object({
    token: z.string(),
    expiresAt: z.string().meta({ format: 'date-time' }),
    mustChangePassword: mustChangePasswordField,
  })
  .meta({ id: 'LoginResponse' });

// Verified when the username is unknown, so that a wrong username and a wrong password take
// the same time and an attacker cannot list the accounts.
const unknownUserHash = hash('not-a-real-password-' + Math.random());

const sessionResponse = z
  .object({
    user: principalSchema,
    expiresAt: z.string().meta({ format: 'date-time' }),
    csrfToken: z.string().meta({ description: 'Repeat it in the X-CSRF-Token header of every change' }),
    mustChangePassword: mustChangePasswordField,
  })
  .meta({ id: 'BrowserSession' });

export const meResponse = principalSchema.extend({ mustChangePassword: mustChangePasswordField }).meta({ id: 'Principal' });

const tooManyAttempts = {
  description:
    'Too many login attempts from this address (REQUEST.RATE_LIMITED), or for this username: wait the Retry-After seconds (AUTH.TOO_SOON; the account is never locked)',
};
const badCredentials = { description: 'Wrong username or password (the same answer for a name that does not exist)' };

export interface SignedIn {
  principal: Principal;
  tokenVersion: number;
  mustChangePassword: boolean;
}

/**
 * The account behind a username and password, audited either way; a 401 when they do not match,
 * a 429 when the username's delay after failed attempts has not passed (unknown names alike).
 */
async function signIn(db: Db, throttle: LoginThrottle, body: z.output<typeof loginBody>, req: Request): Promise<SignedIn> {
  const account = await findSignInAccount(db, body.username);
  const subject = account ? { subjectUserId: account.principal.userId, jurisdictionId: account.principal.jurisdictionId } : {};
  const waitMs = await throttle.claim(account ? { userId: account.principal.userId } : { unknownName: body.username });
  if (waitMs > 0) {
    await auditAccountEvent(db, { action: 'auth.login_too_soon', req, ...subject });
    const seconds = Math.ceil(waitMs / 1000);
    // The error handler keeps headers already set on the response.
    req.res?.setHeader('Retry-After', String(seconds));
    throw accountProblems.tooSoon(seconds);
  }
  const passwordOk = await verify(account?.passwordHash ?? (await unknownUserHash), body.password).catch(() => false);
  const ok = Boolean(account?.usable && passwordOk);
  await auditAccountEvent(db, {
    action: ok ? 'auth.login' : 'auth.login_failed',
    req,
    actor: ok ? account?.principal : undefined,
    ...subject,
    // Why it failed, for the administrator; a name that does not exist leaves no trace of itself.
    ...(account && !ok ? { details: { reason: passwordOk ? 'account_disabled' : 'wrong_password' } } : {}),
  });
  if (!ok || !account) throw problems.badCredentials();
  await throttle.succeeded(account.principal.userId);
  return { principal: account.principal, tokenVersion: account.tokenVersion, mustChangePassword: account.mustChangePassword };
}

export function registerLoginRoutes(routes: ApiRoutes, db: Db, tokens: TokenService, throttle: LoginThrottle): void {
  routes.add({
    method: 'post',
    path: '/auth/login',
    tag: 'Auth',
    summary: 'Log in with a username and password; answers a bearer token',
    description:
      'After three failed attempts for a username, each further attempt must wait 1, 2, 4, … seconds (at most 60) after the previous one; ' +
      'an early one answers 429 AUTH.TOO_SOON with Retry-After and is not checked. The account is never locked: after the wait, the right password works.',
    access: { public: true },
    body: loginBody,
    responses: {
      200: { description: 'Token issued', schema: loginResponse },
      401: badCredentials,
      429: tooManyAttempts,
    },
    handler: async ({ body, req }) => {
      const signedIn = await signIn(db, throttle, body, req);
      const issued = await tokens.issue(signedIn.principal, { version: signedIn.tokenVersion });
      return {
        status: 200,
        headers: { 'Cache-Control': 'no-store' },
        body: { token: issued.token, expiresAt: issued.expiresAt.toISOString(), mustChangePassword: signedIn.mustChangePassword },
      };
    },
  });

  routes.add({
    method: 'post',
    path: '/auth/session',
    tag: 'Auth',
    summary: 'Log in from the web application: the session is set as an httpOnly cookie',
    description:
      'The token never reaches page scripts. The answer carries the CSRF value (also set as the readable cookie ce_csrf) that every later change must send in X-CSRF-Token. ' +
      'The same per-username delay as POST /auth/login applies.',
    access: { public: true },
    body: loginBody,
    responses: {
      200: { description: 'Session opened; Set-Cookie carries it', schema: sessionResponse },
      401: badCredentials,
      429: tooManyAttempts,
    },
    handler: async ({ body, req }) => {
      const signedIn = await signIn(db, throttle, body, req);
      const csrf = newCsrfValue();
      const issued = await tokens.issue(signedIn.principal, { csrf, version: signedIn.tokenVersion });
      return {
        status: 200,
        headers: { 'Set-Cookie': sessionCookies(issued.token, csrf, issued.expiresAt, req.secure), 'Cache-Control': 'no-store' },
        body: {
          user: signedIn.principal,
          expiresAt: issued.expiresAt.toISOString(),
          csrfToken: csrf,
          mustChangePassword: signedIn.mustChangePassword,
        },
      };
    },
  });

  routes.add({
    method: 'delete',
    path: '/auth/session',
    tag: 'Auth',
    summary: 'Log out of the web application: the session cookies are cleared and every session of the user ends',
    description:
      'With a valid session and its X-CSRF-Token, the account’s token version is raised: every token of the user (other browsers, bearer clients) stops working. ' +
      'The cookies are cleared in any case.',
    access: { public: true },
    responses: { 204: { description: 'Session cookies cleared' } },
    handler: async ({ req }) => {
      const cookie = sessionTokenOf(req);
      const session = cookie ? await tokens.verifySession(cookie) : undefined;
      if (session?.csrf && csrfSatisfied(req, session.csrf)) {
        await revokeTokens(db, session.principal.userId);
        await auditAccountEvent(db, {
          action: 'auth.logout',
          req,
          actor: session.principal,
          subjectUserId: session.principal.userId,
          jurisdictionId: session.principal.jurisdictionId,
        });
      }
      return { status: 204, headers: { 'Set-Cookie': clearedSessionCookies(req.secure) } };
    },
  });

  routes.add({
    method: 'post',
    path: '/auth/logout',
    tag: 'Auth',
    summary: 'Log out a bearer client: every token of the user stops working (all their sessions end)',
    access: { roles: ANY_ROLE },
    responses: { 204: { description: 'Every token of the user revoked' } },
    handler: async ({ principal, req }) => {
      await revokeTokens(db, principal.userId);
      await auditAccountEvent(db, {
        action: 'auth.logout',
        req,
        actor: principal,
        subjectUserId: principal.userId,
        jurisdictionId: principal.jurisdictionId,
      });
      return { status: 204, headers: { 'Set-Cookie': clearedSessionCookies(req.secure) } };
    },
  });

  routes.add({
    method: 'get',
    path: '/me',
    tag: 'Auth',
    summary: 'Who the token belongs to: user, agency, roles and jurisdiction, and whether the password must be changed',
    access: { roles: ANY_ROLE },
    responses: { 200: { description: 'The caller', schema: meResponse } },
    handler: async ({ principal }) => {
      const user = await db.user.findUnique({ where: { id: principal.userId }, select: { mustChangePassword: true } });
      return { status: 200, body: { ...principal, mustChangePassword: user?.mustChangePassword ?? false } };
    },
  });
}
