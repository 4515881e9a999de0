import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FirePoint } from '../../domain/deadlines/deadline-types';

/**
 * The deadline primitive's messages, shared by the workflows that use it, the API and the tests.
 * A step is opened by a workflow; people act on it through Updates, so the caller learns at once
 * whether the step was open (DESIGN.md decision 2).
 */

export const DEADLINE_STEP_WORKFLOW = 'deadlineStepWorkflow';
export const deadlineStepWorkflowId = (caseRef: string, stepKey: string) => `step:${caseRef}:${stepKey}`;
/** A step's id: the workflow keeping its clock and its key there. */
export const stepIdOf = (workflowId: string, stepKey: string) => `${workflowId}/${stepKey}`;
/**
 * The queue of the notifications armed ahead of their instant (each an activity that waits): its
 * own, with room for thousands at once, so they never hold the slots of the activities officials
 * wait on. Every worker of a task queue also serves its clock queue.
 */
export const clockTaskQueue = (taskQueue: string) => `${taskQueue}.clock`;

/** Business failure types, mapped by the API to HTTP (409, 400). */
export const StepFailure = {
  NOT_OPEN: 'STEP.NOT_OPEN',
  NOT_SUSPENDED: 'STEP.NOT_SUSPENDED',
  ALREADY_SUSPENDED: 'STEP.ALREADY_SUSPENDED',
  INVALID_ADJUSTMENT: 'STEP.INVALID_ADJUSTMENT',
  RULE: 'STEP.RULE_NOT_APPLICABLE',
  NO_RESPONSIBLE_AGENCY: 'STEP.NO_RESPONSIBLE_AGENCY',
} as const;

export interface OpenStepInput {
  caseRef: string;
  /** Unique within the case, e.g. "D2". */
  stepKey: string;
  ruleKey: string;
  /** The case's jurisdiction (usually the commune of residence). */
  jurisdictionId: string;
  /** The legal date of the rule's start event. */
  startDate: string;
  /** The agency that owns the step whatever the rule's agency kind (an agency reporting for itself); the rule's role still applies. */
  ownerAgencyId?: string;
  /** For MONTHS budgets: the term the decision fixed, within the rule's range. */
  decidedMonths?: number;
  /** The procedure's own clock (the second clock), if the step runs under one. */
  statutoryLimit?: { ruleKey: string; startDate: string };
}

export type StepStatus = 'OPEN' | 'SUSPENDED' | 'COMPLETED' | 'CANCELLED';

/** What the workflow needs to keep time, as computed by the activities. */
export interface StepPlan {
  stepId: string;
  status: StepStatus;
  revision: number;
  ownerAgencyId: string;
  ownerRole: string;
  dueDate: string;
  dueAt: string;
  statutoryDueDate?: string;
  statutoryDueAt?: string;
  summaryVi: string;
  summaryEn: string;
  firePoints: FirePoint[];
}

export interface ActorInput {
  /** The user who acted (from the API's principal); absent for system actions. */
  actorId?: string;
}

export interface CompleteStepInput extends ActorInput {
  outcome?: string;
  /** The legal date of the act that completed the step (YYYY-MM-DD), when one did. */
  on?: string;
}

export interface SuspendStepInput extends ActorInput {
  reason: string;
  /** The legal date the clock stops; today in Vietnam when absent. */
  fromDate?: string;
}

export interface ResumeStepInput extends ActorInput {
  /** The legal date the clock restarts; today in Vietnam when absent. */
  onDate?: string;
}

export interface ExtendStepInput extends ActorInput {
  amount: number;
  reason: string;
}

/** An agency that takes a step over, named as the step's recipients are. */
export interface HandoverAgency {
  agencyId: string;
  agencyNameVi: string;
  agencyNameEn: string;
}

/**
 * The case moved to another commune: the same step goes on (its due date, and the reminders and
 * rungs already sent, unchanged) under the new commune, and each of its recipients that is a body
 * of the old commune (its owner, a rung of its ladder) becomes the new commune's of the same kind.
 */
export interface MoveStepInput extends ActorInput {
  toJurisdictionId: string;
  /** The old commune's bodies (by agency id) and who takes over from each. */
  handover: Record<string, HandoverAgency>;
  /** The legal date of the move. */
  on: string;
}

export interface StepState {
  plan?: StepPlan;
  firedKeys: string[];
}

export const completeStepUpdate = defineUpdate<StepPlan, [CompleteStepInput]>('step.complete');
export const suspendStepUpdate = defineUpdate<StepPlan, [SuspendStepInput]>('step.suspend');
export const resumeStepUpdate = defineUpdate<StepPlan, [ResumeStepInput]>('step.resume');
export const extendStepUpdate = defineUpdate<StepPlan, [ExtendStepInput]>('step.extend');
export const stepStateQuery = defineQuery<StepState>('step.state');
