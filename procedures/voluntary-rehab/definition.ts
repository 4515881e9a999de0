import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure C, voluntary rehabilitation (domain/procedures.md §4), as data: at the family or
 * community (the chairman decides and certifies) or at a facility (a contract; the facility
 * certifies and tells the commune). A violation (ND 116 Art. 33, Form 27) leads an adult to the
 * compulsory procedure (Art. 32 ground 1, or 2 for using during treatment); completion leads to
 * one year of post-rehabilitation management (Art. 40).
 */
export const Phase = {
  AWAITING_DECISION: 'AWAITING_DECISION',
  AWAITING_ADMISSION: 'AWAITING_ADMISSION',
  IN_TREATMENT: 'IN_TREATMENT',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { setting } */
  VOLUNTARY_REGISTERED: 'VOLUNTARY_REGISTERED',
  /** details: { decisionRef, provider, monitor, months } */
  VOLUNTARY_TREATMENT_DECIDED: 'VOLUNTARY_TREATMENT_DECIDED',
  /** details: { contractRef, months } */
  VOLUNTARY_ADMITTED: 'VOLUNTARY_ADMITTED',
  /** details: { violation, recordRef, compulsoryCaseRef?, legalGround? } */
  VOLUNTARY_VIOLATION: 'VOLUNTARY_VIOLATION',
  /** details: { certificateRef, postRehabCaseRef } */
  VOLUNTARY_COMPLETED: 'VOLUNTARY_COMPLETED',
} as const;

export const Setting = ['COMMUNITY', 'FACILITY'] as const;
export type Setting = (typeof Setting)[number];

export interface StartVoluntaryRehabInput {
  caseRef: string;
  jurisdictionId: string;
  person: PersonInput | { personId: string };
  birthDate?: string;
  residenceJurisdictionId: string;
  setting: Setting;
  registeredOn: string;
  actor?: Actor;
  parentCaseRef?: string;
  /** Acts already done on paper, recorded in order when the case is entered. */
  pastActs?: PastAct[];
}

const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const FACILITY: readonly Role[] = ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'];
const P = Phase;

export const voluntaryRehab: ProcedureDefinition = {
  code: 'VOLUNTARY_REHAB',
  workflowType: 'voluntaryRehabWorkflow',
  refPrefix: 'TN',
  titleVi: 'Cai nghiện ma túy tự nguyện',
  titleEn: 'Voluntary rehabilitation',
  section: '§4',
  initialPhase: P.AWAITING_DECISION,
  phases: {
    AWAITING_DECISION: { vi: 'Chờ quyết định cai nghiện tại gia đình, cộng đồng', en: 'Awaiting the chairman’s decision' },
    AWAITING_ADMISSION: { vi: 'Chờ cơ sở tiếp nhận', en: 'Awaiting admission at the facility' },
    IN_TREATMENT: { vi: 'Đang cai nghiện', en: 'In treatment' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: COMMUNE,
  readBy: [...COMMUNE, ...FACILITY, 'COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD', 'PROVINCIAL_COORDINATOR'],
  actions: [
    {
      type: 'DECIDE_VOLUNTARY_TREATMENT', titleVi: 'Quyết định cai nghiện tự nguyện tại gia đình, cộng đồng', titleEn: 'Decide treatment at the family or community',
      step: { rule: 'VOL.DECISION' }, completes: 'VOL.DECISION', records: Event.VOLUNTARY_TREATMENT_DECIDED, movesTo: P.IN_TREATMENT,
      opens: ['VOL.COMPLETION_COMMUNITY'], by: { stepOwner: true }, custom: true,
    },
    {
      type: 'ADMIT_VOLUNTARY', titleVi: 'Ký hợp đồng, tiếp nhận vào cơ sở', titleEn: 'Sign the contract and admit',
      step: { rule: 'VOL.ADMISSION' }, completes: 'VOL.ADMISSION', records: Event.VOLUNTARY_ADMITTED, movesTo: P.IN_TREATMENT,
      opens: ['VOL.COMPLETION_FACILITY'], by: { stepOwner: true, alsoRoles: FACILITY }, custom: true,
    },
    {
      type: 'RECORD_VIOLATION', titleVi: 'Lập biên bản vi phạm (Mẫu 27)', titleEn: 'Record a violation (Form 27)',
      phases: [P.IN_TREATMENT], records: Event.VOLUNTARY_VIOLATION, movesTo: P.CLOSED,
      by: { roles: ['COMMUNE_CHAIRMAN', 'COMMUNE_POLICE_HEAD'] }, custom: true,
    },
    {
      type: 'COMPLETE_VOLUNTARY_TREATMENT', titleVi: 'Cấp giấy chứng nhận hoàn thành (cộng đồng)', titleEn: 'Certify completion (community)',
      step: { rule: 'VOL.COMPLETION_COMMUNITY' }, completes: 'VOL.COMPLETION_COMMUNITY', records: Event.VOLUNTARY_COMPLETED, movesTo: P.CLOSED,
      by: { stepOwner: true }, custom: true,
    },
    {
      type: 'COMPLETE_FACILITY_TREATMENT', titleVi: 'Cấp giấy chứng nhận hoàn thành (cơ sở)', titleEn: 'Certify completion (facility)',
      step: { rule: 'VOL.COMPLETION_FACILITY' }, completes: 'VOL.COMPLETION_FACILITY', records: Event.VOLUNTARY_COMPLETED, movesTo: P.CLOSED,
      by: { stepOwner: true }, custom: true,
    },
  ],
};
