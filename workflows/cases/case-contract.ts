import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { StepStatus } from '../deadlines/contract';

/**
 * The messages every case workflow answers, whatever its procedure, shared by the case engine,
 * the API and the tests. Every action an official takes is one `case.act` Update; its update id
 * is the client's idempotency key, so a retried request gets the first answer instead of acting
 * twice. These names are in the histories of running cases: they never change.
 */
export const caseWorkflowId = (caseRef: string) => `case:${caseRef}`;

export const CaseFailure = {
  /** The action's step is not open (or the case is not in the phase the action needs). */
  ACTION_NOT_ALLOWED: 'CASE.ACTION_NOT_ALLOWED',
  /** The action's content breaks a rule of the procedure (term out of range, date order…). */
  INVALID_ACTION: 'CASE.INVALID_ACTION',
  /** The case is closed: it does not move any more. */
  CLOSED: 'CASE.CLOSED',
  /** Its subject is a commune or an establishment, which stays where it is (the definition's `subject`). */
  NOT_MOVABLE: 'CASE.NOT_MOVABLE',
  /** A move to the commune that already holds the case (itself, or the unit it became). */
  ALREADY_IN_COMMUNE: 'CASE.ALREADY_IN_COMMUNE',
  /** A move to a unit that is not a commune in force on the move's date. */
  TARGET_NOT_IN_FORCE: 'CASE.TARGET_NOT_IN_FORCE',
  /** A move to a commune of another province. */
  TARGET_OTHER_PROVINCE: 'CASE.TARGET_OTHER_PROVINCE',
  /** The new commune has no agency of a kind that holds one of the case's open steps. */
  TARGET_HAS_NO_AGENCY: 'CASE.TARGET_HAS_NO_AGENCY',
} as const;

export type ResidenceStatus = 'STABLE' | 'NO_STABLE_RESIDENCE';

/** A person as a case that finds them first records them (persons table). */
export interface PersonInput {
  fullName: string;
  birthDate: string;
  /** 12-digit citizen identity number, when the person has one. */
  citizenId?: string;
  /** How a person without one is identified (passport, birth certificate, description). */
  otherIdentification?: string;
  residenceStatus: ResidenceStatus;
  residenceAddress?: string;
  residenceJurisdictionId: string;
}

export interface Actor {
  userId: string;
  agencyId: string;
}

/** What every action carries: its type and `on`, the legal date it happened. Each procedure's zod schemas say the rest. */
export interface CaseActionBase {
  type: string;
  on: string;
}

export interface CaseActionRequest<A extends CaseActionBase = CaseActionBase> {
  action: A;
  actor: Actor;
}

/**
 * An act that already happened on paper, recorded when the case is opened (late entry, import):
 * performed in order like a live act, with its own legal date, by the opening user, naming the
 * official on paper when that is someone else.
 */
export interface PastAct<A extends CaseActionBase = CaseActionBase> {
  action: A;
  actor: Actor;
  onPaperBy?: string;
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
  allowedActions: string[];
  termEndOn?: string;
  complaintWindowEndsOn?: string;
  /** A change is under way (a timer fired, an action is being taken): Postgres may be mid-way through it. */
  settling?: boolean;
  /** The acts entered with the case: how many were recorded, and the first refused with why (the rest were not tried). */
  pastActs?: { recorded: number; refused?: { index: number; type: string; reason: string } };
}

export const caseActUpdate = defineUpdate<CaseSnapshot, [CaseActionRequest]>('case.act');

/**
 * Moving the case to another commune of its province (a commune split among several, or the
 * person moved), whatever its procedure: `POST /cases/{caseRef}/jurisdiction`. Its update id is
 * the client's idempotency key, as for `case.act`.
 */
export interface CaseMoveRequest {
  toJurisdictionId: string;
  /** The legal date of the move: not in the future, not before the case's last recorded date. */
  on: string;
  reason: string;
  actor: Actor;
}

/** An open step handed on by a move: from the old commune's body to the new commune's of the same kind. */
export interface StepHandover {
  stepKey: string;
  fromAgencyId: string;
  toAgencyId: string;
}

export interface CaseMove {
  from: string;
  to: string;
  on: string;
  reason: string;
  /** The open steps whose owner changed; the others (a court's, a facility's) stay with their owner. */
  steps: StepHandover[];
}

export type CaseMoveResult = CaseSnapshot & { moved: CaseMove };

export const caseMoveUpdate = defineUpdate<CaseMoveResult, [CaseMoveRequest]>('case.move');
/** Answers once the case is on record and its first step is open (what "open a case" waits for). */
export const caseReadyUpdate = defineUpdate<CaseSnapshot, []>('case.ready');
export const caseSnapshotQuery = defineQuery<CaseSnapshot>('case.snapshot');

/** What a case started by another tells it when it ends or reaches a result (a determination's conclusion). */
export interface LinkedCaseOutcome {
  caseRef: string;
  procedure: string;
  outcome: string;
  /** The legal date of the outcome. */
  on: string;
}

/** Sent by a linked case to the case it came from. */
export const linkedCaseOutcomeSignal = defineSignal<[LinkedCaseOutcome]>('case.linkedOutcome');
