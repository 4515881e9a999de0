import type { Db } from '../client';

/**
 * The register of establishments prone to prostitution (procedure I): what teams 178 plan and
 * inspect. An establishment is business data (its trade name, address and the business that
 * owns it), kept out of notifications and search attributes all the same.
 */
export const EstablishmentKind = [
  'HOTEL',
  'GUESTHOUSE',
  'RENTAL_APARTMENT',
  'RESTAURANT',
  'BAR',
  'KARAOKE',
  'DANCE_HALL',
  'MASSAGE_SAUNA',
  'BARBER_HAIRWASH',
  'DIM_LIGHT_CAFE',
  'OTHER',
] as const;
export type EstablishmentKind = (typeof EstablishmentKind)[number];
export const Risk = ['LOW', 'MEDIUM', 'HIGH'] as const;

/** The inspections of a team's plan in its year, and what they cover (the plan's establishments, the surprise target). */
export async function planCoverage(db: Db, plan: { teamAgencyId: string; year: number; establishmentIds: string[] }, areaPath: string) {
  const from = `${plan.year}-01-01`;
  const to = `${plan.year}-12-31`;
  const inspected = await db.$queryRaw<{ establishmentId: string; inspections: number; surprise: number; violations: number }[]>`
    SELECT c.fields->>'establishmentId' AS "establishmentId",
      count(*)::int AS inspections,
      count(*) FILTER (WHERE e.details->>'surprise' = 'true')::int AS surprise,
      count(*) FILTER (WHERE e.details->>'result' = 'VIOLATION')::int AS violations
    FROM case_events e JOIN cases c ON c.id = e.case_id
    WHERE c.procedure = 'INSPECTION_178' AND e.kind = 'INSPECTION_RECORDED'
      AND e.legal_date BETWEEN ${from}::date AND ${to}::date
      AND c.fields->>'teamAgencyId' = ${plan.teamAgencyId}
    GROUP BY 1`;
  const byEstablishment = new Map(inspected.map((row) => [row.establishmentId, row]));
  // Every active establishment of the team's area counts toward "prone establishments inspected at least once".
  const area = await db.establishment.findMany({
    where: { active: true, jurisdiction: { path: { startsWith: areaPath } } },
    select: { id: true },
  });
  const areaInspected = area.filter((row) => byEstablishment.has(row.id)).length;
  const plannedInspected = plan.establishmentIds.filter((id) => byEstablishment.has(id)).length;
  const sum = (key: 'inspections' | 'surprise' | 'violations') => inspected.reduce((total, row) => total + row[key], 0);
  const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
  return {
    inspections: sum('inspections'),
    surpriseInspections: sum('surprise'),
    inspectionsWithViolation: sum('violations'),
    planned: plan.establishmentIds.length,
    plannedInspected,
    plannedCoveragePercent: percent(plannedInspected, plan.establishmentIds.length),
    establishmentsInArea: area.length,
    areaInspected,
    areaCoveragePercent: percent(areaInspected, area.length),
    inspectedIds: [...byEstablishment.keys()],
  };
}
