import type { SkippedDay } from '../calendar';
import type { Role } from '../../generated/prisma/enums';
import type { Budget, EffectiveRule } from '../../rules/rule-types';

/**
 * The serialisable shapes that cross between activities, workflows and the API. Workflow code
 * imports these as types only; every instant is an ISO string, every legal date YYYY-MM-DD.
 */

export interface Recipient {
  agencyId: string;
  agencyNameVi: string;
  agencyNameEn: string;
  role: Role;
}

export type NotificationKind = 'REMINDER' | 'ESCALATION' | 'STATUTORY_LIMIT';

/** A moment at which the step tells someone something; its key is claimed once in Postgres. */
export interface FirePoint {
  key: string;
  kind: NotificationKind;
  /** Reminders count 0, 1, …; escalation rungs 1, 2, … in ladder order. */
  rung: number;
  at: string;
  recipient: Recipient;
}

/** "Stop the clock" (suspension) and explicit extensions, in the order they happened. */
export type Adjustment =
  | { kind: 'SUSPENSION'; fromAt: string; fromDate: string; toAt: string; toDate: string; reason: string }
  | {
      kind: 'EXTENSION';
      at: string;
      amount: number;
      unit: 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'SECONDS';
      reason: string;
    };

export interface AdjustmentEffect {
  adjustment: Adjustment;
  dueDateBefore: string;
  dueDateAfter: string;
  /** Working days (date budgets) or seconds (elapsed budgets) the due date moved by. */
  shift: { amount: number; unit: 'WORKING_DAYS' | 'CALENDAR_DAYS' | 'SECONDS' };
  skipped: SkippedDay[];
}

/** A due date that can say why: rule, law, start event, skipped days, suspensions, extensions. */
export interface DueDateExplanation {
  summaryVi: string;
  summaryEn: string;
  rule: Pick<
    EffectiveRule,
    | 'key'
    | 'titleVi'
    | 'titleEn'
    | 'effectiveFrom'
    | 'source'
    | 'confidence'
    | 'noteVi'
    | 'noteEn'
    | 'override'
  >;
  startEvent: { code: string; nameVi: string; nameEn: string; date: string };
  budget: Budget;
  baseDueDate: string;
  skipped: SkippedDay[];
  rolledForwardFrom?: string;
  adjustments: AdjustmentEffect[];
  dueDate: string;
  dueAt: string;
}

export interface DeadlineComputation {
  dueDate: string;
  dueAt: string;
  explanation: DueDateExplanation;
}
