import type { Db } from '../../db/client';
import { principalSchema, type Principal } from './principal';

/** The account behind a username, if it may sign in: active, with a role, in an agency that still exists. */
export async function findSignInAccount(db: Db, username: string) {
  const user = await db.user.findUnique({
    where: { username },
    include: { agency: { include: { jurisdiction: true } } },
  });
  if (!user) return undefined;
  const usable = user.active && user.roles.length > 0 && user.agency.validTo === null;
  const principal: Principal = principalSchema.parse({
    userId: user.id,
    username: user.username,
    agencyId: user.agencyId,
    roles: user.roles,
    jurisdictionId: user.agency.jurisdictionId,
    jurisdictionPath: user.agency.jurisdiction.path,
  });
  return {
    usable,
    passwordHash: user.passwordHash,
    principal,
    tokenVersion: user.tokenVersion,
    mustChangePassword: user.mustChangePassword,
  };
}
