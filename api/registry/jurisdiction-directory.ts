import type { Db } from '../../db/client';
import { JurisdictionScope } from '../../domain/registry/jurisdiction-scope';

/**
 * The jurisdiction tree, cached: every authorised request consults it, and the tree changes a few
 * times a year (a reorganisation). A trigger raises `registry_version` on every change of
 * `jurisdictions`, made by any process; the cache compares that number at most once per
 * `checkEveryMs` (one indexed read of one row) and reloads the tree only when it moved, so a
 * reorganisation entered through one API process is seen by the others within about a second.
 */
export class JurisdictionDirectory {
  private cached: { scope: JurisdictionScope; version: bigint; checkedAt: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 1_000,
  ) {}

  async scope(): Promise<JurisdictionScope> {
    const now = Date.now();
    if (this.cached && now - this.cached.checkedAt < this.checkEveryMs) return this.cached.scope;
    const version = await this.currentVersion();
    if (this.cached && this.cached.version === version) {
      this.cached.checkedAt = now;
      return this.cached.scope;
    }
    const nodes = await this.db.jurisdiction.findMany({ select: { id: true, path: true, successorId: true } });
    this.cached = { scope: new JurisdictionScope(nodes), version, checkedAt: now };
    return this.cached.scope;
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
