import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure A, management of illegal drug users (domain/procedures.md §2), as data. Commune police
 * register a person after a positive test; the commune chairman decides to manage them for a year
 * from the decision; the police check the residence every month; a move hands the case to the new
 * commune; found using again (or without a stable residence), the person is sent for addiction
 * determination (B) and stays under management unless found addicted.
 */
export const Phase = {
  AWAITING_DECISION: 'AWAITING_DECISION',
  UNDER_MANAGEMENT: 'UNDER_MANAGEMENT',
  CLOSED: 'CLOSED',
} as const;

/** Timeline entries of procedure A (case_events.kind); reports count by them, so a kind's meaning never changes. */
export const Event = {
  /** details: { testResultRef, violationRecordRef } */
  USER_REGISTERED: 'USER_REGISTERED',
  /** details: { decisionRef, managementEndsOn } */
  MANAGEMENT_DECIDED: 'MANAGEMENT_DECIDED',
  /** details: { outcome: PRESENT | ABSENT, retest } */
  RESIDENCE_CHECKED: 'RESIDENCE_CHECKED',
  /** details: { from, to } */
  PERSON_MOVED: 'PERSON_MOVED',
  RECEIVING_COMMUNE_NOTIFIED: 'RECEIVING_COMMUNE_NOTIFIED',
  ARRIVAL_CONFIRMED: 'ARRIVAL_CONFIRMED',
  /** details: { reason, determinationCaseRef } */
  SENT_FOR_DETERMINATION: 'SENT_FOR_DETERMINATION',
  /** The determination found the person not addicted: management goes on. details: { determinationCaseRef } */
  DETERMINATION_RETURNED: 'DETERMINATION_RETURNED',
  /** details: { reason } */
  MANAGEMENT_ENDED: 'MANAGEMENT_ENDED',
} as const;

export interface StartDrugUserManagementInput {
  caseRef: string;
  /** The commune of residence (or where the person was found, without a stable residence). */
  jurisdictionId: string;
  person: PersonInput;
  /** The legal date of the positive test: the chairman's decision is counted from it. */
  testedOn: string;
  testResultRef: string;
  violationRecordRef: string;
  actor: Actor;
  /** Acts already done on paper, recorded in order when the case is entered. */
  pastActs?: PastAct[];
}

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const P = Phase;

export const drugUserManagement: ProcedureDefinition = {
  code: 'DRUG_USER_MANAGEMENT',
  workflowType: 'drugUserManagementWorkflow',
  refPrefix: 'QL',
  titleVi: 'Quản lý người sử dụng trái phép chất ma túy',
  titleEn: 'Management of illegal drug users',
  section: '§2',
  initialPhase: P.AWAITING_DECISION,
  phases: {
    AWAITING_DECISION: { vi: 'Chờ quyết định quản lý', en: 'Awaiting the management decision' },
    UNDER_MANAGEMENT: { vi: 'Đang quản lý', en: 'Under management' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: POLICE,
  readBy: [...POLICE, 'COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN', 'PROVINCIAL_COORDINATOR'],
  actions: [
    {
      type: 'DECIDE_MANAGEMENT', titleVi: 'Quyết định quản lý', titleEn: 'Decide management',
      step: { rule: 'DUM.DECISION' }, completes: 'DUM.DECISION', records: Event.MANAGEMENT_DECIDED, movesTo: P.UNDER_MANAGEMENT,
      opens: ['DUM.CHECK'], by: { stepOwner: true }, custom: true,
    },
    {
      type: 'RECORD_RESIDENCE_CHECK', titleVi: 'Ghi nhận kiểm tra nơi cư trú', titleEn: 'Record the residence check',
      step: { rule: 'DUM.CHECK' }, completes: 'DUM.CHECK', records: Event.RESIDENCE_CHECKED,
      by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'RECORD_MOVE', titleVi: 'Ghi nhận thay đổi nơi cư trú', titleEn: 'Record a move',
      phases: [P.UNDER_MANAGEMENT], records: Event.PERSON_MOVED, opens: ['DUM.MOVE_NOTICE', 'DUM.ARRIVAL'],
      by: { roles: POLICE }, custom: true,
    },
    {
      type: 'NOTIFY_RECEIVING_COMMUNE', titleVi: 'Thông báo cho Công an xã nơi đến', titleEn: 'Notify the receiving commune',
      step: { rule: 'DUM.MOVE_NOTICE' }, completes: 'DUM.MOVE_NOTICE', records: Event.RECEIVING_COMMUNE_NOTIFIED,
      by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'CONFIRM_ARRIVAL', titleVi: 'Xác nhận người bị quản lý đã trình báo', titleEn: 'Confirm the person reported',
      step: { rule: 'DUM.ARRIVAL' }, completes: 'DUM.ARRIVAL', records: Event.ARRIVAL_CONFIRMED,
      by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'SEND_FOR_DETERMINATION', titleVi: 'Đưa đi xác định tình trạng nghiện', titleEn: 'Send for addiction determination',
      phases: [P.UNDER_MANAGEMENT], records: Event.SENT_FOR_DETERMINATION,
      by: { roles: POLICE }, custom: true,
    },
  ],
};
