import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ApiRoutes } from '../http/routes';
import { problems } from '../http/problem';
import { ANY_ROLE } from './roles';
import { principalSchema } from './principal';
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
      const user = await db.user.findUnique({
        where: { username: body.username },
        include: { agency: { include: { jurisdiction: true } } },
      });
      const passwordOk = await verify(user?.passwordHash ?? (await unknownUserHash), body.password).catch(() => false);
      const usable = user && user.active && passwordOk && user.roles.length > 0 && user.agency.validTo === null;
      await db.auditEvent.create({
        data: {
          action: usable ? 'auth.login' : 'auth.login_failed',
          actorUserId: usable ? user.id : null,
          actorAgencyId: usable ? user.agencyId : null,
          subjectType: 'user',
          subjectId: user?.id ?? 'unknown',
          requestId: String(req.id),
        },
      });
      if (!usable) throw problems.badCredentials();
      const principal = principalSchema.parse({
        userId: user.id,
        username: user.username,
        agencyId: user.agencyId,
        roles: user.roles,
        jurisdictionId: user.agency.jurisdictionId,
        jurisdictionPath: user.agency.jurisdiction.path,
      });
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
