import type { Db } from '../../db/client';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import { vietnamDate } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import { StepStatus } from '../../generated/prisma/enums';
import { assertCovers } from '../auth/jurisdiction-guard';
import { ANY_ROLE } from '../auth/roles';
import { problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import {
  stepDetailView,
  stepIdParams,
  stepListQuery,
  stepListView,
} from './deadline-view.schemas';
import { coveredUnits } from './covered-units';
import { filterWhere } from './board-buckets';
import { hiddenProcedures } from '../cases/procedure-access';
import { stepRowsOf, stepWithNotifications } from './step-rows';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The coordinator's view of what is late (DESIGN.md "What it does"): open steps due soon, late,
 * or past the procedure's limit, within the caller's jurisdiction, most urgent first. Reads
 * Postgres only, never workflow histories.
 */
export function registerDeadlineViewRoutes(
  routes: ApiRoutes,
  db: Db,
  directory: JurisdictionDirectory,
): void {
  routes.add({
    method: 'get',
    path: '/deadlines/steps',
    tag: 'Deadlines',
    summary: 'Open steps due soon, overdue, or past the statutory limit, most urgent first',
    access: { roles: ANY_ROLE },
    query: stepListQuery,
    responses: { 200: { description: 'One page of steps', schema: stepListView }, 404: { description: 'No such unit (jurisdictionId)' } },
    handler: async ({ principal, query }) => {
      const now = Date.now();
      const units = await coveredUnits(directory, principal, query.jurisdictionId);
      const base: Prisma.StepWhereInput = filterWhere({
        units,
        hiddenProcedures: hiddenProcedures(principal.roles),
        ...(query.agencyId ? { ownerAgencyIds: [query.agencyId] } : {}),
        ...(query.procedure ? { procedure: query.procedure } : {}),
      });
      const lateBy = new Date(now - query.minDaysLate * DAY_MS);
      const byView: Record<
        typeof query.view,
        { where: Prisma.StepWhereInput; orderBy: Prisma.StepOrderByWithRelationInput[] }
      > = {
        'due-soon': {
          where: {
            status: StepStatus.OPEN,
            dueAt: { gte: new Date(now), lte: new Date(now + query.withinDays * DAY_MS) },
          },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        },
        overdue: {
          where: { status: StepStatus.OPEN, dueAt: { lt: lateBy } },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        },
        'past-statutory-limit': {
          where: { status: { in: [StepStatus.OPEN, StepStatus.SUSPENDED] }, statutoryDueAt: { lt: lateBy } },
          orderBy: [{ statutoryDueAt: 'asc' }, { id: 'asc' }],
        },
      };
      const { where, orderBy } = byView[query.view];
      const [total, steps] = await Promise.all([
        db.step.count({ where: { ...base, ...where } }),
        db.step.findMany({
          where: { ...base, ...where },
          orderBy,
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
          include: stepWithNotifications,
        }),
      ]);
      const today = vietnamDate(new Date(now));
      const items = await stepRowsOf(db, steps, today);
      return {
        status: 200,
        body: stepListView.parse({
          view: query.view,
          page: query.page,
          pageSize: query.pageSize,
          total,
          items,
        }),
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/deadlines/steps/:id',
    tag: 'Deadlines',
    summary: 'One step’s deadline: how it was computed, its ledger, what fired and what is planned',
    access: { roles: ANY_ROLE },
    params: stepIdParams,
    responses: {
      200: { description: 'The step', schema: stepDetailView },
      404: { description: 'No such step' },
    },
    handler: async ({ principal, params }) => {
      const step = await db.step.findUnique({
        where: { id: params.id },
        include: { ...stepWithNotifications, events: { orderBy: { revision: 'asc' } } },
      });
      // A step of a procedure the caller may not read is answered as absent, like a case of it.
      if (!step || hiddenProcedures(principal.roles).includes(step.procedure))
        throw problems.notFound({ vi: `Không có bước ${params.id}.`, en: `No step ${params.id}.` });
      assertCovers(await directory.scope(), principal, step.jurisdictionId);
      const [row] = await stepRowsOf(db, [step], vietnamDate());
      const fired = new Set(step.notifications.map((n) => n.key));
      return {
        status: 200,
        body: {
          ...row,
          explanation: step.explanation,
          plannedNotifications: (step.firePoints as unknown as FirePoint[])
            .filter((point) => !fired.has(point.key))
            .map((point) => ({
              key: point.key,
              kind: point.kind,
              rung: point.rung,
              at: point.at,
              recipient: { agencyId: point.recipient.agencyId, role: point.recipient.role },
            })),
          ledger: step.events.map((event) => ({
            revision: event.revision,
            kind: event.kind,
            occurredAt: event.occurredAt.toISOString(),
            details: event.details,
          })),
          notificationsSent: step.notifications.map((n) => ({
            kind: n.kind,
            rung: n.rung,
            recipientAgencyId: n.recipientAgencyId,
            recipientRole: n.recipientRole,
            scheduledAt: n.scheduledAt.toISOString(),
            firedAt: n.firedAt.toISOString(),
          })),
        },
      };
    },
  });
}
