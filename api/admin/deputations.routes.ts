import { z } from 'zod';
import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { Role } from '../../generated/prisma/enums';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

/** The roles a deputy may hold for an absent colleague: the heads whose steps nobody else may take. */
const DEPUTISABLE = [Role.COMMUNE_CHAIRMAN, Role.CHIEF_JUDGE, Role.COMMUNE_POLICE_HEAD, Role.FACILITY_DIRECTOR] as const;

const isoDate = z.iso.date().meta({ example: '2026-12-01' });
const deputationBody = z
  .object({
    deputyUsername: z.string().min(1).max(64),
    forUsername: z.string().min(1).max(64).meta({ description: 'The colleague who is away (same agency)' }),
    role: z.enum(DEPUTISABLE).meta({ description: 'The absent colleague’s role the deputy holds meanwhile' }),
    from: isoDate,
    to: isoDate,
    reason: z.string().trim().min(5).max(500).meta({ description: 'The decision or the absence (leave, mission)' }),
  })
  .refine((body) => body.from <= body.to, { path: ['to'], message: 'Ngày kết thúc trước ngày bắt đầu / ends before it starts' });
const deputationView = z
  .object({
    id: z.uuid(),
    deputyUsername: z.string(),
    forUsername: z.string(),
    agencyId: z.string(),
    role: z.enum(Role),
    from: isoDate,
    to: isoDate,
    reason: z.string(),
    revokedAt: z.iso.datetime().nullable(),
    inForce: z.boolean(),
  })
  .meta({ id: 'Deputation' });
const deputationList = z.object({ items: z.array(deputationView) }).meta({ id: 'DeputationList' });
const idParams = z.object({ id: z.uuid() });

const refused = (code: string, vi: string, en: string) => new Problem(422, code, { vi: 'Không thể giao quyền như vậy', en: 'Deputation refused' }, { vi, en });

/**
 * Deputies (issue #18): a chairman, a chief judge, a head of commune police or a facility director
 * who is away is replaced, between two dates, by a colleague of the same agency, who holds the
 * absent one's role meanwhile (read on every request: it starts and ends on its dates, whatever
 * token the deputy holds). The deputy acts under their own name. Kept by the administrators;
 * every change audited.
 */
export function registerDeputationRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  const include = { deputy: { include: { agency: true } }, forUser: true } as const;
  type Row = NonNullable<Awaited<ReturnType<typeof db.deputation.findFirst<{ include: typeof include }>>>>;
  const view = (row: Row) => {
    const today = vietnamDate();
    const from = row.fromDate.toISOString().slice(0, 10);
    const to = row.toDate.toISOString().slice(0, 10);
    return {
      id: row.id,
      deputyUsername: row.deputy.username,
      forUsername: row.forUser.username,
      agencyId: row.deputy.agencyId,
      role: row.role,
      from,
      to,
      reason: row.reason,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      inForce: row.revokedAt === null && from <= today && today <= to,
    };
  };
  const audit = (principal: Principal, action: string, subjectId: string, jurisdictionId: string, requestId: unknown, details: object) =>
    auditChange(db, principal, { action, subjectType: 'deputation', subjectId, jurisdictionId, requestId, details });

  routes.add({
    method: 'post',
    path: '/admin/deputations',
    tag: 'Administration',
    summary: 'Name a deputy for an absent chairman, chief judge, head of commune police or facility director, between two dates (audited)',
    description: 'Both accounts in one agency the administrator covers; the absent colleague holds the role; the deputy is active. The deputy acts under their own name.',
    access: { roles: [Role.SYSTEM_ADMIN] },
    body: deputationBody,
    responses: {
      201: { description: 'The deputation', schema: deputationView },
      404: { description: 'No such account in your jurisdiction' },
      422: { description: 'Not the same agency, the absent colleague does not hold the role, or the deputy is deactivated' },
    },
    handler: async ({ principal, body, req }) => {
      const scope = await directory.scope();
      const [deputy, absent] = await Promise.all(
        [body.deputyUsername, body.forUsername].map((username) => db.user.findUnique({ where: { username }, include: { agency: true } })),
      );
      for (const user of [deputy, absent])
        if (!user || !scope.covers(principal.jurisdictionPath, user.agency.jurisdictionId))
          throw problems.notFound({ vi: 'Không có tài khoản này.', en: 'No such account.' });
      if (deputy!.agencyId !== absent!.agencyId)
        throw refused('ADMIN.DEPUTY_OTHER_AGENCY', 'Người thay thế phải cùng cơ quan với người vắng mặt.', 'The deputy must be of the absent colleague’s agency.');
      if (!absent!.roles.includes(body.role))
        throw refused('ADMIN.ROLE_NOT_HELD', `${absent!.username} không giữ vai trò ${body.role}.`, `${absent!.username} does not hold ${body.role}.`);
      if (!deputy!.active || deputy!.id === absent!.id)
        throw refused('ADMIN.DEPUTY_UNAVAILABLE', 'Người thay thế phải là một tài khoản khác, đang hoạt động.', 'The deputy must be another, active account.');
      assertCovers(scope, principal, deputy!.agency.jurisdictionId);
      const row = await db.deputation.create({
        data: {
          deputyId: deputy!.id,
          forUserId: absent!.id,
          role: body.role,
          fromDate: isoToDateColumn(body.from),
          toDate: isoToDateColumn(body.to),
          reason: body.reason,
          createdBy: principal.userId,
        },
        include,
      });
      await audit(principal, 'admin.deputation_created', row.id, deputy!.agency.jurisdictionId, req.id, { deputy: deputy!.username, for: absent!.username, role: body.role, from: body.from, to: body.to });
      return { status: 201, body: view(row) };
    },
  });

  routes.add({
    method: 'get',
    path: '/admin/deputations',
    tag: 'Administration',
    summary: 'The deputations of the agencies the administrator covers, newest first',
    access: { roles: [Role.SYSTEM_ADMIN] },
    responses: { 200: { description: 'The deputations', schema: deputationList } },
    handler: async ({ principal }) => {
      const rows = await db.deputation.findMany({
        where: { deputy: { agency: { jurisdiction: { path: { startsWith: principal.jurisdictionPath } } } } },
        include,
        orderBy: { createdAt: 'desc' },
        take: 500,
      });
      return { status: 200, body: { items: rows.map(view) } };
    },
  });

  routes.add({
    method: 'delete',
    path: '/admin/deputations/:id',
    tag: 'Administration',
    summary: 'End a deputation now (the colleague is back early): the deputy loses the role at once (audited)',
    access: { roles: [Role.SYSTEM_ADMIN] },
    params: idParams,
    responses: {
      200: { description: 'The deputation, ended', schema: deputationView },
      404: { description: 'No such deputation in your jurisdiction' },
    },
    handler: async ({ principal, params, req }) => {
      const row = await db.deputation.findUnique({ where: { id: params.id }, include });
      if (!row || !(await directory.scope()).covers(principal.jurisdictionPath, row.deputy.agency.jurisdictionId))
        throw problems.notFound({ vi: 'Không có việc giao quyền này.', en: 'No such deputation.' });
      const ended = row.revokedAt ? row : await db.deputation.update({ where: { id: row.id }, data: { revokedAt: new Date() }, include });
      await audit(principal, 'admin.deputation_ended', row.id, row.deputy.agency.jurisdictionId, req.id, {});
      return { status: 200, body: view(ended) };
    },
  });
}
