import type { Db } from '../../db/client';
import { planCoverage } from '../../db/inspection/establishments';
import { Role } from '../../generated/prisma/enums';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { coveredUnits } from '../deadlines/covered-units';
import {
  establishmentBody,
  establishmentBodyJsonSchema,
  establishmentList,
  establishmentParams,
  establishmentPatch,
  establishmentQuery,
  establishmentView,
  planBody,
  planParams,
  planView,
} from './inspection.schemas';

/** Who keeps the register: the teams and the province. */
const KEEPERS = [Role.TEAM_178_MEMBER, Role.PROVINCIAL_COORDINATOR, Role.SYSTEM_ADMIN];
/** Who reads it besides: the commune's chairman (the competent authority) and police. */
const READERS = [...KEEPERS, Role.COMMUNE_CHAIRMAN, Role.COMMUNE_POLICE_HEAD, Role.COMMUNE_POLICE_OFFICER];

type Row = Awaited<ReturnType<Db['establishment']['findUniqueOrThrow']>>;
const view = (row: Row) => ({
  id: row.id,
  jurisdictionId: row.jurisdictionId,
  name: row.name,
  nameVi: row.name,
  nameEn: row.name,
  kind: row.kind as never,
  address: row.address,
  ownerBusiness: row.ownerBusiness,
  businessRegistrationNo: row.businessRegistrationNo,
  risk: row.risk as never,
  complex: row.complex,
  active: row.active,
});

/**
 * Team 178's register and plans (procedure I). The inspections themselves are cases, recorded
 * through POST /cases by the team once they took place. A plan names the establishments a team
 * means to inspect: it is read by that team and the province's coordinators only, never by the
 * communes whose establishments it names.
 */
