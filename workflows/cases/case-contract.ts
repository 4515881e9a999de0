import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DecisionOutcome } from '../../domain/cases/case-event-kinds';
import type { StepStatus } from '../deadlines/contract';

/**
 * The messages of a case workflow, shared by the workflow, the API and the tests. Every action
 * an official takes is one `case.act` Update; its update id is the client's idempotency key, so
 * a retried request gets the first answer instead of acting twice.
 */
export const COMPULSORY_REHAB_ADULT_WORKFLOW = 'compulsoryRehabAdultWorkflow';
export const POST_REHAB_WORKFLOW = 'postRehabWorkflow';
export const caseWorkflowId = (caseRef: string) => `case:${caseRef}`;

export const CaseFailure = {
  /** The action's step is not open (or the case is not in the phase the action needs). */
  ACTION_NOT_ALLOWED: 'CASE.ACTION_NOT_ALLOWED',
  /** The action's content breaks a rule of the procedure (term out of range, date order…). */
  INVALID_ACTION: 'CASE.INVALID_ACTION',
} as const;

export type ResidenceStatus = 'STABLE' | 'NO_STABLE_RESIDENCE';

export interface PersonInput {
  fullName: string;
  birthDate: string;
  /** 12-digit citizen identity number. */
  citizenId: string;
  residenceStatus: ResidenceStatus;
  residenceAddress?: string;
  residenceJurisdictionId: string;
}

export interface Actor {
  userId: string;
  agencyId: string;
}

export interface StartCompulsoryRehabInput {
  caseRef: string;
  /** The commune handling the case (residence, or place of violation without stable residence). */
  jurisdictionId: string;
  person: PersonInput;
  /** Law 73/2021 Art. 32 ground, 1–4. */
  legalGround: 1 | 2 | 3 | 4;
  /** The legal date the grounds were found: the D2 dossier clock and the procedure's limit start here. */
  groundsFoundOn: string;
  actor: Actor;
}

export type InterimArrangement = { kind: 'FAMILY' } | { kind: 'FACILITY'; heldFrom: string };

/** Everything an official can do to a compulsory-rehabilitation case. `on` is the legal date it happened. */
export type CaseAction =
  | { type: 'FILE_DOSSIER'; on: string; addictionResultRef: string; interimArrangement: InterimArrangement; documentIds?: string[] }
  | { type: 'NOTIFY_PERSON'; on: string }
  | { type: 'TRANSFER_TO_COURT'; on: string }
  | { type: 'ACCEPT_DOSSIER'; on: string }
  | { type: 'REQUEST_DOCUMENTS'; on: string; reason: string }
  | { type: 'SUPPLY_DOCUMENTS'; on: string; documentIds?: string[] }
  | { type: 'RETURN_DOSSIER'; on: string; reason: string }
  | { type: 'SCHEDULE_HEARING'; on: string; hearingDate: string }
  | { type: 'RECORD_DECISION'; on: string; outcome: DecisionOutcome; months?: number; decisionRef: string }
  | { type: 'RESUME_PROCEEDINGS'; on: string }
  | { type: 'FILE_COMPLAINT'; on: string; by: 'PERSON' | 'PROCURACY' }
  | { type: 'DECIDE_APPEAL'; on: string; outcome: 'UPHOLD' | 'AMEND' | 'ANNUL'; months?: number; decisionRef: string }
  | { type: 'POSTPONE_EXECUTION'; on: string; reason: 'SERIOUS_ILLNESS' | 'FAMILY_HARDSHIP'; until: string }
  | { type: 'END_POSTPONEMENT'; on: string }
  | { type: 'EXEMPT'; on: string; reason: string }
  | { type: 'ADMIT'; on: string }
  | { type: 'ABSCOND'; on: string }
  | { type: 'RETURN_TO_FACILITY'; on: string }
  | { type: 'REDUCE_TERM'; on: string; months: number; decisionRef: string }
  | { type: 'EARLY_RELEASE'; on: string; decisionRef: string }
  | { type: 'COMPLETE_TREATMENT'; on: string; certificateRef: string }
  | { type: 'RECORD_CHECK_IN'; on: string };

export type CaseActionType = CaseAction['type'];

export interface CaseActionRequest {
  action: CaseAction;
  actor: Actor;
}

export interface OpenStepView {
  stepKey: string;
  ruleKey: string;
  status: StepStatus;
  dueDate: string;
  ownerAgencyId: string;
  ownerRole: string;
}

/** What the caller learns after an action: where the case stands now. */
export interface CaseSnapshot {
  caseRef: string;
  phase: string;
  closed: boolean;
  openSteps: OpenStepView[];
  /** The actions the case accepts now. */
  allowedActions: CaseActionType[];
  termEndOn?: string;
  complaintWindowEndsOn?: string;
  /** A change is under way (a timer fired, an action is being taken): Postgres may be mid-way through it. */
  settling?: boolean;
}

export const caseActUpdate = defineUpdate<CaseSnapshot, [CaseActionRequest]>('case.act');
/** Answers once the case is on record and its first step is open (what "open a case" waits for). */
export const caseReadyUpdate = defineUpdate<CaseSnapshot, []>('case.ready');
export const caseSnapshotQuery = defineQuery<CaseSnapshot>('case.snapshot');

export interface StartPostRehabInput {
  caseRef: string;
  parentCaseRef: string;
  personId: string;
  /** The commune of residence, which manages the person. */
  jurisdictionId: string;
  /** The date treatment was completed: the management period starts here. */
  startDate: string;
}
