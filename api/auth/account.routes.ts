import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { Role } from '../../generated/prisma/enums';
import type { Prisma } from '../../generated/prisma/client';
import type { ApiRoutes, Reply } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { accountProblems } from './account-problems';
import { auditAccountEvent } from './account-audit';
import { newCsrfValue, sessionCookies } from './browser-session';
import { assertCovers } from './jurisdiction-guard';
import type { LoginThrottle } from './login-throttle';
import { generateOneTimePassword, passwordPolicyViolations } from './password-policy';
import { ANY_ROLE } from './roles';
import type { TokenService } from './tokens';

export interface AccountRouteDeps {
  db: Db;
  tokens: TokenService;
  throttle: LoginThrottle;
  directory: JurisdictionDirectory;
}

const ADMINS: readonly Role[] = [Role.SYSTEM_ADMIN];

const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200),
  })
  .meta({ id: 'PasswordChangeRequest' });

const passwordChanged = z
  .object({
    token: z
      .string()
      .optional()
      .meta({ description: 'A bearer client’s new token (absent for a browser session: the new session is in Set-Cookie)' }),
    csrfToken: z.string().optional().meta({ description: 'A browser session’s new CSRF value' }),
    expiresAt: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'PasswordChanged' });

const usernameParams = z.object({ username: z.string().trim().min(1).max(100) });

const passwordReset = z
  .object({
    username: z.string(),
    oneTimePassword: z.string().meta({ description: 'Shown once, never stored in clear; the user must change it at the first login' }),
    mustChangePassword: z.literal(true),
  })
  .meta({ id: 'PasswordReset' });

