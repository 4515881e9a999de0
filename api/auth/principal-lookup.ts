import type { Db } from '../../db/client';
import type { Role } from '../../generated/prisma/enums';
import { vietnamDate } from '../../domain/time/legal-date';
import { principalSchema, type Principal } from './principal';
import type { AccountState } from './tokens';

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

/**
 * An account's state as every authenticated request reads it: its token version, whether it is
 * active or must change its password, and the roles it holds today for absent colleagues. One
 * statement (the deputations joined), since every request of every official pays for it.
 */
export async function accountState(db: Db, userId: string): Promise<AccountState | undefined> {
  const today = vietnamDate();
  const [user] = await db.$queryRaw<{ tokenVersion: number; active: boolean; mustChangePassword: boolean; actingRoles: string[] }[]>`
    SELECT u.token_version AS "tokenVersion", u.active, u.must_change_password AS "mustChangePassword",
           COALESCE(array_agg(d.role::text) FILTER (WHERE d.id IS NOT NULL), '{}') AS "actingRoles"
    FROM users u
    LEFT JOIN deputations d
      ON d.deputy_id = u.id AND d.from_date <= ${today}::date AND d.to_date >= ${today}::date AND d.revoked_at IS NULL
    WHERE u.id = ${userId}::uuid
    GROUP BY u.id`;
  if (!user) return undefined;
  return { ...user, actingRoles: user.actingRoles as Role[] };
}
