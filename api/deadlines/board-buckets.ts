import { Prisma } from '../../generated/prisma/client';
import { StepStatus } from '../../generated/prisma/enums';

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

/** One scan of the unfinished steps that `filter` keeps, counted per owner agency and unit. */
export function bucketCountsSql(filter: StepFilter, now: Date, withinDays: number): Prisma.Sql {
  const soon = new Date(now.getTime() + withinDays * DAY_MS);
  const withinLimit = Prisma.sql`(statutory_due_at IS NULL OR statutory_due_at >= ${now})`;
  const and = (condition: Prisma.Sql | false | undefined) => (condition ? Prisma.sql`AND ${condition}` : Prisma.empty);
  return Prisma.sql`
    SELECT owner_agency_id AS "ownerAgencyId", jurisdiction_id AS "jurisdictionId",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at > ${soon} AND ${withinLimit})::int AS "onTime",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at >= ${now} AND due_at <= ${soon} AND ${withinLimit})::int AS "dueSoon",
      count(*) FILTER (WHERE status = 'OPEN' AND due_at < ${now} AND ${withinLimit})::int AS "late",
      count(*) FILTER (WHERE status = 'OPEN' AND statutory_due_at < ${now})::int AS "pastStatutoryLimit",
      count(*) FILTER (WHERE status = 'SUSPENDED')::int AS "suspended"
    FROM steps
    WHERE status IN ('OPEN', 'SUSPENDED')
      ${and(filter.units && Prisma.sql`jurisdiction_id = ANY(${filter.units})`)}
      ${and(filter.ownerAgencyIds && Prisma.sql`owner_agency_id = ANY(${filter.ownerAgencyIds})`)}
      ${and(filter.ownerRoles && Prisma.sql`(owner_role::text = ANY(${filter.ownerRoles}) OR rule_key = ANY(${filter.orRuleKeys ?? []}))`)}
      ${and(filter.procedure !== undefined && Prisma.sql`procedure = ${filter.procedure}`)}
      ${and(!!filter.hiddenProcedures?.length && Prisma.sql`NOT (procedure = ANY(${filter.hiddenProcedures}))`)}
    GROUP BY owner_agency_id, jurisdiction_id`;
}

export function addCounts(into: BucketCounts, row: BucketCounts): void {
  for (const bucket of BOARD_BUCKETS) into[bucket] += row[bucket];
}
