import type { Prisma, Step } from '../../generated/prisma/client';
import type { DueDateExplanation, FirePoint, Recipient } from '../../domain/deadlines/deadline-types';
import { dateColumnToIso } from '../../domain/time/legal-date';
import type { EffectiveRule } from '../../rules/rule-types';
import type { StepPlan } from '../../workflows/deadlines/contract';

/** What a step froze when it opened: later rule and registry changes never reach it. */
export interface StepSnapshot {
  rule: EffectiveRule;
  owner: Recipient;
  rungRecipients: Recipient[];
  statutory?: {
    rule: EffectiveRule;
    dueDate: string;
    dueAt: string;
    explanation: DueDateExplanation;
    firePoints: FirePoint[];
  };
}

export const snapshotOf = (step: Step) => step.ruleSnapshot as unknown as StepSnapshot;
export const explanationOf = (step: Step) => step.explanation as unknown as DueDateExplanation;
export const firePointsOf = (step: Step) => step.firePoints as unknown as FirePoint[];
export const asJson = (value: unknown) => value as Prisma.InputJsonValue;

export function planOf(step: Step): StepPlan {
  const explanation = explanationOf(step);
  return {
    stepId: step.id,
    status: step.status,
    revision: step.revision,
    ownerAgencyId: step.ownerAgencyId,
    ownerRole: step.ownerRole,
    dueDate: dateColumnToIso(step.dueDate),
    dueAt: step.dueAt.toISOString(),
    ...(step.statutoryDueDate && step.statutoryDueAt
      ? {
          statutoryDueDate: dateColumnToIso(step.statutoryDueDate),
          statutoryDueAt: step.statutoryDueAt.toISOString(),
        }
      : {}),
    summaryVi: explanation.summaryVi,
    summaryEn: explanation.summaryEn,
    firePoints: firePointsOf(step),
  };
}

/** Prisma's unique-violation code: a concurrent retry already wrote the row. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
