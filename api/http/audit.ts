import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { Principal } from '../auth/principal';

/**
 * One audit row for a change an official made (who, when, on what, in which unit, what changed),
 * written with the database client or transaction at hand. Details name what changed, never a
 * secret or a person's data.
 */
export function auditChange(
  db: Pick<Db, 'auditEvent'> | Pick<Prisma.TransactionClient, 'auditEvent'>,
  principal: Pick<Principal, 'userId' | 'agencyId'>,
  change: { action: string; subjectType: string; subjectId: string; jurisdictionId: string; requestId: unknown; details?: object },
) {
  return db.auditEvent.create({
    data: {
      action: change.action,
      actorUserId: principal.userId,
      actorAgencyId: principal.agencyId,
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      jurisdictionId: change.jurisdictionId,
      requestId: String(change.requestId ?? ''),
      details: (change.details ?? {}) as Prisma.InputJsonValue,
    },
  });
}
