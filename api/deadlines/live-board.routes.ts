import type { Db } from '../../db/client';
import { vietnamDate } from '../../domain/time/legal-date';
import { StepStatus } from '../../generated/prisma/enums';
import { ANY_ROLE } from '../auth/roles';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import {
  addCounts,
  bucketCountsSql,
  bucketWhere,
  emptyCounts,
  filterWhere,
  type BoardBucket,
  type BucketCounts,
  type CountRow,
  type StepFilter,
} from './board-buckets';
import { agenciesActedFor, coveredUnits } from './covered-units';
import { hiddenProcedures, rulesAlsoActedOnBy } from '../cases/procedure-access';
import { reportRulesActedOnBy } from '../reporting/reporters';
import { stepListView } from './deadline-view.schemas';
import { boardQuery, boardStepsQuery, boardView, boardCountsView, myTasksQuery } from './live-board.schemas';
import { stepRowsOf, stepWithNotifications } from './step-rows';
import { z } from 'zod';

const myTasksView = z
  .object({
    counts: boardCountsView,
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: stepListView.shape.items,
  })
  .meta({ id: 'MyTasks' });

/** Most urgent first: past the statutory limit by that limit, the rest by due date; stopped steps last. */
function orderFor(bucket: BoardBucket | undefined) {
  if (bucket === 'pastStatutoryLimit') return [{ statutoryDueAt: 'asc' as const }, { id: 'asc' as const }];
  return [{ status: 'asc' as const }, { dueAt: 'asc' as const }, { id: 'asc' as const }];
}

/**
 * The coordinator's live board (bảng theo dõi) and each official's own tasks (việc của tôi):
 * the same five columns (board-buckets.ts), counted in one scan and listed column by column.
 */
export function registerLiveBoardRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  async function countsFor(filter: StepFilter, now: Date, withinDays: number): Promise<CountRow[]> {
    return db.$queryRaw<CountRow[]>(bucketCountsSql(filter, now, withinDays));
  }

  async function listFor(filter: StepFilter, bucket: BoardBucket | undefined, now: Date, withinDays: number, page: number, pageSize: number) {
    const where = {
      ...filterWhere(filter),
      ...(bucket ? bucketWhere(bucket, now, withinDays) : { status: { in: [StepStatus.OPEN, StepStatus.SUSPENDED] } }),
    };
    const [total, steps] = await Promise.all([
      db.step.count({ where }),
      db.step.findMany({ where, orderBy: orderFor(bucket), skip: (page - 1) * pageSize, take: pageSize, include: stepWithNotifications }),
    ]);
    return { total, items: await stepRowsOf(db, steps, vietnamDate(now)) };
  }

  routes.add({
    method: 'get',
    path: '/deadlines/board',
    tag: 'Deadlines',
    summary: 'The live board: unfinished steps on time, due soon, late, past the statutory limit and stopped, per agency and per unit',
    access: { roles: ANY_ROLE },
    query: boardQuery,
    responses: {
      200: { description: 'The board of the caller’s jurisdiction, or of the unit asked for', schema: boardView },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const jurisdictionId = query.jurisdictionId ?? principal.jurisdictionId;
      const units = await coveredUnits(directory, principal, jurisdictionId);
      const rows = await countsFor({ units, hiddenProcedures: hiddenProcedures(principal.roles) }, now, query.withinDays);
      const totals = emptyCounts();
      const byAgency = new Map<string, BucketCounts>();
      const byUnit = new Map<string, BucketCounts>();
      for (const row of rows) {
        addCounts(totals, row);
        addCounts(byAgency.get(row.ownerAgencyId) ?? byAgency.set(row.ownerAgencyId, emptyCounts()).get(row.ownerAgencyId)!, row);
        addCounts(byUnit.get(row.jurisdictionId) ?? byUnit.set(row.jurisdictionId, emptyCounts()).get(row.jurisdictionId)!, row);
      }
      const [agencies, unitNames] = await Promise.all([
        db.agency.findMany({ where: { id: { in: [...byAgency.keys()] } }, select: { id: true, nameVi: true, nameEn: true, jurisdictionId: true } }),
        db.jurisdiction.findMany({ where: { id: { in: [...byUnit.keys(), jurisdictionId] } }, select: { id: true, nameVi: true, nameEn: true } }),
      ]);
      const unitName = new Map(unitNames.map((unit) => [unit.id, unit]));
      const worstFirst = (a: { counts: BucketCounts; nameVi: string }, b: { counts: BucketCounts; nameVi: string }) =>
        b.counts.pastStatutoryLimit + b.counts.late - (a.counts.pastStatutoryLimit + a.counts.late) || a.nameVi.localeCompare(b.nameVi, 'vi');
      const here = unitName.get(jurisdictionId);
      return {
        status: 200,
        body: {
          generatedAt: now.toISOString(),
          withinDays: query.withinDays,
          jurisdiction: { id: jurisdictionId, nameVi: here?.nameVi ?? jurisdictionId, nameEn: here?.nameEn ?? jurisdictionId },
          totals,
          byAgency: agencies
            .map((agency) => ({ agencyId: agency.id, nameVi: agency.nameVi, nameEn: agency.nameEn, jurisdictionId: agency.jurisdictionId, counts: byAgency.get(agency.id)! }))
            .sort(worstFirst),
          byUnit: [...byUnit.entries()]
            .map(([id, counts]) => ({ jurisdictionId: id, nameVi: unitName.get(id)?.nameVi ?? id, nameEn: unitName.get(id)?.nameEn ?? id, counts }))
            .sort(worstFirst),
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/deadlines/board/steps',
    tag: 'Deadlines',
    summary: 'The steps behind one cell of the live board, most urgent first',
    access: { roles: ANY_ROLE },
    query: boardStepsQuery,
    responses: {
      200: { description: 'One page of steps', schema: stepListView },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const units = await coveredUnits(directory, principal, query.jurisdictionId ?? principal.jurisdictionId);
      const filter: StepFilter = {
        units,
        hiddenProcedures: hiddenProcedures(principal.roles),
        ...(query.agencyId ? { ownerAgencyIds: [query.agencyId] } : {}),
      };
      const page = await listFor(filter, query.bucket, now, query.withinDays, query.page, query.pageSize);
      return { status: 200, body: { view: query.bucket, page: query.page, pageSize: query.pageSize, ...page } };
    },
  });

  routes.add({
    method: 'get',
    path: '/me/tasks',
    tag: 'Deadlines',
    summary: 'My tasks: every unfinished step my agency (or one it succeeded) owns for a role I hold, most urgent first',
    access: { roles: ANY_ROLE },
    query: myTasksQuery,
    responses: { 200: { description: 'The counts per column and one page of steps', schema: myTasksView } },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const filter: StepFilter = {
        ownerAgencyIds: await agenciesActedFor(db, principal.agencyId),
        ownerRoles: principal.roles,
        orRuleKeys: [...rulesAlsoActedOnBy(principal.roles), ...reportRulesActedOnBy(principal.roles)],
        ...(query.procedure ? { procedure: query.procedure } : {}),
      };
      const [rows, page] = await Promise.all([
        countsFor(filter, now, query.withinDays),
        listFor(filter, query.bucket, now, query.withinDays, query.page, query.pageSize),
      ]);
      const counts = emptyCounts();
      for (const row of rows) addCounts(counts, row);
      return { status: 200, body: { counts, page: query.page, pageSize: query.pageSize, ...page } };
    },
  });
}
