import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/client';
import { ROLES_BY_AGENCY_KIND, rolesOutOfPlace } from '../../domain/registry/roles-by-agency-kind';
import type { Prisma } from '../../generated/prisma/client';
import { Role } from '../../generated/prisma/enums';
import { generateOneTimePassword } from '../auth/password-policy';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { changeUserBody, createdUser, createUserBody, usernameParams, userList, userListQuery, userView } from './admin.schemas';

const ADMINS = [Role.SYSTEM_ADMIN];

type UserRow = Prisma.UserGetPayload<{ include: { agency: true } }>;
const view = (user: UserRow) => ({
  username: user.username,
  displayName: user.displayName,
  agencyId: user.agencyId,
  agencyNameVi: user.agency.nameVi,
  roles: user.roles,
  homeAgencyId: user.homeAgencyId,
  active: user.active,
  mustChangePassword: user.mustChangePassword,
  createdAt: user.createdAt.toISOString(),
});

/**
 * The province's users, kept by its administrators (issue #18): created with a one-time
 * password, given roles their agency's kind allows, moved between agencies (their past actions
 * stay under the agency they acted for: case_events keep it), never deleted; deactivation and
 * password resets are in api/auth/account.routes.ts. Every change is audited with what changed.
 */
export function registerAdminUserRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  /** An agency the administrator covers, in force: 422 when it has ended, 404 when unknown. */
  async function administeredAgency(principal: Principal, agencyId: string, field: string) {
    const agency = await db.agency.findUnique({ where: { id: agencyId } });
    if (!agency) throw problems.invalidRequest([{ field, message: 'Không có cơ quan này', messageEn: 'No such agency' }]);
    assertCovers(await directory.scope(), principal, agency.jurisdictionId);
    if (agency.validTo !== null)
      throw new Problem(422, 'ADMIN.AGENCY_ENDED', { vi: 'Cơ quan đã chấm dứt hoạt động', en: 'The agency has ended' }, {
        vi: `Cơ quan ${agency.id} chấm dứt từ ${agency.validTo.toISOString().slice(0, 10)}${agency.successorId ? `; cơ quan kế nhiệm: ${agency.successorId}` : ''}.`,
        en: `Agency ${agency.id} ended on ${agency.validTo.toISOString().slice(0, 10)}${agency.successorId ? `; its successor is ${agency.successorId}` : ''}.`,
      });
    return agency;
  }

  function assertRolesFit(kind: Parameters<typeof rolesOutOfPlace>[0], roles: Role[], agencyId: string) {
    const misplaced = rolesOutOfPlace(kind, roles);
    if (misplaced.length > 0)
      throw new Problem(422, 'ADMIN.ROLE_NOT_FOR_AGENCY', { vi: 'Vai trò không phù hợp với cơ quan', en: 'Role not for this agency' }, {
        vi: `Cơ quan ${agencyId} (${kind}) không có vai trò: ${misplaced.join(', ')}.`,
        en: `Agency ${agencyId} (${kind}) has no such role: ${misplaced.join(', ')}.`,
      }, { roles: misplaced });
  }

  async function administeredUser(principal: Principal, username: string) {
    const user = await db.user.findUnique({ where: { username }, include: { agency: true } });
    if (!user) throw problems.notFound({ vi: 'Không có tài khoản này.', en: 'No such account.' });
    assertCovers(await directory.scope(), principal, user.agency.jurisdictionId);
    return user;
  }

  const audit = (principal: Principal, action: string, user: { id: string }, jurisdictionId: string, requestId: unknown, details: object) =>
    auditChange(db, principal, { action, subjectType: 'user', subjectId: user.id, jurisdictionId, requestId, details });

  routes.add({
    method: 'get',
    path: '/admin/users',
    tag: 'Administration',
    summary: 'The accounts of the agencies the administrator covers, by agency and username',
    access: { roles: ADMINS },
    query: userListQuery,
    responses: {
      200: { description: 'One page of accounts', schema: userList },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const scope = await directory.scope();
      const unit = query.jurisdictionId ?? principal.jurisdictionId;
      if (!scope.pathOf(unit)) throw problems.notFound({ vi: 'Không có đơn vị hành chính này.', en: 'No such administrative unit.' });
      assertCovers(scope, principal, unit);
      const where: Prisma.UserWhereInput = {
        agency: { jurisdiction: { path: { startsWith: scope.pathOf(unit) as string } } },
        ...(query.agencyId ? { agencyId: query.agencyId } : {}),
        ...(query.active ? { active: query.active === 'true' } : {}),
      };
      const [rows, total] = await Promise.all([
        db.user.findMany({
          where,
          include: { agency: true },
          orderBy: [{ agencyId: 'asc' }, { username: 'asc' }],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        db.user.count({ where }),
      ]);
      return { status: 200, body: { items: rows.map(view), total, rolesByAgencyKind: ROLES_BY_AGENCY_KIND as Record<string, Role[]> } };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/users',
    tag: 'Administration',
    summary: 'Create an account: roles its agency’s kind allows, a one-time password shown once and changed at the first login (audited)',
    access: { roles: ADMINS },
    body: createUserBody,
    responses: {
      201: { description: 'The account and its one-time password', schema: createdUser },
      409: { description: 'The username is taken' },
      422: { description: 'A role its agency’s kind does not have, or an agency that has ended' },
    },
    handler: async ({ principal, body, req }) => {
      const agency = await administeredAgency(principal, body.agencyId, 'body.agencyId');
      assertRolesFit(agency.kind, body.roles, agency.id);
      if (body.homeAgencyId) await administeredAgency(principal, body.homeAgencyId, 'body.homeAgencyId');
      if (await db.user.findUnique({ where: { username: body.username } }))
        throw problems.conflict({ vi: `Tên đăng nhập ${body.username} đã có người dùng.`, en: `The username ${body.username} is taken.` });
      const oneTimePassword = generateOneTimePassword();
      const user = await db.user.create({
        data: {
          username: body.username,
          displayName: body.displayName,
          agencyId: agency.id,
          roles: body.roles,
          homeAgencyId: body.homeAgencyId ?? null,
          passwordHash: await hash(oneTimePassword),
          mustChangePassword: true,
        },
      });
      await audit(principal, 'admin.user_created', user, agency.jurisdictionId, req.id, { username: user.username, agencyId: agency.id, roles: body.roles });
      return { status: 201, headers: { 'Cache-Control': 'no-store' }, body: { username: user.username, oneTimePassword, mustChangePassword: true as const } };
    },
  });

  routes.add({
    method: 'patch',
    path: '/admin/users/:username',
    tag: 'Administration',
    summary: 'Change an account: name, roles, agency (a move keeps past actions under the old agency), home agency; audited with what changed',
    description: 'A change of agency or roles ends the account’s sessions (its tokens carry them). An administrator cannot take their own administrator role away.',
    access: { roles: ADMINS },
    params: usernameParams,
    body: changeUserBody,
    responses: {
      200: { description: 'The account now', schema: userView },
      404: { description: 'No such account' },
      422: { description: 'A role the agency’s kind does not have, an agency that has ended, or one’s own administrator role removed' },
    },
    handler: async ({ principal, params, body, req }) => {
      const user = await administeredUser(principal, params.username);
      const agency = body.agencyId ? await administeredAgency(principal, body.agencyId, 'body.agencyId') : user.agency;
      const roles = body.roles ?? user.roles;
      assertRolesFit(agency.kind, roles, agency.id);
      if (body.homeAgencyId) await administeredAgency(principal, body.homeAgencyId, 'body.homeAgencyId');
      if (user.id === principal.userId && !roles.includes(Role.SYSTEM_ADMIN))
        throw new Problem(422, 'ADMIN.SELF_DEMOTION', { vi: 'Không tự bỏ quyền quản trị', en: 'Own administrator role' }, {
          vi: 'Quản trị viên không tự bỏ vai trò quản trị của mình; một quản trị viên khác làm việc này.',
          en: 'An administrator does not remove their own administrator role; another administrator does.',
        });
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, to] of Object.entries({ ...body, roles })) {
        const from = (user as Record<string, unknown>)[key];
        if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changed[key] = { from: from ?? null, to: to ?? null };
      }
      const endsSessions = 'agencyId' in changed || 'roles' in changed;
      const updated = await db.user.update({
        where: { id: user.id },
        data: {
          ...(body.displayName ? { displayName: body.displayName } : {}),
          agencyId: agency.id,
          roles,
          ...(body.homeAgencyId !== undefined ? { homeAgencyId: body.homeAgencyId } : {}),
          ...(endsSessions ? { tokenVersion: { increment: 1 } } : {}),
        },
        include: { agency: true },
      });
      await audit(principal, 'admin.user_changed', user, user.agency.jurisdictionId, req.id, { username: user.username, changed });
      return { status: 200, body: view(updated) };
    },
  });
}
