import type { Role } from '../generated/prisma/enums';

/**
 * A procedure as data (DESIGN.md decision 11): its phases and one row per action. The case engine
 * (workflows/cases/case-engine.ts) decides from these rows which actions are open, the API decides
 * from them who may take each one, and `GET /procedures` describes them to clients. This file is
 * imported by workflow code, so it holds plain data only (no zod, no I/O).
 */

/** Who may take an action. */
export type ActionActors =
  /** The owner of the action's step as the rule book named it for the case's date (or its successor agency), or these colleagues in that agency. */
  | { stepOwner: true; alsoRoles?: readonly Role[] }
  /** These roles, in an agency whose jurisdiction covers the case. */
  | { roles: readonly Role[] };

export interface ActionDefinition {
  type: string;
  titleVi: string;
  titleEn: string;
  /** The action is open while this step (a rule key) is in this state, OPEN unless said. */
  step?: { rule: string; status?: 'OPEN' | 'SUSPENDED' };
  /** …and/or while the case is in one of these phases. An action names a step, phases, or both. */
  phases?: readonly string[];
  /** What it does to steps, in this order: complete, suspend (stop the clock), resume. Rule keys. */
  completes?: string;
  suspends?: string;
  resumes?: string;
  /** The timeline entry it records (case_events.kind). */
  records: string;
  /** The phase the case moves to. */
  movesTo?: string;
  /** Steps it opens, counted from the action's legal date. */
  opens?: readonly string[];
  by: ActionActors;
  /**
   * The procedure's workflow performs this action itself (a computed term, a closing, a child
   * case): the row still says when the action is open and who may take it.
   */
  custom?: true;
}

export interface PhaseDefinition {
  vi: string;
  en: string;
}

/** Who a procedure applies to, by age on the legal date that opens it. */
export interface AgeRange {
  /** Inclusive. */
  minYears?: number;
  /** Exclusive: under this age. */
  belowYears?: number;
  source: string;
  confidence: 'CONFIRMED' | 'UNCONFIRMED';
}

export interface ProcedureDefinition {
  /** Stored in cases.procedure and steps.procedure; never changes once cases exist. */
  code: string;
  /** The Temporal workflow type; never changes once cases run. */
  workflowType: string;
  /** Case references start with it (CRA-SX-2026-000001). */
  refPrefix: string;
  titleVi: string;
  titleEn: string;
  /** domain/procedures.md section. */
  section: string;
  initialPhase: string;
  phases: Readonly<Record<string, PhaseDefinition>>;
  actions: readonly ActionDefinition[];
  /** The procedure's own clock, running under the listed steps from the case's opening date. */
  statutoryLimit?: { rule: string; steps: readonly string[] };
  /** Roles that may open a case of it through `POST /cases`; empty when only another case opens it. */
  openedBy: readonly Role[];
  /** Roles that may read its cases (within their jurisdiction, or as the owner of one of its steps). */
  readBy: readonly Role[];
  /**
   * What its cases are about: a person unless said. Only a person's case moves to another commune
   * (`POST /cases/{caseRef}/jurisdiction`); a commune's assessment or an establishment's inspection
   * belongs to its place.
   */
  subject?: 'PERSON' | 'COMMUNE' | 'ESTABLISHMENT';
  appliesTo?: AgeRange;
  /**
   * A victim's record: left out of searches and person pages made for other procedures (its own
   * readers find it by asking for the procedure by name).
   */
  confidential?: boolean;
  /** Procedures of one group split a measure by age (adults and minors): a person outside one's ages is pointed to the other. */
  ageGroup?: string;
  /** The procedure that handled the same measure before this one's rule book begins (a case dated earlier is pointed to it). */
  earlierRegime?: string;
}

/** The phase every procedure ends in. */
export const CLOSED_PHASE = 'CLOSED';

/** The step key a rule's step gets in a case: the rule key without its procedure prefix ("CRA.D2" → "D2"). */
export const stepKeyOf = (ruleKey: string): string => ruleKey.replace(/^[A-Z]+\./, '');
