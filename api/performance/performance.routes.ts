import type { Db } from '../../db/client';
import { VIETNAM_TIME_ZONE } from '../../domain/time/legal-date';
import { Prisma } from '../../generated/prisma/client';
import { stepKeyOf } from '../../procedures/procedure-definition';
import { budgetSchema } from '../../rules/rule-types';
import type { Principal } from '../auth/principal';
import { ANY_ROLE } from '../auth/roles';
import { hiddenProcedures } from '../cases/procedure-access';
import { coveredUnits } from '../deadlines/covered-units';
import type { ApiRoutes } from '../http/routes';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';
import { resolveMonthRange, type MonthRange } from './month-range';
import { onTimePerformanceView, performanceQuery, stepDurationsView } from './performance.schemas';
import type { z } from 'zod';

/**
 * On-time performance (tỷ lệ đúng hạn) and the time steps take, from the record of completed
 * steps. Scoped like the live board: any role, the caller's jurisdiction or a unit under it.
 * Each answer is one aggregating scan (grouped in PostgreSQL), however many steps there are.
 */

interface Scope {
  units: string[];
  procedure: string | undefined;
  /** Confidential procedures the caller's roles may not read: their steps are not counted. */
  hidden: string[];
  range: MonthRange;
}

/**
 * When a step was done: the legal date of the act that completed it (the start of that day in
 * Vietnam), or the instant it was recorded when no act gave one (steps before 2 Dec 2026).
 * A dossier filed on paper in time and entered a week later was done in time.
 */
const COMPLETED = Prisma.sql`coalesce(completed_on::timestamp AT TIME ZONE ${VIETNAM_TIME_ZONE}, completed_at)`;

/**
 * Done late: recorded after the due instant, unless the act's legal date was before the due day,
 * or on it for a deadline that runs to the end of that day (endOfLegalDay: 17:00 UTC). A deadline
 * in hours ends within its day, where the legal date cannot tell, so its instant decides.
 */
const LATE = Prisma.sql`(completed_at > due_at AND NOT coalesce(
  completed_on < due_date OR (completed_on = due_date AND due_at = (due_date + time '17:00') AT TIME ZONE 'UTC'), false))`;

function completedIn(scope: Scope): Prisma.Sql {
  return Prisma.sql`status = 'COMPLETED'
      AND ${COMPLETED} >= ${scope.range.start} AND ${COMPLETED} < ${scope.range.end}
      AND jurisdiction_id = ANY(${scope.units})
      ${scope.procedure === undefined ? Prisma.empty : Prisma.sql`AND procedure = ${scope.procedure}`}
      ${scope.hidden.length === 0 ? Prisma.empty : Prisma.sql`AND NOT (procedure = ANY(${scope.hidden}))`}`;
}

interface OnTimeRow {
  agencyId: string;
  month: string;
  onTime: number;
  late: number;
}

interface DurationRow {
  procedure: string;
  ruleKey: string;
  titleVi: string;
  titleEn: string;
  budget: unknown;
  completed: number;
  late: number;
  takenMedian: number | null;
  takenP90: number | null;
  budgetedMedian: number | null;
  budgetedP90: number | null;
}

type Counts = z.infer<typeof onTimePerformanceView>['totals'];
type Budget = NonNullable<z.infer<typeof stepDurationsView>['items'][number]['budget']>;

const counts = (onTime: number, late: number): Counts => ({
  completed: onTime + late,
  onTime,
  late,
  onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
});

const days = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** The rule's time budget as the rule states it (ruleSnapshot.rule.budget); null when the snapshot has none. */
export function budgetOf(snapshotBudget: unknown): Budget | null {
  const parsed = budgetSchema.safeParse(snapshotBudget);
  if (!parsed.success) return null;
  const b = parsed.data;
  switch (b.kind) {
    case 'WORKING_DAYS':
    case 'CALENDAR_DAYS':
      return { value: b.days, unit: b.kind };
    case 'MONTHS':
      return { value: b.months, unit: 'MONTHS' };
    case 'HOURS':
      return { value: b.hours, unit: 'HOURS' };
    case 'ELAPSED':
      return { value: b.seconds, unit: 'SECONDS' };
    case 'DAY_OF_LAST_MONTH':
      return { value: b.day, unit: 'DAY_OF_LAST_MONTH', periodMonths: b.periodMonths };
  }
}

