import type { Db } from '../client';
import type { Prisma } from '../../generated/prisma/client';
import { exampleCriteriaSet } from '../../procedures/commune-assessment/criteria';
import type { CriteriaSetBody } from '../../procedures/commune-assessment/criteria';
import type { CriteriaSet, Programme } from '../../procedures/commune-assessment/scoring';

/**
 * The province's criteria sets for procedure J (assessment_criteria_sets): each entry is a new
 * version, never an update, so an assessment can always show the set it was scored against.
 */

type Row = Awaited<ReturnType<Db['assessmentCriteriaSet']['findFirstOrThrow']>>;

const toSet = (row: Row): CriteriaSet => ({
  id: row.id,
  programme: row.programme as Programme,
  year: row.year,
  version: row.version,
  provinceId: row.provinceId,
  example: false,
  ...(row.content as unknown as CriteriaSetBody),
});

/** The set a new assessment uses: the province's latest version for the year, else the example. */
export async function criteriaSetInForce(db: Db, provinceId: string, programme: Programme, year: number): Promise<CriteriaSet> {
  const row = await db.assessmentCriteriaSet.findFirst({ where: { provinceId, programme, year }, orderBy: { version: 'desc' } });
  return row ? toSet(row) : exampleCriteriaSet(programme, year);
}

/** Every version the province entered for the year, newest first. */
export async function criteriaSetVersions(db: Db, provinceId: string, programme: Programme, year: number): Promise<CriteriaSet[]> {
  const rows = await db.assessmentCriteriaSet.findMany({ where: { provinceId, programme, year }, orderBy: { version: 'desc' } });
  return rows.map(toSet);
}

/** One set by id (an example's id names its programme). */
export async function criteriaSetById(db: Db, id: string): Promise<CriteriaSet | undefined> {
  const example = /^EXAMPLE:([A-Z_]+):v1$/.exec(id);
  if (example) {
    const programme = example[1] as Programme;
    return ['HEALTHY_COMMUNE', 'DRUG_FREE_COMMUNE'].includes(programme) ? exampleCriteriaSet(programme, new Date().getUTCFullYear()) : undefined;
  }
  const row = await db.assessmentCriteriaSet.findUnique({ where: { id } });
  return row ? toSet(row) : undefined;
}

/** Adds the next version; two administrators saving at once get consecutive versions (the unique key retries). */
export async function addCriteriaSetVersion(
  db: Db,
  entry: { provinceId: string; programme: Programme; year: number; body: CriteriaSetBody; createdBy: string },
): Promise<CriteriaSet> {
  for (let attempt = 0; ; attempt += 1) {
    const latest = await db.assessmentCriteriaSet.findFirst({
      where: { provinceId: entry.provinceId, programme: entry.programme, year: entry.year },
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    const version = (latest?.version ?? 0) + 1;
    try {
      const row = await db.assessmentCriteriaSet.create({
        data: {
          id: `${entry.provinceId}:${entry.programme}:${entry.year}:v${version}`,
          provinceId: entry.provinceId,
          programme: entry.programme,
          year: entry.year,
          version,
          content: entry.body as unknown as Prisma.InputJsonValue,
          createdBy: entry.createdBy,
        },
      });
      return toSet(row);
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== 'P2002') throw error;
    }
  }
}
