import type { Role } from '../../generated/prisma/enums';
import type { CaseActionType } from '../../workflows/cases/case-contract';

/**
 * Who may take each action. A step action belongs to the step's owner as the rule book named it
 * for the case's date (the agency, or its successor after a reorganisation, and the owner's role
 * or the listed colleagues); the other actions belong to roles in agencies covering the case.
 */
export type ActionAccess =
  | { kind: 'STEP_OWNER'; ruleKey: string; alsoRoles: readonly Role[] }
  | { kind: 'ROLES'; roles: readonly Role[] };

const COURT: readonly Role[] = ['JUDGE', 'CHIEF_JUDGE'];
const FACILITY: readonly Role[] = ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'];
const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const owner = (ruleKey: string, alsoRoles: readonly Role[] = []): ActionAccess => ({
  kind: 'STEP_OWNER',
  ruleKey,
  alsoRoles,
});

export const CASE_ACTION_ACCESS: Record<CaseActionType, ActionAccess> = {
  FILE_DOSSIER: owner('CRA.D2', POLICE),
  NOTIFY_PERSON: owner('CRA.D3', POLICE),
  TRANSFER_TO_COURT: owner('CRA.D5'),
  ACCEPT_DOSSIER: owner('CRA.D6', COURT),
  REQUEST_DOCUMENTS: owner('CRA.D8', COURT),
  SCHEDULE_HEARING: owner('CRA.D8', COURT),
  RECORD_DECISION: owner('CRA.D8', COURT),
  SUPPLY_DOCUMENTS: owner('CRA.D7', POLICE),
  RETURN_DOSSIER: owner('CRA.D8', COURT),
  RESUME_PROCEEDINGS: { kind: 'ROLES', roles: COURT },
  FILE_COMPLAINT: { kind: 'ROLES', roles: [...COURT, 'PROCURATOR'] },
  DECIDE_APPEAL: owner('CRA.APPEAL', COURT),
  POSTPONE_EXECUTION: { kind: 'ROLES', roles: COURT },
  END_POSTPONEMENT: { kind: 'ROLES', roles: COURT },
  EXEMPT: { kind: 'ROLES', roles: COURT },
  ADMIT: { kind: 'ROLES', roles: FACILITY },
  ABSCOND: { kind: 'ROLES', roles: FACILITY },
  RETURN_TO_FACILITY: { kind: 'ROLES', roles: FACILITY },
  REDUCE_TERM: { kind: 'ROLES', roles: COURT },
  EARLY_RELEASE: { kind: 'ROLES', roles: COURT },
  COMPLETE_TREATMENT: owner('CRA.D13', ['FACILITY_DIRECTOR']),
  RECORD_CHECK_IN: owner('PR.CHECK_IN', ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN']),
};

/** Every role that takes some action on a case: the gate before the per-action check. */
export const CASE_ACTOR_ROLES: readonly Role[] = [
  ...POLICE,
  ...COURT,
  ...FACILITY,
  'PROCURATOR',
  'PROVINCIAL_COORDINATOR',
  'COMMUNE_OFFICIAL',
  'COMMUNE_CHAIRMAN',
];
