import { hash } from '@node-rs/argon2';
import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import { Role } from '../../generated/prisma/enums';
import { generateOneTimePassword } from '../auth/password-policy';
import { auditChange } from '../http/audit';
import { problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { createdProvince, newProvinceBody, provinceList } from './admin.schemas';
import { requireNationalRoot } from './national-root';

/**
 * The national level (issue #18): a national administrator adds a province to the registry with
 * its police and its first administrator, who then keeps everything inside it (users, agencies,
 * units, imports). The national root ("/VN/") is every province's parent but its path is not a
 * prefix of theirs: the national administrator covers no province, reads no case and
 * administers nothing inside one (least privilege, DESIGN.md decisions 7 and 8).
 */
export function registerNationalRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  async function provinceView(id: string) {
    const today = isoToDateColumn(vietnamDate());
    const inForce = { validFrom: { lte: today }, OR: [{ validTo: null }, { validTo: { gte: today } }] };
    const unit = await db.jurisdiction.findUniqueOrThrow({ where: { id } });
    const under = { path: { startsWith: unit.path } };
    const [communes, agencies, users, administrators] = await Promise.all([
      db.jurisdiction.count({ where: { ...under, level: 'COMMUNE', ...inForce } }),
      db.agency.count({ where: { jurisdiction: under, ...inForce } }),
      db.user.count({ where: { active: true, agency: { jurisdiction: under } } }),
      db.user.findMany({ where: { active: true, roles: { has: Role.SYSTEM_ADMIN }, agency: { jurisdiction: under } }, select: { username: true }, orderBy: { username: 'asc' } }),
    ]);
    return {
      id: unit.id,
      nameVi: unit.nameVi,
      nameEn: unit.nameEn,
      validFrom: unit.validFrom.toISOString().slice(0, 10),
      communes,
      agencies,
      activeUsers: users,
      administrators: administrators.map((user) => user.username),
    };
  }

  routes.add({
    method: 'get',
    path: '/national/provinces',
    tag: 'Administration',
    summary: 'The provinces in the registry: their communes, agencies, active users and administrators (national administrators)',
    access: { roles: [Role.NATIONAL_ADMIN] },
    responses: { 200: { description: 'The provinces', schema: provinceList } },
    handler: async ({ principal }) => {
      await requireNationalRoot(db, principal);
      const provinces = await db.jurisdiction.findMany({ where: { level: 'PROVINCE' }, orderBy: { id: 'asc' }, select: { id: true } });
      return { status: 200, body: { items: await Promise.all(provinces.map((province) => provinceView(province.id))) } };
    },
  });

  routes.add({
    method: 'post',
    path: '/national/provinces',
    tag: 'Administration',
    summary: 'Add a province: its unit under the national root, its police, and its first administrator with a one-time password shown once (audited)',
    description:
      'The first administrator changes the password at the first login, then adds the province’s units, agencies and users (POST /admin/agencies, /admin/users, /admin/users/import) and imports its running cases (POST /caseload-imports).',
    access: { roles: [Role.NATIONAL_ADMIN] },
    body: newProvinceBody,
    responses: {
      201: { description: 'The province and its first administrator', schema: createdProvince },
      409: { description: 'A unit with this code, or the username, exists' },
    },
    handler: async ({ principal, body, req }) => {
      const root = await requireNationalRoot(db, principal);
      if (await db.jurisdiction.findUnique({ where: { id: body.id } }))
        throw problems.conflict({ vi: `Đã có đơn vị mã ${body.id}.`, en: `A unit ${body.id} exists.` });
      if (await db.user.findUnique({ where: { username: body.administrator.username } }))
        throw problems.conflict({ vi: `Tên đăng nhập ${body.administrator.username} đã có người dùng.`, en: `The username ${body.administrator.username} is taken.` });
      const validFrom = isoToDateColumn(body.validFrom ?? vietnamDate());
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hash(oneTimePassword);
      await db.$transaction(async (tx) => {
        await tx.jurisdiction.create({
          data: { id: body.id, level: 'PROVINCE', nameVi: body.nameVi, nameEn: body.nameEn, parentId: root.id, path: `/${body.id}/`, validFrom },
        });
        const police = await tx.agency.create({
          data: { id: `${body.id}-CA`, kind: 'PROVINCIAL_POLICE', nameVi: `Công an ${body.nameVi}`, nameEn: `${body.nameEn} Provincial Police`, jurisdictionId: body.id, validFrom },
        });
        const user = await tx.user.create({
          data: {
            username: body.administrator.username,
            displayName: body.administrator.displayName,
            agencyId: police.id,
            roles: [Role.SYSTEM_ADMIN],
            passwordHash,
            mustChangePassword: true,
          },
        });
        await auditChange(tx, principal, {
          action: 'national.province_created',
          subjectType: 'jurisdiction',
          subjectId: body.id,
          jurisdictionId: body.id,
          requestId: req.id,
          details: { nameVi: body.nameVi, agencyId: police.id, administrator: user.username },
        });
      });
      // The new province's paths: this process reads the tree again now (others within the cache's lifetime).
      directory.invalidate();
      return {
        status: 201,
        headers: { 'Cache-Control': 'no-store' },
        body: { province: await provinceView(body.id), administrator: { username: body.administrator.username, oneTimePassword, mustChangePassword: true as const } },
      };
    },
  });
}
