import type { Db } from '../../db/client';
import { JurisdictionScope } from '../../domain/registry/jurisdiction-scope';

/** A unit's name in both languages. */
export interface UnitName {
  nameVi: string;
  nameEn: string;
}

/**
 * The jurisdiction tree and its units' names, cached: every authorised request consults it, and the tree changes a few
 * times a year (a reorganisation). A trigger raises `registry_version` on every change of
 * `jurisdictions`, made by any process; the cache compares that number at most once per
 * `checkEveryMs` (one indexed read of one row) and reloads the tree only when it moved, so a
 * reorganisation entered through one API process is seen by the others within about a second.
 */
export class JurisdictionDirectory {
  private cached: { scope: JurisdictionScope; names: Map<string, UnitName>; version: bigint; checkedAt: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 1_000,
  ) {}

  async scope(): Promise<JurisdictionScope> {
    return (await this.current()).scope;
  }

  /** A unit's name in both languages, as the registry has it now (a case page names its commune). */
  async nameOf(id: string): Promise<UnitName | undefined> {
    return (await this.current()).names.get(id);
  }

  private async current() {
    const now = Date.now();
    if (this.cached && now - this.cached.checkedAt < this.checkEveryMs) return this.cached;
    const version = await this.currentVersion();
    if (this.cached && this.cached.version === version) {
      this.cached.checkedAt = now;
      return this.cached;
    }
    const nodes = await this.db.jurisdiction.findMany({ select: { id: true, path: true, successorId: true, nameVi: true, nameEn: true } });
    const names = new Map(nodes.map(({ id, nameVi, nameEn }) => [id, { nameVi, nameEn }]));
    this.cached = { scope: new JurisdictionScope(nodes), names, version, checkedAt: now };
    return this.cached;
  }

  /** Forgets the tree at once (this process changed it; the others see the version move). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async currentVersion(): Promise<bigint> {
    const row = await this.db.registryVersion.findUnique({ where: { id: 1 }, select: { version: true } });
    return row?.version ?? 0n;
  }
}
