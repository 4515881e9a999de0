/**
 * The kinds of entries in a case's timeline (table case_events). Reports count by them, so a
 * kind's meaning never changes once recorded; add a new kind instead.
 */
export const CaseEventKind = {
  /** The case was registered when the grounds were found. details: { legalGround } */
  CASE_OPENED: 'CASE_OPENED',
  /** Commune police filed the dossier. details: { legalGround: 1–4, interimArrangement } */
  DOSSIER_FILED: 'DOSSIER_FILED',
  PERSON_NOTIFIED: 'PERSON_NOTIFIED',
  /** The dossier went to the court. details: { courtAgencyId } */
  TRANSFERRED_TO_COURT: 'TRANSFERRED_TO_COURT',
  /** The district justice division found the dossier lawful (2014–2021 regime of procedure D). */
  LEGALITY_CHECKED: 'LEGALITY_CHECKED',
  COURT_ACCEPTED: 'COURT_ACCEPTED',
  /** The court asked for more documents; the court's clock stops. details: { reason } */
  DOCUMENTS_REQUESTED: 'DOCUMENTS_REQUESTED',
  DOCUMENTS_SUPPLIED: 'DOCUMENTS_SUPPLIED',
  /** The court returned the dossier (documents never came); the case closes. */
  DOSSIER_RETURNED: 'DOSSIER_RETURNED',
  HEARING_SCHEDULED: 'HEARING_SCHEDULED',
  /** The court temporarily suspended the proceedings (tạm đình chỉ); resumed later. */
  PROCEEDINGS_SUSPENDED: 'PROCEEDINGS_SUSPENDED',
  PROCEEDINGS_RESUMED: 'PROCEEDINGS_RESUMED',
  /** details: { lastDay, explanation } */
  COMPLAINT_WINDOW_OPENED: 'COMPLAINT_WINDOW_OPENED',
  /** details: { outcome: APPLY | NOT_APPLY | SUSPEND | TEMPORARILY_SUSPEND, months?, decisionRef } */
  DECISION_RECORDED: 'DECISION_RECORDED',
  /** A complaint by the person or a protest by the procuracy. details: { by: PERSON | PROCURACY } */
  COMPLAINT_FILED: 'COMPLAINT_FILED',
  /** The higher court decided. details: { outcome: UPHOLD | AMEND | ANNUL, months? } */
  APPEAL_DECIDED: 'APPEAL_DECIDED',
  DECISION_EFFECTIVE: 'DECISION_EFFECTIVE',
  /** details: { reason: SERIOUS_ILLNESS | FAMILY_HARDSHIP, until } */
  EXECUTION_POSTPONED: 'EXECUTION_POSTPONED',
  POSTPONEMENT_ENDED: 'POSTPONEMENT_ENDED',
  EXEMPTED: 'EXEMPTED',
  ADMITTED: 'ADMITTED',
  ABSCONDED: 'ABSCONDED',
  RETURNED_TO_FACILITY: 'RETURNED_TO_FACILITY',
  /** details: { months } */
  TERM_REDUCED: 'TERM_REDUCED',
  EARLY_RELEASE: 'EARLY_RELEASE',
  /** The term's last day passed: the completion step opens. */
  TERM_ENDED: 'TERM_ENDED',
  /** Treatment completed, certificate issued, person handed over. */
  COMPLETED: 'COMPLETED',
  /** details: { reason } */
  CASE_CLOSED: 'CASE_CLOSED',
  /**
   * An act dated before a change the case made by itself (a window that closed on the wall clock)
   * undid that change. details: { restoredPhase, undoneFrom, forAction }
   */
  CASE_REOPENED: 'CASE_REOPENED',
  /**
   * The case was handed to another commune of the province (a commune split, or the person
   * moved), by POST /cases/{caseRef}/jurisdiction, whatever the procedure.
   * details: { from, to, reason, steps: [{ stepKey, fromAgencyId, toAgencyId }] }
   */
  CASE_MOVED: 'CASE_MOVED',
  /** A post-rehabilitation case started at the commune of residence. details: { parentCaseId } */
  POST_REHAB_STARTED: 'POST_REHAB_STARTED',
  CHECK_IN_RECORDED: 'CHECK_IN_RECORDED',
  POST_REHAB_COMPLETED: 'POST_REHAB_COMPLETED',
} as const;

export type CaseEventKind = (typeof CaseEventKind)[keyof typeof CaseEventKind];

/** Procedure codes stored in cases.procedure and steps.procedure (the rule book's procedure names). */
export const Procedure = {
  COMPULSORY_REHAB_ADULT: 'COMPULSORY_REHAB_ADULT',
  POST_REHAB: 'POST_REHAB',
} as const;

export const DecisionOutcome = ['APPLY', 'NOT_APPLY', 'SUSPEND', 'TEMPORARILY_SUSPEND'] as const;
export type DecisionOutcome = (typeof DecisionOutcome)[number];
