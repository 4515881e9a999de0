import type { Db } from '../../db/client';
import type { DueDateExplanation } from '../../domain/deadlines/deadline-types';
import { daysBetween } from '../../domain/deadlines/deadline-computation';
import { dateColumnToIso } from '../../domain/time/legal-date';
import type { Prisma } from '../../generated/prisma/client';
import { NotificationKind } from '../../generated/prisma/enums';
import { REPORTING } from '../../rules/reporting.rules';

export const stepWithNotifications = { notifications: { orderBy: { firedAt: 'asc' } } } satisfies Prisma.StepInclude;
export type StepRow = Prisma.StepGetPayload<{ include: typeof stepWithNotifications }>;

/** Steps as the views show them: owner named, days late counted from `today`, the rule behind the date. */
export async function stepRowsOf(db: Db, steps: StepRow[], today: string) {
  const owners = await db.agency.findMany({
    where: { id: { in: [...new Set(steps.map((step) => step.ownerAgencyId))] } },
    select: { id: true, nameVi: true, nameEn: true },
  });
  const ownerById = new Map(owners.map((owner) => [owner.id, owner]));
  return steps.map((step) => {
    const explanation = step.explanation as unknown as DueDateExplanation;
    const owner = ownerById.get(step.ownerAgencyId);
    const dueDate = dateColumnToIso(step.dueDate);
    const statutoryDueDate = step.statutoryDueDate ? dateColumnToIso(step.statutoryDueDate) : null;
    return {
      stepId: step.id,
      caseRef: step.caseRef,
      // A report task's "case" is its run; the report is "<run>:<unit>", or "<run>:<agency>" for an agency reporting for itself (activities/reporting).
      reportId: step.procedure === REPORTING ? `${step.caseRef}:${step.stepKey}` : null,
      procedure: step.procedure,
      stepKey: step.stepKey,
      titleVi: step.titleVi,
      titleEn: step.titleEn,
      jurisdictionId: step.jurisdictionId,
      owner: {
        agencyId: step.ownerAgencyId,
        agencyNameVi: owner?.nameVi ?? step.ownerAgencyId,
        agencyNameEn: owner?.nameEn ?? step.ownerAgencyId,
        role: step.ownerRole,
      },
      status: step.status,
      dueDate,
      dueAt: step.dueAt.toISOString(),
      daysLate: daysBetween(dueDate, today),
      statutoryDueDate,
      daysPastStatutoryLimit: statutoryDueDate ? daysBetween(statutoryDueDate, today) : null,
      howComputed: {
        summaryVi: explanation.summaryVi,
        summaryEn: explanation.summaryEn,
        ruleKey: step.ruleKey,
        source: explanation.rule.source,
        confidence: explanation.rule.confidence,
      },
      escalationsSent: step.notifications
        // A step handed to a new commune's body with its case is news for its owner, not an escalation.
        .filter((n) => n.kind !== NotificationKind.REMINDER && n.kind !== NotificationKind.CASE_MOVED)
        .map((n) => ({
          kind: n.kind,
          rung: n.rung,
          recipientAgencyId: n.recipientAgencyId,
          recipientRole: n.recipientRole,
          scheduledAt: n.scheduledAt.toISOString(),
          firedAt: n.firedAt.toISOString(),
        })),
    };
  });
}