const activeBody = z.object({ active: z.boolean() }).meta({ id: 'AccountActiveRequest' });
const accountActive = z.object({ username: z.string(), active: z.boolean() }).meta({ id: 'AccountActive' });

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const auditQuery = z
  .object({
    subjectType: z.string().trim().min(1).max(50).optional(),
    subjectId: z.string().trim().min(1).max(200).optional(),
    personId: z.uuid().optional().meta({
      description: 'Everything about one person: reads of their record, and the reads and documents of their cases in your jurisdiction',
    }),
    actorUserId: z.uuid().optional(),
    action: z.string().trim().min(1).max(100).optional(),
    from: instant.optional().meta({ description: 'Inclusive; an ISO date-time or date' }),
    to: instant.optional().meta({ description: 'Exclusive; an ISO date-time or date' }),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !(q.personId && (q.subjectType || q.subjectId)), {
    path: ['personId'],
    message: 'personId cannot be combined with subjectType or subjectId / personId không dùng chung với subjectType, subjectId',
  });

const auditEventView = z
  .object({
    id: z.string(),
    occurredAt: z.string().meta({ format: 'date-time' }),
    action: z.string(),
    actorUserId: z.string().nullable(),
    actorUsername: z.string().nullable(),
    actorAgencyId: z.string().nullable(),
    subjectType: z.string(),
    subjectId: z.string(),
    jurisdictionId: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });

const auditPage = z
  .object({
    items: z.array(auditEventView),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'AuditEventPage' });

export function registerAccountRoutes(routes: ApiRoutes, { db, tokens, throttle, directory }: AccountRouteDeps): void {
  routes.add({
    method: 'post',
    path: '/me/password',
    tag: 'Auth',
    summary: 'Change your password; every other session of yours ends, this one continues with a fresh token',
    description:
      'Policy: at least 10 characters, letters and digits, not the username (nor containing it), not a common password, not the current one. ' +
      'A wrong current password counts as a failed login (the same growing delay). A browser session gets a new cookie and CSRF value; a bearer client a new token.',
    access: { roles: ANY_ROLE },
    body: changePasswordBody,
    responses: {
      200: { description: 'Password changed; earlier tokens revoked', schema: passwordChanged },
      403: { description: 'Wrong current password (AUTH.WRONG_CURRENT_PASSWORD), or a browser change without CSRF' },
      422: { description: 'The new password breaks the policy (AUTH.PASSWORD_POLICY), each missing requirement named' },
      429: { description: 'Too soon after failed attempts (AUTH.TOO_SOON), with Retry-After' },
    },
    handler: async ({ principal, body, req }): Promise<Reply> => {
      const missing = passwordPolicyViolations(body.newPassword, principal.username, body.currentPassword);
      if (missing.length > 0) throw accountProblems.passwordPolicy(missing);
      const waitMs = await throttle.claim({ userId: principal.userId });
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        req.res?.setHeader('Retry-After', String(seconds));
        throw accountProblems.tooSoon(seconds);
      }
      const user = await db.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { passwordHash: true } });
      const audit = { req, actor: principal, subjectUserId: principal.userId, jurisdictionId: principal.jurisdictionId };
      if (!(await verify(user.passwordHash, body.currentPassword).catch(() => false))) {
        await auditAccountEvent(db, { action: 'auth.password_change_failed', ...audit });
        throw accountProblems.wrongCurrentPassword();
      }
      const passwordHash = await hash(body.newPassword);
      const [updated] = await db.$transaction([
        db.user.update({
          where: { id: principal.userId },
          data: { passwordHash, mustChangePassword: false, tokenVersion: { increment: 1 }, failedLogins: 0, lastFailedLoginAt: null },
          select: { tokenVersion: true },
        }),
        db.auditEvent.create({
          data: {
            action: 'auth.password_changed',
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            subjectType: 'user',
            subjectId: principal.userId,
            jurisdictionId: principal.jurisdictionId,
            requestId: String(req.id),
          },
        }),
      ]);
      if (req.get('authorization')) {
        const issued = await tokens.issue(principal, { version: updated.tokenVersion });
        return {
          status: 200,
          headers: { 'Cache-Control': 'no-store' },
          body: { token: issued.token, expiresAt: issued.expiresAt.toISOString() },
        };
      }
      const csrf = newCsrfValue();
      const issued = await tokens.issue(principal, { csrf, version: updated.tokenVersion });
      return {
        status: 200,
        headers: { 'Set-Cookie': sessionCookies(issued.token, csrf, issued.expiresAt, req.secure), 'Cache-Control': 'no-store' },
        body: { csrfToken: csrf, expiresAt: issued.expiresAt.toISOString() },
      };
    },
  });

  /** The account behind a username, 404 when none, 403 when its agency is outside the administrator's jurisdiction. */
  async function administeredUser(principal: Parameters<typeof assertCovers>[1], username: string) {
    const user = await db.user.findUnique({ where: { username }, include: { agency: true } });
    if (!user) throw accountProblems.userNotFound();
    assertCovers(await directory.scope(), principal, user.agency.jurisdictionId);
    return user;
  }

  routes.add({
    method: 'post',
    path: '/admin/users/:username/password-reset',
    tag: 'Accounts',
    summary: 'Reset a user’s password: a one-time password, shown once, to be changed at the next login',
    description:
      'For an administrator of an agency covering the user’s agency’s jurisdiction. Every token of the user is revoked; the failed-login delay starts again. Audited (auth.password_reset).',
    access: { roles: ADMINS },
    params: usernameParams,
    responses: {
      200: { description: 'The one-time password', schema: passwordReset },
      404: { description: 'No such account' },
    },
    handler: async ({ principal, params, req }) => {
      const user = await administeredUser(principal, params.username);
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hash(oneTimePassword);
      await db.$transaction([
        db.user.update({
          where: { id: user.id },
          data: { passwordHash, mustChangePassword: true, tokenVersion: { increment: 1 }, failedLogins: 0, lastFailedLoginAt: null },
        }),
        db.auditEvent.create({
          data: {
            action: 'auth.password_reset',
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            subjectType: 'user',
            subjectId: user.id,
            jurisdictionId: user.agency.jurisdictionId,
            requestId: String(req.id),
          },
        }),
      ]);
      return {
        status: 200,
        headers: { 'Cache-Control': 'no-store' },
        body: { username: user.username, oneTimePassword, mustChangePassword: true },
      };
    },
  });

  routes.add({
    method: 'put',
    path: '/admin/users/:username/active',
    tag: 'Accounts',
    summary: 'Deactivate or reactivate an account; a deactivated account’s tokens are refused at once',
    description:
      'For an administrator of an agency covering the user’s agency’s jurisdiction; not one’s own account. Audited (auth.account_deactivated, auth.account_reactivated).',
    access: { roles: ADMINS },
    params: usernameParams,
    body: activeBody,
    responses: {
      200: { description: 'The account’s state now', schema: accountActive },
      404: { description: 'No such account' },
      422: { description: 'An administrator deactivating their own account (AUTH.SELF_DEACTIVATION)' },
    },
    handler: async ({ principal, params, body, req }) => {
      const user = await administeredUser(principal, params.username);
      if (!body.active && user.id === principal.userId) throw accountProblems.selfDeactivation();
      await db.$transaction([
        db.user.update({
          where: { id: user.id },
          data: { active: body.active, ...(body.active ? {} : { tokenVersion: { increment: 1 } }) },
        }),
        db.auditEvent.create({
          data: {
            action: body.active ? 'auth.account_reactivated' : 'auth.account_deactivated',
            actorUserId: principal.userId,
            actorAgencyId: principal.agencyId,
            subjectType: 'user',
            subjectId: user.id,
            jurisdictionId: user.agency.jurisdictionId,
            requestId: String(req.id),
          },
        }),
      ]);
      return { status: 200, body: { username: user.username, active: body.active } };
    },
  });

  routes.add({
    method: 'get',
    path: '/admin/audit',
    tag: 'Accounts',
    summary: 'The audit log of your jurisdiction, newest first: who read or changed what, logins included',
    description:
      'Rows whose jurisdiction your agency covers, filtered by subject, actor, action and time. ' +
      '`personId` answers "who read this person’s record": the reads of the person (by anyone, wherever they work) and the reads and documents of their cases in your jurisdiction; ' +
      '404 when none of the person’s cases is in your jurisdiction. Each query is itself audited (audit.read).',
    access: { roles: ADMINS },
    query: auditQuery,
    responses: {
      200: { description: 'One page of audit rows', schema: auditPage },
      404: { description: 'personId: no such person with a case in your jurisdiction' },
    },
    handler: async ({ principal, query, req }) => {
      const scope = await directory.scope();
      const filters: Prisma.AuditEventWhereInput[] = [];
      if (query.personId) {
        const cases = await db.case.findMany({ where: { personId: query.personId }, select: { id: true, jurisdictionId: true } });
        const covered = cases.filter((c) => scope.covers(principal.jurisdictionPath, c.jurisdictionId)).map((c) => c.id);
        if (covered.length === 0) {
          throw accountProblems.notFoundPerson();
        }
        filters.push({
          OR: [
            { subjectType: 'person', subjectId: query.personId },
            { subjectType: 'case', subjectId: { in: covered } },
            ...covered.map((caseRef) => ({ subjectType: 'case_document', details: { path: ['caseRef'], equals: caseRef } })),
          ],
        });
      } else {
        filters.push({ jurisdictionId: { in: scope.ids().filter((id) => scope.covers(principal.jurisdictionPath, id)) } });
      }
      if (query.subjectType) filters.push({ subjectType: query.subjectType });
      if (query.subjectId) filters.push({ subjectId: query.subjectId });
      if (query.actorUserId) filters.push({ actorUserId: query.actorUserId });
      if (query.action) filters.push({ action: query.action });
      if (query.from) filters.push({ occurredAt: { gte: new Date(query.from) } });
      if (query.to) filters.push({ occurredAt: { lt: new Date(query.to) } });
      const where: Prisma.AuditEventWhereInput = { AND: filters };
      const [total, rows] = await Promise.all([
        db.auditEvent.count({ where }),
        db.auditEvent.findMany({
          where,
          orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
      ]);
      const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
      const actors = new Map(
        (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true } })).map((u) => [u.id, u.username]),
      );
      await db.auditEvent.create({
        data: {
          action: 'audit.read',
          actorUserId: principal.userId,
          actorAgencyId: principal.agencyId,
          subjectType: query.personId ? 'person' : 'audit',
          subjectId: query.personId ?? '*',
          jurisdictionId: principal.jurisdictionId,
          requestId: String(req.id),
          details: {
            filters: Object.keys(query).filter((k) => !['page', 'pageSize'].includes(k) && query[k as keyof typeof query] !== undefined),
            results: rows.length,
          },
        },
      });
      return {
        status: 200,
        body: {
          items: rows.map((r) => ({
            id: r.id.toString(),
            occurredAt: r.occurredAt.toISOString(),
            action: r.action,
            actorUserId: r.actorUserId,
            actorUsername: r.actorUserId ? (actors.get(r.actorUserId) ?? null) : null,
            actorAgencyId: r.actorAgencyId,
            subjectType: r.subjectType,
            subjectId: r.subjectId,
            jurisdictionId: r.jurisdictionId,
            requestId: r.requestId,
            details: r.details && typeof r.details === 'object' && !Array.isArray(r.details) ? (r.details as Record<string, unknown>) : {},
          })),
          page: query.page,
          pageSize: query.pageSize,
          total,
        },
      };
    },
  });
}
