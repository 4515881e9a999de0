import type { Db } from '../../db/client';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';

/**
 * The national root, with the caller in it: for what only the national level decides (provinces,
 * the national calendar). The role alone is not enough, the account must sit in the national
 * body (no province's administrator can create an agency there).
 */
export async function requireNationalRoot(db: Db, principal: Principal) {
  const root = await db.jurisdiction.findFirst({ where: { level: 'NATION', validTo: null }, orderBy: { id: 'asc' } });
  if (!root || principal.jurisdictionId !== root.id) throw problems.forbiddenJurisdiction();
  return root;
}
