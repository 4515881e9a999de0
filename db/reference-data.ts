import type { Agency, Jurisdiction, RuleOverride } from '../generated/prisma/client';
import type { Db } from './client';

/**
 * The registry's units and agencies and the provinces' rule overrides as one immutable snapshot:
 * what every step the worker opens reads (its place, the agencies serving it, the overrides of its
 * rules), and what changes a few times a year. Triggers raise `registry_version` on every change
 * of `jurisdictions`, `agencies` and `rule_overrides`, made by any process; each activity reads
 * that counter once (one indexed row) and gets the snapshot of that version, reloaded only when
 * it moved. So a step opened right after a reorganisation sees it, as with a read of the rows,
 * without the dozen reads per case entered that the rows cost (issue #18's import, #19's actions).
 */
export interface ReferenceSnapshot {
  unit(id: string): Jurisdiction | undefined;
  /** The agencies whose unit is `jurisdictionId`. */
  agenciesOf(jurisdictionId: string): readonly Agency[];
  agency(id: string): Agency | undefined;
  /** A province's overrides of one rule. */
  overridesOf(provinceId: string, ruleKey: string): readonly RuleOverride[];
}

export class ReferenceData {
  private loaded: { version: bigint; snapshot: Promise<ReferenceSnapshot> } | undefined;

  constructor(private readonly db: Db) {}

  async snapshot(): Promise<ReferenceSnapshot> {
    const version = (await this.db.registryVersion.findUnique({ where: { id: 1 }, select: { version: true } }))?.version ?? 0n;
    if (this.loaded?.version !== version) {
      const snapshot = this.load();
      this.loaded = { version, snapshot };
      // A failed load is not kept: the next call tries again.
      snapshot.catch(() => {
        if (this.loaded?.snapshot === snapshot) this.loaded = undefined;
      });
    }
    return this.loaded.snapshot;
  }

  private async load(): Promise<ReferenceSnapshot> {
    const [units, agencies, overrides] = await Promise.all([
      this.db.jurisdiction.findMany(),
      this.db.agency.findMany({ orderBy: { id: 'asc' } }),
      this.db.ruleOverride.findMany(),
    ]);
    const unitById = new Map(units.map((unit) => [unit.id, unit]));
    const agencyById = new Map(agencies.map((agency) => [agency.id, agency]));
    const agenciesByUnit = groupBy(agencies, (agency) => agency.jurisdictionId);
    const overridesByKey = groupBy(overrides, (row) => `${row.provinceId}|${row.ruleKey}`);
    return {
      unit: (id) => unitById.get(id),
      agenciesOf: (jurisdictionId) => agenciesByUnit.get(jurisdictionId) ?? [],
      agency: (id) => agencyById.get(id),
      overridesOf: (provinceId, ruleKey) => overridesByKey.get(`${provinceId}|${ruleKey}`) ?? [],
    };
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
