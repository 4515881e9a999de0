import type { Client } from '@temporalio/client';
import type { Db } from '../../db/client';
import { cycleConfig } from '../../domain/reporting/cycle-config';
import { parsePeriodKey, type PeriodKind } from '../../domain/reporting/report-periods';
import { DEFAULT_COVERED_YEARS } from '../../domain/calendar/working-calendar';
import { vietnamDate } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import type { Role } from '../../generated/prisma/enums';
import { ruleBook } from '../../rules/rule-book';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { ReportSchedules } from '../../temporal/report-schedules';
import { runSummaries } from './report-reader';
import { createCycleBody, cycleIdParams, pauseBody, runNowBody, updateCycleBody } from './reporting.schemas';
import { cycleDetailView, cycleListView, cycleView, runStartedView } from './reporting.views';

/** Who configures reporting cycles and reads roll-ups: the province's coordinators. */
export const REPORTING_COORDINATORS: readonly Role[] = ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'];

export function registerReportCycleRoutes(
  routes: ApiRoutes,
  deps: { db: Db; temporal: Client; directory: JurisdictionDirectory },
  settings: { taskQueue: string },
): void {
  const { db, directory } = deps;
  const schedules = new ReportSchedules(deps.temporal, settings.taskQueue);

  async function loadCycle(principal: Principal, id: string) {
    const cycle = await db.reportCycle.findUnique({ where: { id } });
    if (!cycle) throw problems.notFound({ vi: `Không có chu kỳ báo cáo ${id}.`, en: `No reporting cycle ${id}.` });
    assertCovers(await directory.scope(), principal, cycle.provinceId);
    return cycle;
  }

  async function checkReferences(
    provinceId: string,
    body: { ruleKey: string; receiverAgencyId: string; reporterIds: string[]; reporterAgencyIds: string[]; config: { receiverRuleKey?: string | undefined } },
  ) {
    const errors = [];
    const province = await db.jurisdiction.findUnique({ where: { id: provinceId } });
    if (!province)
      errors.push({ field: 'body.provinceId', message: 'Không có tỉnh này', messageEn: 'No such province' });
    const inProvince = await db.jurisdiction.findMany({
      where: { id: { in: body.reporterIds }, path: { startsWith: province?.path ?? '/' } },
      select: { id: true },
    });
    const known = new Set(inProvince.map((unit) => unit.id));
    for (const [index, id] of body.reporterIds.entries())
      if (!known.has(id))
        errors.push({
          field: `body.reporterIds.${index}`,
          message: `${id} không phải đơn vị thuộc tỉnh`,
          messageEn: `${id} is not a unit of the province`,
        });
    for (const [field, key] of [
      ['body.ruleKey', body.ruleKey],
      ['body.config.receiverRuleKey', body.config.receiverRuleKey],
    ] as const) {
      if (key && !ruleBook.has(key))
        errors.push({ field, message: `Không có quy tắc ${key}`, messageEn: `No rule ${key}` });
    }
    // An agency reporting for itself: in force, in the province, and of the kind the rule's task is for.
    if (body.reporterAgencyIds.length > 0 && body.reporterIds.length > 0)
      errors.push({ field: 'body.reporterAgencyIds', message: 'Chỉ chọn đơn vị hành chính hoặc cơ quan báo cáo, không cả hai', messageEn: 'Either units or agencies report, not both' });
    const kind = ruleBook.has(body.ruleKey) ? ruleBook.get(body.ruleKey).versions.at(-1)?.responsible.agencyKind : undefined;
    const agencies = await db.agency.findMany({
      where: { id: { in: body.reporterAgencyIds }, validTo: null, jurisdiction: { path: { startsWith: province?.path ?? '/' } } },
      select: { id: true, kind: true },
    });
    for (const [index, id] of body.reporterAgencyIds.entries()) {
      const agency = agencies.find((candidate) => candidate.id === id);
      if (!agency)
        errors.push({ field: `body.reporterAgencyIds.${index}`, message: `${id} không phải cơ quan đang hoạt động của tỉnh`, messageEn: `${id} is not an agency of the province in force` });
      else if (agency.kind !== kind)
        errors.push({
          field: `body.reporterAgencyIds.${index}`,
          message: `${id} (${agency.kind}) không phải loại cơ quan mà quy tắc ${body.ruleKey} giao báo cáo (${kind})`,
          messageEn: `${id} (${agency.kind}) is not the kind of agency rule ${body.ruleKey} asks to report (${kind})`,
        });
    }
    if (!(await db.agency.findUnique({ where: { id: body.receiverAgencyId } })))
      errors.push({ field: 'body.receiverAgencyId', message: 'Không có cơ quan này', messageEn: 'No such agency' });
    if (errors.length > 0) throw problems.invalidRequest(errors);
  }

  /**
   * A named period must be one of the cycle's kind and within the years the working-day calendar
   * covers: the run's workflow failed on either (found by fuzz/run.ts), after the API had said 202.
   */
  function checkPeriodKey(kind: PeriodKind, key: string) {
    const period = parsePeriodKey(kind, key);
    if (!period)
      throw problems.unprocessable('REPORTING.PERIOD_KIND', {
        vi: `${key} không phải một kỳ báo cáo ${kind} (ví dụ 2026-Q4, 2026-H2, 2026).`,
        en: `${key} is not a ${kind} period (e.g. 2026-Q4, 2026-H2, 2026).`,
      });
    const year = Number(key.slice(0, 4));
    const { first, last } = DEFAULT_COVERED_YEARS;
    if (year < first || year > last)
      throw problems.unprocessable('REPORTING.PERIOD_OUT_OF_RANGE', {
        vi: `Lịch ngày làm việc chỉ tính được từ năm ${first} đến năm ${last}; kỳ ${key} nằm ngoài phạm vi.`,
        en: `The working-day calendar covers ${first}–${last}; period ${key} is outside it.`,
      });
  }

  const timingOf = (cycle: { id: string; periodKind: string; config: unknown; paused: boolean }) => ({
    id: cycle.id,
    periodKind: cycle.periodKind as PeriodKind,
    schedule: cycleConfig.parse(cycle.config).schedule,
    paused: cycle.paused,
  });

  routes.add({
    method: 'post',
    path: '/reporting/cycles',
    tag: 'Reporting',
    summary: 'Create a reporting cycle (who reports, to whom, the window, the schedule) and its Temporal Schedule',
    access: { roles: REPORTING_COORDINATORS },
    body: createCycleBody,
    responses: {
      201: { description: 'The cycle, with its schedule', schema: cycleView },
      409: { description: 'A cycle with this id exists' },
    },
    handler: async ({ principal, body }) => {
      assertCovers(await directory.scope(), principal, body.provinceId);
      await checkReferences(body.provinceId, body);
      if (await db.reportCycle.findUnique({ where: { id: body.id } }))
        throw problems.conflict({ vi: `Chu kỳ ${body.id} đã có.`, en: `Cycle ${body.id} already exists.` });
      const cycle = await db.reportCycle.create({
        data: { ...body, config: body.config as Prisma.InputJsonValue },
      });
      await schedules.upsert(timingOf(cycle), `created by ${principal.username}`);
      return { status: 201, body: { ...cycle, schedule: await schedules.describe(cycle.id) }, headers: { Location: `/reporting/cycles/${cycle.id}` } };
    },
  });

  routes.add({
    method: 'put',
    path: '/reporting/cycles/:id',
    tag: 'Reporting',
    summary: 'Change a cycle: runs already started keep the configuration they started with',
    access: { roles: REPORTING_COORDINATORS },
    params: cycleIdParams,
    body: updateCycleBody,
    responses: {
      200: { description: 'The cycle at its new revision', schema: cycleView },
      404: { description: 'No such cycle' },
    },
    handler: async ({ principal, params, body }) => {
      const existing = await loadCycle(principal, params.id);
      await checkReferences(existing.provinceId, body);
      const cycle = await db.reportCycle.update({
        where: { id: params.id },
        data: { ...body, config: body.config as Prisma.InputJsonValue, revision: { increment: 1 } },
      });
      await schedules.upsert(timingOf(cycle), `revision ${cycle.revision} by ${principal.username}`);
      return { status: 200, body: { ...cycle, schedule: await schedules.describe(cycle.id) } };
    },
  });

  for (const paused of [true, false]) {
    routes.add({
      method: 'post',
      path: `/reporting/cycles/:id/${paused ? 'pause' : 'resume'}`,
      tag: 'Reporting',
      summary: paused ? 'Pause a cycle: no new runs; open report tasks stay open' : 'Resume a paused cycle',
      access: { roles: REPORTING_COORDINATORS },
      params: cycleIdParams,
      body: pauseBody,
      responses: {
        200: { description: 'The cycle and its schedule', schema: cycleView },
        404: { description: 'No such cycle' },
      },
      handler: async ({ principal, params, body }) => {
        await loadCycle(principal, params.id);
        const cycle = await db.reportCycle.update({ where: { id: params.id }, data: { paused } });
        await schedules.setPaused(cycle.id, paused, body.note ?? `${paused ? 'paused' : 'resumed'} by ${principal.username}`);
        return { status: 200, body: { ...cycle, schedule: await schedules.describe(cycle.id) } };
      },
    });
  }

  routes.add({
    method: 'post',
    path: '/reporting/cycles/:id/runs',
    tag: 'Reporting',
    summary: 'Run a cycle now: for the current period, a named one (catching up), or an ad hoc window',
    access: { roles: REPORTING_COORDINATORS },
    params: cycleIdParams,
    body: runNowBody,
    responses: {
      202: { description: 'The run started; its tasks open shortly', schema: runStartedView },
      404: { description: 'No such cycle' },
      422: { description: 'periodKey is not a period of the cycle’s kind, or falls outside the working-day calendar' },
    },
    handler: async ({ principal, params, body }) => {
      const cycle = await loadCycle(principal, params.id);
      if (body.periodKey) checkPeriodKey(cycle.periodKind as PeriodKind, body.periodKey);
      const workflowId = await schedules.runNow({
        cycleId: cycle.id,
        ...(body.periodKey ? { periodKey: body.periodKey } : {}),
        ...(body.adHoc ? { adHoc: { ...body.adHoc, requestedOn: vietnamDate() } } : {}),
      });
      return { status: 202, body: { workflowId } };
    },
  });

  routes.add({
    method: 'get',
    path: '/reporting/cycles',
    tag: 'Reporting',
    summary: 'The cycles of the caller’s province, each with its latest runs and how many units reported, late or not at all',
    access: { roles: REPORTING_COORDINATORS },
    responses: { 200: { description: 'The cycles and their latest eight runs', schema: cycleListView } },
    handler: async ({ principal }) => {
      const scope = await directory.scope();
      const cycles = (await db.reportCycle.findMany({ orderBy: { id: 'asc' } })).filter((cycle) =>
        scope.covers(principal.jurisdictionPath, cycle.provinceId),
      );
      const runs = await runSummaries(
        db,
        cycles.map((cycle) => cycle.id),
        8,
      );
      return {
        status: 200,
        body: {
          items: cycles.map((cycle) => ({
            id: cycle.id,
            provinceId: cycle.provinceId,
            nameVi: cycle.nameVi,
            nameEn: cycle.nameEn,
            periodKind: cycle.periodKind,
            paused: cycle.paused,
            runs: runs.filter((run) => run.cycleId === cycle.id).map(({ cycleId: _cycle, ...run }) => run),
          })),
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/reporting/cycles/:id',
    tag: 'Reporting',
    summary: 'A cycle: its configuration, its schedule (paused, next runs) and its runs',
    access: { roles: REPORTING_COORDINATORS },
    params: cycleIdParams,
    responses: {
      200: { description: 'The cycle, its schedule and its latest runs', schema: cycleDetailView },
      404: { description: 'No such cycle' },
    },
    handler: async ({ principal, params }) => {
      const cycle = await loadCycle(principal, params.id);
      const runs = await db.reportRun.findMany({ where: { cycleId: cycle.id }, orderBy: { periodStart: 'desc' }, take: 20 });
      return {
        status: 200,
        body: {
          ...cycle,
          schedule: await schedules.describe(cycle.id),
          runs: runs.map((run) => ({ id: run.id, periodKey: run.periodKey, cycleRevision: run.cycleRevision, startedAt: run.startedAt })),
        },
      };
    },
  });
}
