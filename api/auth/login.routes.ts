import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import { ANY_ROLE } from './roles';
import { principalSchema } from './principal';
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

export function registerLoginRoutes(routes: ApiRoutes, db: Db, tokens: TokenService): void {
  routes.add({
    method: 'post',
    path: '/auth/login',
    tag: 'Auth',
    summary: 'Log in with a username and password; answers a bearer token',
    access: { public: true },
    body: loginBody,
    responses: { 200: { description: 'Token issued', schema: loginResponse }, 401: { description: 'Wrong username or password' } },
    handler: async ({ body, req }) => {
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
      const issued = await tokens.issue(principal);
      return { status: 200, body: { token: issued.token, expiresAt: issued.expiresAt.toISOString() } };
    },
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
