import type { Db } from '../../db/client';
import { addDays } from '../../domain/deadlines/deadline-computation';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import type { Agency, Jurisdiction, Prisma } from '../../generated/prisma/client';
import { Role } from '../../generated/prisma/enums';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { Problem, problems } from '../http/problem';
import { auditChange } from '../http/audit';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { agencyView, jurisdictionView } from '../registry/registry.schemas';
import { adminAgencyList, agencyParams, changeAgencyBody, createAgencyBody, createUnitBody, reorganisationBody, reorganisationView } from './admin.schemas';

const ADMINS = [Role.SYSTEM_ADMIN];
type Tx = Prisma.TransactionClient;

const agencyOut = (agency: Awaited<ReturnType<Db['agency']['findUniqueOrThrow']>>) => ({
  id: agency.id,
  kind: agency.kind,
  nameVi: agency.nameVi,
  nameEn: agency.nameEn,
  jurisdictionId: agency.jurisdictionId,
  parentAgencyId: agency.parentAgencyId,
  validFrom: agency.validFrom.toISOString().slice(0, 10),
  validTo: agency.validTo?.toISOString().slice(0, 10) ?? null,
  successorId: agency.successorId,
});

const refused = (code: string, vi: string, en: string, extra: Record<string, unknown> = {}) =>
  new Problem(422, code, { vi: 'Không thể sắp xếp lại như vậy', en: 'Reorganisation refused' }, { vi, en }, extra);

/**
 * The registry as the province's administrators keep it (issue #18): agencies of each kind in each
 * unit, their e-mail addresses, and reorganisations entered as data. Nothing is overwritten: a
 * merged unit and its agencies end the day before the reorganisation and name their successors,
 * so the cases and steps recorded under them stay where they were and their successors act on
 * them (api/auth/acts-for.ts, the units a jurisdiction covers). Every change is audited.
 */
