import { Prisma } from '../../generated/prisma/client';
import { StepStatus } from '../../generated/prisma/enums';
import { addDays } from '../../domain/deadlines/deadline-computation';
import { vietnamDate } from '../../domain/time/legal-date';

/**
 * The live board's columns. They partition the unfinished steps, so that a row's columns add up
 * to its open work: a stopped step is only "suspended"; an open one is past the statutory limit,
 * else late, else due within the window, else on time. The list behind a column (Prisma) and its
 * count (one SQL scan) are written side by side here so that they cannot drift apart.
 */
export const BOARD_BUCKETS = ['onTime', 'dueSoon', 'late', 'pastStatutoryLimit', 'suspended'] as const;
export type BoardBucket = (typeof BOARD_BUCKETS)[number];

const DAY_MS = 24 * 3600 * 1000;

export function bucketWhere(bucket: BoardBucket, now: Date, withinDays: number): Prisma.StepWhereInput {
  const soon = new Date(now.getTime() + withinDays * DAY_MS);
  const notPastLimit: Prisma.StepWhereInput = { OR: [{ statutoryDueAt: null }, { statutoryDueAt: { gte: now } }] };
  switch (bucket) {
    case 'suspended':
      return { status: StepStatus.SUSPENDED };
    case 'pastStatutoryLimit':
      return { status: StepStatus.OPEN, statutoryDueAt: { lt: now } };
    case 'late':
      return { status: StepStatus.OPEN, dueAt: { lt: now }, ...notPastLimit };
    case 'dueSoon':
      return { status: StepStatus.OPEN, dueAt: { gte: now, lte: soon }, ...notPastLimit };
    case 'onTime':
      return { status: StepStatus.OPEN, dueAt: { gt: soon }, ...notPastLimit };
  }
}

export type BucketCounts = Record<BoardBucket, number>;

export function emptyCounts(): BucketCounts {
  return { onTime: 0, dueSoon: 0, late: 0, pastStatutoryLimit: 0, suspended: 0 };
}

export interface CountRow extends BucketCounts {
  ownerAgencyId: string;
  jurisdictionId: string;
}

export interface StepFilter {
  units?: string[];
  ownerAgencyIds?: string[];
  ownerRoles?: string[];
  /** With ownerRoles: steps of these rules are kept whatever their owner role (colleagues who may act on them). */
  orRuleKeys?: string[];
  procedure?: string;
  /** Confidential procedures the reader may not read (api/cases/procedure-access.ts): left out. */
  hiddenProcedures?: string[];
}

export function filterWhere(filter: StepFilter): Prisma.StepWhereInput {
  return {
    ...(filter.units ? { jurisdictionId: { in: filter.units } } : {}),
    ...(filter.ownerAgencyIds ? { ownerAgencyId: { in: filter.ownerAgencyIds } } : {}),
    ...(filter.ownerRoles
      ? { OR: [{ ownerRole: { in: filter.ownerRoles as never } }, { ruleKey: { in: filter.orRuleKeys ?? [] } }] }
      : {}),
    ...(filter.procedure || filter.hiddenProcedures?.length
      ? {
          procedure: {
            ...(filter.procedure ? { equals: filter.procedure } : {}),
            ...(filter.hiddenProcedures?.length ? { notIn: filter.hiddenProcedures } : {}),
          },
        }
      : {}),
  };
}

/**
 * The unfinished steps that `filter` keeps, counted per owner agency and unit. Without a filter on
 * roles (the board), from the counts a trigger keeps per day (step_board_counts) for every day
 * that lies wholly on one side of the windows, and from the steps themselves for the boundary
 * days (today, the window's last day, a limit ending today), in one statement (one snapshot).
 * With one (my tasks), one scan of the steps.
 */
