import type { Db } from '../../db/client';
import type { Principal } from './principal';

/**
 * The caller works for the agency that owns a task, or for the agency that succeeded it (a merged
 * commune's police, a district court replaced by the regional court): successors take over pending work.
 */
export async function actsFor(db: Db, principal: Principal, ownerAgencyId: string): Promise<boolean> {
  let agencyId: string | null = ownerAgencyId;
  for (let hop = 0; agencyId && hop < 5; hop += 1) {
    if (agencyId === principal.agencyId) return true;
    const agency: { successorId: string | null } | null = await db.agency.findUnique({
      where: { id: agencyId },
      select: { successorId: true },
    });
    agencyId = agency?.successorId ?? null;
  }
  return false;
}
