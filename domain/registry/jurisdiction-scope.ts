/**
 * Which administrative units an agency covers. A unit covers its own subtree (paths are
 * materialised, "/SX/SX-APL/"), and also every abolished unit whose line of successors ends
 * inside that subtree: after the 2025 mergers, the new commune answers for the cases recorded
 * under the communes it absorbed (DESIGN.md decision 6).
 */
export interface JurisdictionNode {
  id: string;
  path: string;
  successorId: string | null;
}

export class JurisdictionScope {
  private readonly byId: Map<string, JurisdictionNode>;

  constructor(nodes: readonly JurisdictionNode[]) {
    this.byId = new Map(nodes.map((node) => [node.id, node]));
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  pathOf(id: string): string | undefined {
    return this.byId.get(id)?.path;
  }

  /** The paths a unit answers under: its own, and those of its successors, nearest first. */
  pathsOf(id: string): string[] {
    const paths: string[] = [];
    const seen = new Set<string>();
    for (let node = this.byId.get(id); node && !seen.has(node.id); node = this.next(node)) {
      seen.add(node.id);
      paths.push(node.path);
    }
    return paths;
  }

  /** True when an agency whose jurisdiction has `scopePath` may act on unit `targetId`. */
  covers(scopePath: string, targetId: string): boolean {
    return this.pathsOf(targetId).some((path) => path.startsWith(scopePath));
  }

  /** Covered, or an ancestor of the scope (a commune may read the name of its province). */
  isVisibleFrom(scopePath: string, targetId: string): boolean {
    const path = this.pathOf(targetId);
    return path !== undefined && (this.covers(scopePath, targetId) || scopePath.startsWith(path));
  }

  private next(node: JurisdictionNode): JurisdictionNode | undefined {
    return node.successorId ? this.byId.get(node.successorId) : undefined;
  }
}