export function registerInspectionRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  const audit = (principal: Principal, action: string, subjectId: string, jurisdictionId: string, requestId: unknown, details: object) =>
    auditChange(db, principal, { action, subjectType: 'establishment', subjectId, jurisdictionId, requestId, details });

  async function establishmentOf(principal: Principal, id: string) {
    const row = await db.establishment.findUnique({ where: { id } });
    const scope = await directory.scope();
    // One outside the caller's area answers as if it did not exist.
    if (!row || !scope.covers(principal.jurisdictionPath, row.jurisdictionId))
      throw problems.notFound({ vi: 'Không có cơ sở này.', en: 'No such establishment.' });
    return row;
  }

  routes.add({
    method: 'get',
    path: '/establishments',
    tag: 'Team 178',
    summary: 'The register of establishments prone to prostitution in the caller’s area (or a unit of it)',
    access: { roles: READERS },
    query: establishmentQuery,
    responses: {
      200: { description: 'The establishments, by commune and name', schema: establishmentList },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const units = await coveredUnits(directory, principal, query.jurisdictionId ?? principal.jurisdictionId);
      const rows = await db.establishment.findMany({
        where: {
          jurisdictionId: { in: units },
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.active ? { active: query.active === 'true' } : {}),
        },
        orderBy: [{ jurisdictionId: 'asc' }, { name: 'asc' }],
        take: 5000,
      });
      return { status: 200, body: { items: rows.map(view), bodySchema: establishmentBodyJsonSchema } };
    },
  });

  routes.add({
    method: 'get',
    path: '/establishments/:id',
    tag: 'Team 178',
    summary: 'One establishment of the register',
    access: { roles: READERS },
    params: establishmentParams,
    responses: {
      200: { description: 'The establishment', schema: establishmentView },
      404: { description: 'No such establishment in your area' },
    },
    handler: async ({ principal, params }) => ({ status: 200, body: view(await establishmentOf(principal, params.id)) }),
  });

  routes.add({
    method: 'post',
    path: '/establishments',
    tag: 'Team 178',
    summary: 'Add an establishment to the register (audited)',
    access: { roles: KEEPERS },
    body: establishmentBody,
    responses: { 201: { description: 'The establishment on record', schema: establishmentView } },
    handler: async ({ principal, body, req }) => {
      const scope = await directory.scope();
      assertCovers(scope, principal, body.jurisdictionId);
      const unit = await db.jurisdiction.findUnique({ where: { id: body.jurisdictionId }, select: { level: true, validTo: true } });
      if (unit?.level !== 'COMMUNE' || unit.validTo !== null)
        throw problems.invalidRequest([{ field: 'body.jurisdictionId', message: 'Không phải xã, phường đang hoạt động', messageEn: 'Not a commune in force' }]);
      const row = await db.establishment.create({
        data: {
          ...body,
          businessRegistrationNo: body.businessRegistrationNo ?? null,
          provinceId: scope.pathOf(body.jurisdictionId)?.split('/')[1] ?? '',
          createdBy: principal.userId,
        },
      });
      await audit(principal, 'establishment.created', row.id, row.jurisdictionId, req.id, { kind: row.kind, risk: row.risk, complex: row.complex });
      return { status: 201, body: view(row), headers: { Location: `/establishments/${row.id}` } };
    },
  });

  routes.add({
    method: 'patch',
    path: '/establishments/:id',
    tag: 'Team 178',
    summary: 'Change an establishment: its risk, whether it is complex, closed (inactive), its name or address (audited with what changed)',
    access: { roles: KEEPERS },
    params: establishmentParams,
    body: establishmentPatch,
    responses: {
      200: { description: 'The establishment as it is now', schema: establishmentView },
      404: { description: 'No such establishment in your area' },
    },
    handler: async ({ principal, params, body, req }) => {
      const before = await establishmentOf(principal, params.id);
      const row = await db.establishment.update({ where: { id: params.id }, data: body });
      const changed = Object.keys(body).filter((key) => (before as Record<string, unknown>)[key] !== (row as Record<string, unknown>)[key]);
      await audit(principal, 'establishment.changed', row.id, row.jurisdictionId, req.id, { changed });
      return { status: 200, body: view(row) };
    },
  });

  /** A team's plan is its own and the province's: its members, and coordinators covering its unit. */
  async function assertPlanReader(principal: Principal, teamAgencyId: string) {
    const team = await db.agency.findUnique({ where: { id: teamAgencyId }, select: { kind: true, jurisdictionId: true } });
    if (!team || team.kind !== 'INSPECTION_TEAM_178') throw problems.notFound({ vi: 'Không có Đoàn kiểm tra này.', en: 'No such inspection team.' });
    const member = principal.agencyId === teamAgencyId && principal.roles.includes(Role.TEAM_178_MEMBER);
    const coordinator = principal.roles.some((role) => role === Role.PROVINCIAL_COORDINATOR || role === Role.SYSTEM_ADMIN);
    if (!member && !coordinator) throw problems.forbiddenRole([Role.TEAM_178_MEMBER, Role.PROVINCIAL_COORDINATOR, Role.SYSTEM_ADMIN]);
    if (!member) assertCovers(await directory.scope(), principal, team.jurisdictionId);
    return team;
  }

  async function planAnswer(plan: NonNullable<Awaited<ReturnType<Db['inspectionPlan']['findUnique']>>>, teamJurisdictionId: string) {
    const scope = await directory.scope();
    const coverage = await planCoverage(db, plan, scope.pathOf(teamJurisdictionId) ?? `/${teamJurisdictionId}/`);
    const sanctionsLate = await db.step.count({
      where: {
        procedure: 'INSPECTION_178',
        ruleKey: 'INS.SANCTION',
        status: 'OPEN',
        dueAt: { lt: new Date() },
        caseRef: { in: (await db.case.findMany({ where: { procedure: 'INSPECTION_178', fields: { path: ['teamAgencyId'], equals: plan.teamAgencyId } }, select: { id: true } })).map((row) => row.id) },
      },
    });
    return {
      teamAgencyId: plan.teamAgencyId,
      year: plan.year,
      coverageTargetPercent: plan.coverageTargetPercent,
      surpriseTarget: plan.surpriseTarget,
      establishmentIds: plan.establishmentIds,
      note: plan.note,
      updatedAt: plan.updatedAt.toISOString(),
      coverage: {
        ...coverage,
        coverageTargetMet: (coverage.areaCoveragePercent ?? 0) >= plan.coverageTargetPercent,
        surpriseTargetMet: coverage.surpriseInspections >= plan.surpriseTarget,
        sanctionsLate,
      },
    };
  }

  routes.add({
    method: 'put',
    path: '/inspection-plans/:teamAgencyId/:year',
    tag: 'Team 178',
    summary: 'Set a team’s plan for the year: the coverage and surprise targets and the establishments it names (audited)',
    description: 'Every establishment named must be in the register, active, and in the team’s area (422 lists those that are not).',
    access: { roles: KEEPERS },
    params: planParams,
    body: planBody,
    responses: {
      200: { description: 'The plan and its coverage so far', schema: planView },
      404: { description: 'No such inspection team' },
      422: { description: 'Establishments not in the team’s area, unknown or closed' },
    },
    handler: async ({ principal, params, body, req }) => {
      const team = await assertPlanReader(principal, params.teamAgencyId);
      const scope = await directory.scope();
      const area = scope.pathOf(team.jurisdictionId) ?? '';
      const ids = [...new Set(body.establishmentIds)];
      const found = await db.establishment.findMany({
        where: { id: { in: ids }, active: true, jurisdiction: { path: { startsWith: area } } },
        select: { id: true },
      });
      const known = new Set(found.map((row) => row.id));
      const outside = ids.filter((id) => !known.has(id));
      if (outside.length > 0)
        throw new Problem(
          422,
          'INSPECTION.ESTABLISHMENTS_OUTSIDE_AREA',
          { vi: 'Cơ sở không thuộc địa bàn của Đoàn', en: 'Establishments outside the team’s area' },
          {
            vi: `${outside.length} cơ sở không có trong sổ theo dõi, đã ngừng hoạt động hoặc ngoài địa bàn của Đoàn: ${outside.join(', ')}`,
            en: `${outside.length} establishments are not in the register, closed, or outside the team’s area: ${outside.join(', ')}`,
          },
          { establishmentIds: outside },
        );
      const data = { ...body, establishmentIds: ids, note: body.note ?? null, updatedBy: principal.userId };
      const plan = await db.inspectionPlan.upsert({
        where: { teamAgencyId_year: { teamAgencyId: params.teamAgencyId, year: params.year } },
        create: { id: `${params.teamAgencyId}:${params.year}`, teamAgencyId: params.teamAgencyId, year: params.year, ...data },
        update: data,
      });
      await auditChange(db, principal, {
        action: 'inspection_plan.set',
        subjectType: 'inspection_plan',
        subjectId: plan.id,
        jurisdictionId: team.jurisdictionId,
        requestId: req.id,
        details: { coverageTargetPercent: body.coverageTargetPercent, surpriseTarget: body.surpriseTarget, establishments: ids.length },
      });
      return { status: 200, body: await planAnswer(plan, team.jurisdictionId) };
    },
  });

  routes.add({
    method: 'get',
    path: '/inspection-plans/:teamAgencyId/:year',
    tag: 'Team 178',
    summary: 'A team’s plan for the year with its coverage: inspections, surprise inspections, establishments inspected against the targets, sanctions late',
    access: { roles: KEEPERS },
    params: planParams,
    responses: {
      200: { description: 'The plan and its coverage', schema: planView },
      404: { description: 'No such team, or no plan for that year' },
    },
    handler: async ({ principal, params }) => {
      const team = await assertPlanReader(principal, params.teamAgencyId);
      const plan = await db.inspectionPlan.findUnique({ where: { teamAgencyId_year: { teamAgencyId: params.teamAgencyId, year: params.year } } });
      if (!plan) throw problems.notFound({ vi: 'Đoàn chưa có kế hoạch năm này.', en: 'The team has no plan for that year.' });
      return { status: 200, body: await planAnswer(plan, team.jurisdictionId) };
    },
  });
}