export function bucketCountsSql(filter: StepFilter, now: Date, withinDays: number): Prisma.Sql {
  if (filter.ownerRoles) return scanCountsSql(filter, now, withinDays);
  const soon = new Date(now.getTime() + withinDays * DAY_MS);
  const today = vietnamDate(now);
  const soonDay = vietnamDate(soon);
  const dayOf = (day: string) => Prisma.sql`${day}::date`;
  const [todayStarts, tomorrowStarts] = [dayStart(today), dayStart(addDays(today, 1))];
  const [soonDayStarts, afterSoonDayStarts] = [dayStart(soonDay), dayStart(addDays(soonDay, 1))];
  // The boundary days' open steps in three disjoint parts, each a range of one indexed instant.
  const dueToday = Prisma.sql`(due_at >= ${todayStarts} AND due_at < ${tomorrowStarts})`;
  const dueOnSoonDay = Prisma.sql`(due_at >= ${soonDayStarts} AND due_at < ${afterSoonDayStarts})`;
  const limitToday = Prisma.sql`(statutory_due_at >= ${todayStarts} AND statutory_due_at < ${tomorrowStarts})`;
  const boundaryParts = [
    Prisma.sql`status = 'OPEN' AND ${dueToday}`,
    Prisma.sql`status = 'OPEN' AND ${dueOnSoonDay} AND NOT ${dueToday}`,
    Prisma.sql`status = 'OPEN' AND ${limitToday} AND NOT ${dueToday} AND NOT ${dueOnSoonDay}`,
  ];
  const groupOnBoundary = Prisma.sql`status = 'OPEN' AND (due_day IN (${dayOf(today)}, ${dayOf(soonDay)}) OR statutory_day = ${dayOf(today)})`;
  const beforeLimit = Prisma.sql`statutory_day > ${dayOf(today)}`;
  return Prisma.sql`
    SELECT "ownerAgencyId", "jurisdictionId",
      sum("onTime")::int AS "onTime", sum("dueSoon")::int AS "dueSoon", sum("late")::int AS "late",
      sum("pastStatutoryLimit")::int AS "pastStatutoryLimit", sum("suspended")::int AS "suspended"
    FROM (
      SELECT owner_agency_id AS "ownerAgencyId", jurisdiction_id AS "jurisdictionId",
        coalesce(sum(n) FILTER (WHERE status = 'OPEN' AND ${beforeLimit} AND due_day > ${dayOf(soonDay)}), 0) AS "onTime",
        coalesce(sum(n) FILTER (WHERE status = 'OPEN' AND ${beforeLimit} AND due_day > ${dayOf(today)} AND due_day < ${dayOf(soonDay)}), 0) AS "dueSoon",
        coalesce(sum(n) FILTER (WHERE status = 'OPEN' AND ${beforeLimit} AND due_day < ${dayOf(today)}), 0) AS "late",
        coalesce(sum(n) FILTER (WHERE status = 'OPEN' AND statutory_day < ${dayOf(today)}), 0) AS "pastStatutoryLimit",
        coalesce(sum(n) FILTER (WHERE status = 'SUSPENDED'), 0) AS "suspended"
      FROM step_board_counts
      WHERE n <> 0 AND NOT (${groupOnBoundary}) ${filterSql(filter)}
      GROUP BY owner_agency_id, jurisdiction_id
      ${Prisma.join(
        boundaryParts.map((part) => Prisma.sql`UNION ALL ${scanCountsSql(filter, now, withinDays, part)}`),
        ' ',
      )}
    ) AS parts
    GROUP BY "ownerAgencyId", "jurisdictionId"`;
}

/** The first instant of a day in Vietnam (UTC+7 all year), as the trigger's board_day() counts days. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);

const and = (condition: Prisma.Sql | false | undefined) => (condition ? Prisma.sql`AND ${condition}` : Prisma.empty);

/** The filter's conditions on the columns the steps and their counts share. */
function filterSql(filter: StepFilter): Prisma.Sql {
  return Prisma.sql`
      ${and(filter.units && Prisma.sql`jurisdiction_id = ANY(${filter.units})`)}
      ${and(filter.ownerAgencyIds && Prisma.sql`owner_agency_id = ANY(${filter.ownerAgencyIds})`)}
      ${and(filter.procedure !== undefined && Prisma.sql`procedure = ${filter.procedure}`)}
      ${and(!!filter.hiddenProcedures?.length && Prisma.sql`NOT (procedure = ANY(${filter.hiddenProcedures}))`)}`;
}

/** One scan of the unfinished steps that `filter` (and `only`) keep, counted per owner agency and unit. */
function scanCountsSql(filter: StepFilter, now: Date, withinDays: number, only?: Prisma.Sql): Prisma.Sql {
  const soon = new Date(now.getTime() + withinDays * DAY_MS);
  const withinLimit = Prisma.sql`(statutory_due_at IS NULL OR statutory_due_at >= ${now})`;
  return Prisma.sql`
    SELECT owner_agency_id AS "ownerAgencyId", jurisdiction_id AS "jurisdictionId",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at > ${soon} AND ${withinLimit})::int AS "onTime",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at >= ${now} AND due_at <= ${soon} AND ${withinLimit})::int AS "dueSoon",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at < ${now} AND ${withinLimit})::int AS "late",
      count(*) FILTER (WHERE status = 'OPEN' AND statutory_due_at < ${now})::int AS "pastStatutoryLimit",
      count(*) FILTER (WHERE status = 'SUSPENDED')::int AS "suspended"
    FROM steps
    WHERE status IN ('OPEN', 'SUSPENDED')
      ${and(only)}
      ${filterSql(filter)}
      ${and(filter.ownerRoles && Prisma.sql`(owner_role::text = ANY(${filter.ownerRoles}) OR rule_key = ANY(${filter.orRuleKeys ?? []}))`)}
    GROUP BY owner_agency_id, jurisdiction_id`;
}

/** The counts from one scan of the steps, whatever the filter: what the kept counts must always equal. */
export const scannedCountsSql = (filter: StepFilter, now: Date, withinDays: number) => scanCountsSql(filter, now, withinDays);

export function addCounts(into: BucketCounts, row: BucketCounts): void {
  for (const bucket of BOARD_BUCKETS) into[bucket] += row[bucket];
}
