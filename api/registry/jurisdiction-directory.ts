import type { Db } from '../../db/client';
import { JurisdictionScope } from '../../domain/registry/jurisdiction-scope';

/**
 * The jurisdiction tree, cached briefly: every authorised request consults it, and the tree
 * changes a few times a year (a reorganisation), so a short staleness is harmless.
 */
export class JurisdictionDirectory {
  private cached: { scope: JurisdictionScope; loadedAt: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
  ) {}

  async scope(): Promise<JurisdictionScope> {
    if (this.cached && Date.now() - this.cached.loadedAt < this.ttlMs) return this.cached.scope;
    const nodes = await this.db.jurisdiction.findMany({ select: { id: true, path: true, successorId: true } });
    this.cached = { scope: new JurisdictionScope(nodes), loadedAt: Date.now() };
    return this.cached.scope;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
