import type { Db } from '../../db/client';
import { assertCovers } from '../auth/jurisdiction-guard';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import type { JurisdictionDirectory } from '../registry/jurisdiction-directory';

/** The units the caller sees, narrowed to `within` and the units under it (which the caller must cover). */
export async function coveredUnits(directory: JurisdictionDirectory, principal: Principal, within?: string): Promise<string[]> {
  const scope = await directory.scope();
  let units = scope.ids().filter((id) => scope.covers(principal.jurisdictionPath, id));
  if (within) {
    if (!scope.has(within))
      throw problems.notFound({
        vi: `Không có đơn vị hành chính ${within}.`,
        en: `No administrative unit ${within}.`,
      });
    assertCovers(scope, principal, within);
    const path = scope.pathOf(within) as string;
    units = units.filter((id) => scope.covers(path, id));
  }
  return units;
}

/** The caller's agency and every agency it succeeded (whose pending work it took over), up to five hops back. */
export async function agenciesActedFor(db: Db, agencyId: string): Promise<string[]> {
  const all = [agencyId];
  let frontier = [agencyId];
  for (let hop = 0; frontier.length > 0 && hop < 5; hop += 1) {
    const predecessors = await db.agency.findMany({ where: { successorId: { in: frontier } }, select: { id: true } });
    frontier = predecessors.map((agency) => agency.id).filter((id) => !all.includes(id));
    all.push(...frontier);
  }
  return all;
}