export function registerPerformanceRoutes(routes: ApiRoutes, db: Db, directory: JurisdictionDirectory): void {
  async function scopeOf(
    principal: Principal,
    query: z.output<typeof performanceQuery>,
  ): Promise<Scope & { jurisdictionId: string }> {
    // The range first: a bad range is the request's fault whatever the unit.
    const range = resolveMonthRange(query);
    const jurisdictionId = query.jurisdictionId ?? principal.jurisdictionId;
    const units = await coveredUnits(directory, principal, jurisdictionId);
    return {
      jurisdictionId,
      units,
      range,
      procedure: query.procedure,
      hidden: hiddenProcedures(principal.roles),
    };
  }

  async function jurisdictionOf(id: string) {
    const unit = await db.jurisdiction.findUnique({ where: { id }, select: { nameVi: true, nameEn: true } });
    return { id, nameVi: unit?.nameVi ?? id, nameEn: unit?.nameEn ?? id };
  }

  const rangeOf = (scope: Scope) => ({
    from: scope.range.from,
    to: scope.range.to,
    procedure: scope.procedure ?? null,
  });

  routes.add({
    method: 'get',
    path: '/performance/on-time',
    tag: 'Performance',
    summary:
      'On-time performance: steps completed on time and late, per owning agency and per month of completion',
    description:
      'A step is on time when the act that completed it is dated before its due day, or on it for a deadline running to ' +
      'the end of that day; without a legal date (steps from before December 2026), when it was recorded by its due instant (suspensions and extensions ' +
      'included). Months are calendar months in Vietnam (Asia/Ho_Chi_Minh); the range defaults to the last twelve months ' +
      'and may cover at most 36. Steps of a confidential procedure are counted only for roles that read its cases.',
    access: { roles: ANY_ROLE },
    query: performanceQuery,
    responses: {
      200: {
        description: 'Counts and on-time rates of the caller’s jurisdiction, or of the unit asked for',
        schema: onTimePerformanceView,
      },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const scope = await scopeOf(principal, query);
      const rows = await db.$queryRaw<OnTimeRow[]>(Prisma.sql`
        SELECT owner_agency_id AS "agencyId",
          to_char(${COMPLETED} AT TIME ZONE ${VIETNAM_TIME_ZONE}, 'YYYY-MM') AS "month",
          count(*) FILTER (WHERE NOT ${LATE})::int AS "onTime",
          count(*) FILTER (WHERE ${LATE})::int AS "late"
        FROM steps
        WHERE ${completedIn(scope)}
        GROUP BY 1, 2`);

      const zero = () => new Map(scope.range.months.map((month) => [month, { onTime: 0, late: 0 }]));
      const all = zero();
      const perAgency = new Map<string, ReturnType<typeof zero>>();
      for (const row of rows) {
        const agencyMonths =
          perAgency.get(row.agencyId) ?? perAgency.set(row.agencyId, zero()).get(row.agencyId)!;
        for (const into of [all.get(row.month), agencyMonths.get(row.month)]) {
          if (!into) continue;
          into.onTime += row.onTime;
          into.late += row.late;
        }
      }
      const summarise = (months: ReturnType<typeof zero>) => {
        let onTime = 0;
        let late = 0;
        const byMonth = [...months.entries()].map(([month, c]) => {
          onTime += c.onTime;
          late += c.late;
          return { month, ...counts(c.onTime, c.late) };
        });
        return { totals: counts(onTime, late), byMonth };
      };

      const [agencies, jurisdiction] = await Promise.all([
        db.agency.findMany({
          where: { id: { in: [...perAgency.keys()] } },
          select: { id: true, nameVi: true, nameEn: true, jurisdictionId: true },
        }),
        jurisdictionOf(scope.jurisdictionId),
      ]);
      const agencyById = new Map(agencies.map((agency) => [agency.id, agency]));
      const byAgency = [...perAgency.entries()]
        .map(([agencyId, months]) => {
          const agency = agencyById.get(agencyId);
          return {
            agencyId,
            nameVi: agency?.nameVi ?? agencyId,
            nameEn: agency?.nameEn ?? agencyId,
            jurisdictionId: agency?.jurisdictionId ?? null,
            ...summarise(months),
          };
        })
        .sort(
          (a, b) =>
            (a.totals.onTimeRate ?? 1) - (b.totals.onTimeRate ?? 1) ||
            b.totals.late - a.totals.late ||
            a.nameVi.localeCompare(b.nameVi, 'vi'),
        );
      return {
        status: 200,
        body: {
          generatedAt: now.toISOString(),
          jurisdiction,
          ...rangeOf(scope),
          months: scope.range.months,
          ...summarise(all),
          byAgency,
        },
      };
    },
  });

  routes.add({
    method: 'get',
    path: '/performance/durations',
    tag: 'Performance',
    summary:
      'Time taken per procedure and step: median and 90th percentile, against the rule’s legal time budget',
    description:
      'Steps completed in the range (months of completion in Vietnam, default the last twelve, at most 36), one row per ' +
      'procedure, rule and time budget (a rule whose budget changed, by law or a province’s override, has a row per budget). ' +
      '`takenDays` runs from the start event to the act in legal days (or opening to recording without a legal date); ' +
      '`budgetedDays` is the span the same steps were given, measured the same way, so the ' +
      'two compare like with like. Steps of a confidential procedure are counted only for roles that read its cases.',
    access: { roles: ANY_ROLE },
    query: performanceQuery,
    responses: {
      200: {
        description: 'One row per procedure, rule and budget, by procedure then rule',
        schema: stepDurationsView,
      },
      404: { description: 'No such administrative unit' },
    },
    handler: async ({ principal, query }) => {
      const now = new Date();
      const scope = await scopeOf(principal, query);
      // In legal days (start event to act, start event to due day) when the act gave its date;
      // otherwise in the instants the record holds.
      const taken = Prisma.sql`coalesce((completed_on - start_date)::float8, extract(epoch FROM completed_at - opened_at)::float8 / 86400)`;
      const budgeted = Prisma.sql`CASE WHEN completed_on IS NOT NULL THEN (due_date - start_date)::float8
        ELSE extract(epoch FROM due_at - opened_at)::float8 / 86400 END`;
      const [rows, jurisdiction] = await Promise.all([
        db.$queryRaw<DurationRow[]>(Prisma.sql`
          SELECT procedure, rule_key AS "ruleKey", max(title_vi) AS "titleVi", max(title_en) AS "titleEn",
            rule_snapshot -> 'rule' -> 'budget' AS "budget",
            count(*)::int AS "completed",
            count(*) FILTER (WHERE ${LATE})::int AS "late",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${taken}) AS "takenMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ${taken}) AS "takenP90",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${budgeted}) AS "budgetedMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ${budgeted}) AS "budgetedP90"
          FROM steps
          WHERE ${completedIn(scope)}
          GROUP BY 1, 2, 5
          ORDER BY 1, 2, 6 DESC`),
        jurisdictionOf(scope.jurisdictionId),
      ]);
      return {
        status: 200,
        body: {
          generatedAt: now.toISOString(),
          jurisdiction,
          ...rangeOf(scope),
          items: rows.map((row) => ({
            procedure: row.procedure,
            ruleKey: row.ruleKey,
            stepKey: stepKeyOf(row.ruleKey),
            titleVi: row.titleVi,
            titleEn: row.titleEn,
            budget: budgetOf(row.budget),
            completed: row.completed,
            late: row.late,
            lateShare: row.completed === 0 ? null : row.late / row.completed,
            takenDays: { median: days(row.takenMedian), p90: days(row.takenP90) },
            budgetedDays: { median: days(row.budgetedMedian), p90: days(row.budgetedP90) },
          })),
        },
      };
    },
  });
}
