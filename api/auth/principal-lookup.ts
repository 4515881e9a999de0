import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
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
 * active or must change its password, and the roles it holds today for absent colleagues.
 */
export async function accountState(db: Db, userId: string): Promise<AccountState | undefined> {
  const today = isoToDateColumn(vietnamDate());
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      tokenVersion: true,
      active: true,
      mustChangePassword: true,
      deputations: { where: { fromDate: { lte: today }, toDate: { gte: today }, revokedAt: null }, select: { role: true } },
    },
  });
  if (!user) return undefined;
  const { deputations, ...state } = user;
  return { ...state, actingRoles: deputations.map((deputation) => deputation.role) };
}
