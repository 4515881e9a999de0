import type { Request } from 'express';
import type { Db } from '../../db/client';
import type { Principal } from './principal';

/**
 * One audit row about an account (login, logout, password change, reset, deactivation). The subject
 * is the account's user id, or "unknown" for a name that does not exist (nothing else about it is kept);
 * the jurisdiction is that of the account's agency, so its administrators can query it. Never a password.
 */
export async function auditAccountEvent(
  db: Pick<Db, 'auditEvent'>,
  event: {
    action: string;
    req: Request;
    actor?: Pick<Principal, 'userId' | 'agencyId'> | undefined;
    subjectUserId?: string | undefined;
    jurisdictionId?: string | undefined;
    details?: Record<string, string | number | boolean>;
  },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorUserId: event.actor?.userId ?? null,
      actorAgencyId: event.actor?.agencyId ?? null,
      subjectType: 'user',
      subjectId: event.subjectUserId ?? 'unknown',
      jurisdictionId: event.jurisdictionId ?? null,
      requestId: String(event.req.id),
      details: event.details ?? {},
    },
  });
}

/** Raises the account's token version: every token issued before stops working at once. */
export async function revokeTokens(db: Db, userId: string): Promise<number> {
  const row = await db.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } });
  return row.tokenVersion;
}