export function registerAdminRegistryRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  /** A unit named in a body: 400 when the registry has none, 403 when the administrator does not cover it. */
  async function assertCoveredUnit(principal: Principal, id: string, field: string): Promise<void> {
    const scope = await directory.scope();
    if (!scope.pathOf(id)) throw problems.invalidRequest([{ field, message: 'Không có đơn vị hành chính này', messageEn: 'No such administrative unit' }]);
    assertCovers(scope, principal, id);
  }

  const audit = (tx: Tx | Db, principal: Principal, action: string, subjectType: string, subjectId: string, jurisdictionId: string, requestId: unknown, details: object) =>
    auditChange(tx, principal, { action, subjectType, subjectId, jurisdictionId, requestId, details });

  routes.add({
    method: 'get',
    path: '/admin/agencies',
    tag: 'Administration',
    summary: 'The agencies in force in the units the administrator covers, with the e-mail address their notifications go to',
    access: { roles: ADMINS },
    responses: { 200: { description: 'The agencies, by unit', schema: adminAgencyList } },
    handler: async ({ principal }) => {
      const rows = await db.agency.findMany({
        where: { validTo: null, jurisdiction: { path: { startsWith: principal.jurisdictionPath } } },
        orderBy: [{ jurisdictionId: 'asc' }, { id: 'asc' }],
      });
      return { status: 200, body: { items: rows.map((row) => ({ ...agencyOut(row), email: row.email })) } };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/agencies',
    tag: 'Administration',
    summary: 'Add an agency of a kind to a unit the administrator covers (audited)',
    access: { roles: ADMINS },
    body: createAgencyBody,
    responses: {
      201: { description: 'The agency', schema: agencyView },
      409: { description: 'An agency with that id exists' },
    },
    handler: async ({ principal, body, req }) => {
      await assertCoveredUnit(principal, body.jurisdictionId, 'body.jurisdictionId');
      if (await db.agency.findUnique({ where: { id: body.id } }))
        throw problems.conflict({ vi: `Đã có cơ quan mã ${body.id}.`, en: `An agency ${body.id} exists.` });
      const agency = await db.agency.create({
        data: { ...body, email: body.email ?? null, parentAgencyId: body.parentAgencyId ?? null, validFrom: isoToDateColumn(body.validFrom) },
      });
      await audit(db, principal, 'admin.agency_created', 'agency', agency.id, agency.jurisdictionId, req.id, { kind: agency.kind, jurisdictionId: agency.jurisdictionId });
      return { status: 201, body: agencyOut(agency) };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/units',
    tag: 'Administration',
    summary: 'Add an administrative unit under one the administrator covers: a commune, or a district for history (audited)',
    description:
      'A province that moves in builds its registry: its communes (then their police and People’s Committee with POST /admin/agencies), and the units of the past its running cases began in, with their last day. Later changes are reorganisations (POST /admin/reorganisations), never edits.',
    access: { roles: ADMINS },
    body: createUnitBody,
    responses: {
      201: { description: 'The unit', schema: jurisdictionView },
      409: { description: 'A unit with that id exists' },
      422: { description: 'A level not below its parent’s, or a last day before the first' },
    },
    handler: async ({ principal, body, req }) => {
      await assertCoveredUnit(principal, body.parentId, 'body.parentId');
      const parent = await db.jurisdiction.findUniqueOrThrow({ where: { id: body.parentId } });
      const below = { PROVINCE: ['DISTRICT', 'COMMUNE'], DISTRICT: ['COMMUNE'], COMMUNE: [], NATION: [] } as const;
      if (!(below[parent.level] as readonly string[]).includes(body.level))
        throw new Problem(422, 'ADMIN.LEVEL_NOT_BELOW', { vi: 'Cấp không phù hợp', en: 'Level not below its parent' }, {
          vi: `Đơn vị cấp ${body.level} không thể nằm dưới ${parent.id} (${parent.level}).`,
          en: `A ${body.level} cannot sit under ${parent.id} (${parent.level}).`,
        });
      if (body.validTo && body.validTo < body.validFrom)
        throw new Problem(422, 'ADMIN.DATES_REVERSED', { vi: 'Ngày không hợp lệ', en: 'Invalid dates' }, {
          vi: 'Ngày cuối trước ngày đầu.',
          en: 'The last day is before the first.',
        });
      if (await db.jurisdiction.findUnique({ where: { id: body.id } }))
        throw problems.conflict({ vi: `Đã có đơn vị mã ${body.id}.`, en: `A unit ${body.id} exists.` });
      const unit = await db.jurisdiction.create({
        data: {
          id: body.id,
          level: body.level,
          nameVi: body.nameVi,
          nameEn: body.nameEn,
          parentId: parent.id,
          path: `${parent.path}${body.id}/`,
          validFrom: isoToDateColumn(body.validFrom),
          validTo: body.validTo ? isoToDateColumn(body.validTo) : null,
        },
      });
      await audit(db, principal, 'admin.unit_created', 'jurisdiction', unit.id, unit.id, req.id, { level: unit.level, parentId: parent.id });
      directory.invalidate();
      return {
        status: 201,
        body: jurisdictionView.parse({ ...unit, parentId: unit.parentId, validFrom: body.validFrom, validTo: body.validTo ?? null, successorId: null, splitInto: [] }),
      };
    },
  });

  routes.add({
    method: 'patch',
    path: '/admin/agencies/:id',
    tag: 'Administration',
    summary: 'Change an agency’s names or the e-mail address its notifications go to (audited with what changed)',
    access: { roles: ADMINS },
    params: agencyParams,
    body: changeAgencyBody,
    responses: {
      200: { description: 'The agency now', schema: agencyView },
      404: { description: 'No such agency in your jurisdiction' },
    },
    handler: async ({ principal, params, body, req }) => {
      const agency = await db.agency.findUnique({ where: { id: params.id } });
      const scope = await directory.scope();
      if (!agency || !scope.covers(principal.jurisdictionPath, agency.jurisdictionId))
        throw problems.notFound({ vi: 'Không có cơ quan này.', en: 'No such agency.' });
      const changed = Object.fromEntries(
        Object.entries(body)
          .filter(([key, to]) => (agency as Record<string, unknown>)[key] !== to)
          .map(([key, to]) => [key, { from: (agency as Record<string, unknown>)[key] ?? null, to }]),
      );
      const updated = await db.agency.update({ where: { id: agency.id }, data: body });
      await audit(db, principal, 'admin.agency_changed', 'agency', agency.id, agency.jurisdictionId, req.id, { changed });
      return { status: 200, body: agencyOut(updated) };
    },
  });

  routes.add({
    method: 'post',
    path: '/admin/reorganisations',
    tag: 'Administration',
    summary: 'Enter a reorganisation as data: units merged into one, or a unit split among several (new or existing), from a date; their agencies succeeded, their users moved',
    description:
      'Each merged unit ends the day before `effectiveOn` and names its successor; each of its agencies ends too and names the successor unit’s agency of the same kind (created when there is none). ' +
      'A split unit ends the same way with its first successor as the principal one (its agencies, open steps, running cases and past figures go there); every successor is on record (`GET /registry/jurisdictions/{id}`: `splitInto`), and a new one among the others gets agencies of the same kinds, without users. ' +
      'Nothing is overwritten: cases, steps and past actions stay under the units and agencies they were recorded under, and the successors act on what is open. ' +
      '`effectiveOn` may not be in the future (enter a reorganisation on or after its day). Audited with the whole change.',
    access: { roles: ADMINS },
    body: reorganisationBody,
    responses: {
      201: { description: 'What ended, what was created, who moved', schema: reorganisationView },
      422: { description: 'A unit not in force the day before, of another level than its successor, merged or split twice, a successor named twice, or a date in the future' },
    },
    handler: async ({ principal, body, req }) => {
      const scope = await directory.scope();
      const lastDay = addDays(body.effectiveOn, -1);
      const endOn = isoToDateColumn(lastDay);
      const startOn = isoToDateColumn(body.effectiveOn);
      const ending = [...body.merges.flatMap((merge) => merge.from), ...body.splits.map((split) => split.from)];
      if (new Set(ending).size !== ending.length)
        throw refused('ADMIN.UNIT_MERGED_TWICE', 'Một đơn vị được sáp nhập hoặc chia tách hai lần.', 'A unit is merged or split twice.');
      for (const id of ending) {
        if (!scope.pathOf(id)) throw problems.invalidRequest([{ field: 'body', message: `Không có đơn vị ${id}`, messageEn: `No unit ${id}` }]);
        assertCovers(scope, principal, id);
      }
      if (body.effectiveOn > vietnamDate())
        throw refused('ADMIN.REORGANISATION_IN_FUTURE', 'Ngày hiệu lực ở tương lai: nhập việc sắp xếp từ ngày đó trở đi.', 'The effective day is in the future: enter the reorganisation on or after it.');

      const result = await db.$transaction(async (tx) => {
        const answer = {
          effectiveOn: body.effectiveOn,
          unitsEnded: [] as { id: string; successorId: string }[],
          unitsCreated: [] as string[],
          unitsSplit: [] as { id: string; successorIds: string[] }[],
          agenciesEnded: [] as { id: string; successorId: string }[],
          agenciesCreated: [] as string[],
          usersMoved: [] as { username: string; from: string; to: string }[],
          openStepsTakenOver: 0,
        };

        /** The units that end, each in force the day before (one merged or split before is not again), all of one level. */
        const endingUnits = async (ids: readonly string[]) => {
          const units = await tx.jurisdiction.findMany({ where: { id: { in: [...ids] } } });
          for (const unit of units)
            if (unit.validFrom > endOn || unit.validTo !== null)
              throw refused('ADMIN.UNIT_NOT_IN_FORCE', `Đơn vị ${unit.id} không còn hiệu lực ngày ${lastDay}.`, `Unit ${unit.id} is not in force on ${lastDay}.`, { unitId: unit.id });
          const level = units[0]!.level;
          if (units.some((unit) => unit.level !== level)) throw refused('ADMIN.LEVELS_DIFFER', 'Các đơn vị sáp nhập phải cùng cấp.', 'The merged units must be of one level.');
          return units;
        };

        /** A successor: a unit in force of the same level that does not end itself, or a new one beside the ended unit. */
        const successorOf = async (into: (typeof body.merges)[number]['into'], beside: Jurisdiction): Promise<{ id: string; created: boolean }> => {
          if ('existing' in into) {
            const unit = await tx.jurisdiction.findUnique({ where: { id: into.existing } });
            if (!unit || unit.level !== beside.level || unit.validTo !== null || ending.includes(unit.id))
              throw refused('ADMIN.SUCCESSOR_INVALID', `Đơn vị kế nhiệm ${into.existing} phải đang hoạt động, cùng cấp và không nằm trong các đơn vị kết thúc.`, `The successor ${into.existing} must be in force, of the same level and not among the units that end.`);
            assertCovers(scope, principal, unit.id);
            return { id: unit.id, created: false };
          }
          if (await tx.jurisdiction.findUnique({ where: { id: into.id } }))
            throw refused('ADMIN.UNIT_EXISTS', `Đã có đơn vị mã ${into.id}.`, `A unit ${into.id} exists.`);
          const parent = await tx.jurisdiction.findUniqueOrThrow({ where: { id: beside.parentId as string } });
          await tx.jurisdiction.create({
            data: { id: into.id, level: beside.level, nameVi: into.nameVi, nameEn: into.nameEn, parentId: parent.id, path: `${parent.path}${into.id}/`, validFrom: startOn },
          });
          answer.unitsCreated.push(into.id);
          return { id: into.id, created: true };
        };

        /** An agency of the ended agency's kind in a successor unit, created when it has none (named so until the administrator names it). */
        const agencyIn = async (successorId: string, agency: Agency, endedUnitId: string): Promise<Agency> => {
          const found = await tx.agency.findFirst({ where: { jurisdictionId: successorId, kind: agency.kind, validTo: null }, orderBy: { id: 'asc' } });
          if (found) return found;
          const suffix = agency.id.startsWith(`${endedUnitId}-`) ? agency.id.slice(endedUnitId.length + 1) : agency.kind;
          const successorUnit = await tx.jurisdiction.findUniqueOrThrow({ where: { id: successorId } });
          const created = await tx.agency.create({
            data: {
              id: `${successorId}-${suffix}`,
              kind: agency.kind,
              nameVi: `${agency.nameVi} (kế nhiệm tại ${successorUnit.nameVi})`,
              nameEn: `${agency.nameEn} (successor in ${successorUnit.nameEn})`,
              jurisdictionId: successorId,
              parentAgencyId: agency.parentAgencyId,
              email: null,
              validFrom: startOn,
            },
          });
          answer.agenciesCreated.push(created.id);
          return created;
        };

        /** The unit ends and names its successor; each of its agencies ends, succeeded by the successor's of its kind, its users moved. */
        const endUnit = async (unit: Jurisdiction, successorId: string) => {
          await tx.jurisdiction.update({ where: { id: unit.id }, data: { validTo: endOn, successorId } });
          answer.unitsEnded.push({ id: unit.id, successorId });
          const agencies = await tx.agency.findMany({ where: { jurisdictionId: unit.id, validTo: null } });
          for (const agency of agencies) {
            const next = await agencyIn(successorId, agency, unit.id);
            await tx.agency.update({ where: { id: agency.id }, data: { validTo: endOn, successorId: next.id } });
            answer.agenciesEnded.push({ id: agency.id, successorId: next.id });
            answer.openStepsTakenOver += await tx.step.count({ where: { ownerAgencyId: agency.id, status: { in: ['OPEN', 'SUSPENDED'] } } });
            if (!body.moveUsers) continue;
            const users = await tx.user.findMany({ where: { agencyId: agency.id }, select: { id: true, username: true } });
            for (const user of users) {
              // Their tokens carry the old agency: they sign in again under the new one.
              await tx.user.update({ where: { id: user.id }, data: { agencyId: next.id, tokenVersion: { increment: 1 } } });
              answer.usersMoved.push({ username: user.username, from: agency.id, to: next.id });
            }
          }
          return agencies;
        };

        for (const merge of body.merges) {
          const units = await endingUnits(merge.from);
          const successor = await successorOf(merge.into, units[0]!);
          for (const unit of units) await endUnit(unit, successor.id);
        }
        for (const split of body.splits) {
          const [unit] = await endingUnits([split.from]);
          const successors = [];
          for (const into of split.into) successors.push(await successorOf(into, unit!));
          const ids = successors.map((successor) => successor.id);
          if (new Set(ids).size !== ids.length) throw refused('ADMIN.SUCCESSOR_INVALID', 'Một đơn vị kế nhiệm được ghi hai lần.', 'A successor is named twice.');
          // The principal successor takes over what the unit had; a new unit among the others gets agencies of the same kinds, without users.
          const agencies = await endUnit(unit!, ids[0]!);
          for (const successor of successors.slice(1)) if (successor.created) for (const agency of agencies) await agencyIn(successor.id, agency, unit!.id);
          await tx.jurisdictionShare.createMany({ data: ids.map((successorId, index) => ({ unitId: unit!.id, successorId, principal: index === 0 })) });
          answer.unitsSplit.push({ id: unit!.id, successorIds: ids });
        }
        const provinceId = scope.pathOf(ending[0]!)?.split('/')[1] ?? '';
        await audit(tx, principal, 'admin.reorganisation', 'reorganisation', `${body.effectiveOn}:${ending.join(',')}`, provinceId, req.id, { reason: body.reason, ...answer });
        return answer;
      });
      // The units a jurisdiction covers changed: this process reads the tree again now (others within the cache's lifetime).
      directory.invalidate();
      return { status: 201, body: result };
    },
  });
}
