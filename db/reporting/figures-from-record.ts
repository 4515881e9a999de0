import { Prisma } from '../../generated/prisma/client';
import type { Db } from '../client';
import { emptyFigures, withPercents, type Figures } from '../../domain/reporting/report-figures';
import { isoToDateColumn } from '../../domain/time/legal-date';
import type { FigureCount } from '../../procedures/procedure-module';
import { PROCEDURES } from '../../procedures/registry';

/**
 * A unit's figures for a window, counted from the case timeline and the steps. Events count by
 * the jurisdiction they were recorded under, so a unit counts its own subtree and the units that
 * merged into it, and those merged into them (their events before the mergers are its history too).
 */
export async function figuresFromRecord(db: Db, unitId: string, window: { from: string; to: string }, now = new Date()): Promise<Figures> {
  const from = isoToDateColumn(window.from);
  const to = isoToDateColumn(window.to);
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    WITH RECURSIVE unit AS (SELECT path FROM jurisdictions WHERE id = ${unitId}),
    subtree AS (SELECT j.id FROM jurisdictions j, unit WHERE j.path LIKE unit.path || '%'),
    units AS (SELECT id FROM subtree UNION SELECT j.id FROM jurisdictions j JOIN units u ON j.successor_id = u.id),
    events AS (
      SELECT e.kind, e.details, e.legal_date, c.procedure, c.person_id, p.residence_status
      FROM case_events e JOIN cases c ON c.id = e.case_id JOIN persons p ON p.id = c.person_id
      WHERE e.jurisdiction_id IN (SELECT id FROM units) AND e.legal_date BETWEEN ${from} AND ${to}
    )
    SELECT
      (SELECT count(*) FROM events WHERE kind = 'DOSSIER_FILED') AS "dossiersCompiled",
      (SELECT count(*) FROM events WHERE kind = 'DOSSIER_FILED' AND residence_status = 'NO_STABLE_RESIDENCE') AS "dossiersWithoutStableResidence",
      (SELECT count(*) FROM events WHERE kind = 'TRANSFERRED_TO_COURT') AS "sentToCourt",
      (SELECT count(*) FROM events WHERE kind = 'DECISION_RECORDED' AND details->>'outcome' = 'APPLY') AS "decisionsApply",
      (SELECT count(*) FROM events WHERE kind = 'DECISION_RECORDED' AND details->>'outcome' = 'NOT_APPLY') AS "decisionsNotApply",
      (SELECT count(*) FROM events WHERE kind = 'DECISION_RECORDED' AND details->>'outcome' = 'SUSPEND') AS "decisionsSuspended",
      (SELECT count(*) FROM events WHERE kind = 'DECISION_RECORDED' AND details->>'outcome' = 'TEMPORARILY_SUSPEND') AS "decisionsTemporarilySuspended",
      (SELECT count(*) FROM events WHERE kind = 'ADMITTED') AS "admissions",
      (SELECT count(*) FROM events WHERE kind = 'COMPLETED' AND procedure IN ('COMPULSORY_REHAB_ADULT', 'COMPULSORY_REHAB_ADULT_2014')) AS "completions",
      (SELECT count(*) FROM cases c
         WHERE c.procedure IN ('COMPULSORY_REHAB_ADULT', 'COMPULSORY_REHAB_ADULT_2014') AND c.jurisdiction_id IN (SELECT id FROM units)
           AND (c.fields->>'admittedOn')::date <= ${to} AND (c.closed_on IS NULL OR c.closed_on > ${to})) AS "inTreatment",
      (SELECT count(*) FROM cases c
         WHERE c.procedure = 'POST_REHAB' AND c.jurisdiction_id IN (SELECT id FROM units)
           AND EXISTS (SELECT 1 FROM case_events s WHERE s.case_id = c.id AND s.kind = 'POST_REHAB_STARTED' AND s.legal_date <= ${to})
           AND (c.closed_on IS NULL OR c.closed_on > ${to})) AS "underPostRehab",
      (SELECT count(*) FROM events o
         WHERE o.kind = 'CASE_OPENED' AND o.procedure = 'COMPULSORY_REHAB_ADULT'
           AND EXISTS (SELECT 1 FROM cases earlier JOIN case_events s ON s.case_id = earlier.id
                        WHERE earlier.person_id = o.person_id AND earlier.procedure = 'POST_REHAB'
                          AND s.kind = 'POST_REHAB_STARTED' AND s.legal_date <= o.legal_date)) AS "relapses",
      (SELECT count(*) FROM steps s
         WHERE s.jurisdiction_id IN (SELECT id FROM units) AND s.procedure <> 'REPORTING'
           AND s.status = 'OPEN' AND s.due_at < ${now}) AS "stepsOverdue",
      (SELECT count(*) FROM steps s
         WHERE s.jurisdiction_id IN (SELECT id FROM units) AND s.procedure <> 'REPORTING'
           AND s.completed_at > s.due_at AND s.completed_at::date BETWEEN ${from} AND ${to}) AS "stepsCompletedLate"`;
  const figures = emptyFigures();
  for (const [key, value] of Object.entries(row ?? {})) figures[key] = Number(value);
  Object.assign(figures, await procedureFigures(db, unitId, from, to));
  return withPercents(figures);
}

/** One count of a procedure's figure, over the unit's subtree and merged units (CTEs `units`, `events`). */
function countOf(count: FigureCount, from: Date, to: Date): Prisma.Sql | undefined {
  if ('events' in count) {
    const where = count.where;
    const detail = !where
      ? Prisma.empty
      : where.equals !== undefined
        ? Prisma.sql` AND details->>${where.detail} = ${where.equals}`
        : Prisma.sql` AND (details->${where.detail}) ?| ${[...(where.includesAny ?? [])]}::text[]`;
    const counted = count.distinctPeople ? Prisma.sql`count(DISTINCT person_id)` : Prisma.sql`count(*)`;
    return Prisma.sql`(SELECT ${counted} FROM events WHERE kind = ${count.events}${detail})`;
  }
  if ('cases' in count) {
    const started = Prisma.sql`(c.fields->>${count.startedBy})::date`;
    const open =
      count.openAt === 'END'
        ? Prisma.sql`${started} <= ${to} AND (c.closed_on IS NULL OR c.closed_on > ${to})`
        : Prisma.sql`${started} <= ${to} AND (c.closed_on IS NULL OR c.closed_on >= ${from})`;
    const ended = count.endedBy
      ? Prisma.sql` AND (c.fields->>${count.endedBy} IS NULL OR (c.fields->>${count.endedBy})::date > ${count.openAt === 'END' ? to : from})`
      : Prisma.empty;
    const where = count.where;
    const field = !where
      ? Prisma.empty
      : where.orMissing
        ? Prisma.sql` AND coalesce(c.fields->>${where.field}, ${where.equals}) = ${where.equals}`
        : Prisma.sql` AND c.fields->>${where.field} = ${where.equals}`;
    return Prisma.sql`(SELECT count(*) FROM cases c WHERE c.procedure = ${count.cases} AND c.jurisdiction_id IN (SELECT id FROM units) AND ${open}${ended}${field})`;
  }
  return undefined;
}

/** The figures the procedure modules declare (procedures/<name>/figures.ts), in one query. */
async function procedureFigures(db: Db, unitId: string, from: Date, to: Date): Promise<Figures> {
  const columns = PROCEDURES.flatMap((procedure) => procedure.figures ?? []).flatMap((figure) => {
    const sql = countOf(figure.count, from, to);
    return sql ? [Prisma.sql`${sql} AS ${Prisma.raw(`"${figure.key.replace(/[^A-Za-z0-9]/g, '')}"`)}`] : [];
  });
  if (columns.length === 0) return {};
  const unit = await db.jurisdiction.findUnique({ where: { id: unitId }, select: { level: true } });
  const [row] = await db.$queryRaw<Record<string, bigint>[]>`
    WITH RECURSIVE unit AS (SELECT path FROM jurisdictions WHERE id = ${unitId}),
    subtree AS (SELECT j.id FROM jurisdictions j, unit WHERE j.path LIKE unit.path || '%'),
    units AS (SELECT id FROM subtree UNION SELECT j.id FROM jurisdictions j JOIN units u ON j.successor_id = u.id),
    events AS (
      SELECT e.kind, e.details, c.person_id
      FROM case_events e JOIN cases c ON c.id = e.case_id
      WHERE e.jurisdiction_id IN (SELECT id FROM units) AND e.legal_date BETWEEN ${from} AND ${to}
    )
    SELECT ${Prisma.join(columns, ', ')}`;
  const counted = Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]));
  if (unit?.level !== 'PROVINCE') {
    for (const figure of PROCEDURES.flatMap((procedure) => procedure.figures ?? [])) {
      const under = figure.suppressBelowProvinceUnder;
      const value = counted[figure.key];
      if (under !== undefined && value !== undefined && value > 0 && value < under) counted[figure.key] = 0;
    }
  }
  return counted;
}
