import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure F, post-rehabilitation management at the commune of residence (domain/procedures.md
 * §7), as data. Today a case starts only when a compulsory case completes (2 years, Law 73/2021
 * Art. 40); the monthly check-in step belongs to the commune's People's Committee.
 */
export const postRehab: ProcedureDefinition = {
  code: 'POST_REHAB',
  workflowType: 'postRehabWorkflow',
  refPrefix: 'PR',
  titleVi: 'Quản lý sau cai nghiện ma túy',
  titleEn: 'Post-rehabilitation management',
  section: '§7',
  initialPhase: 'UNDER_MANAGEMENT',
  phases: {
    UNDER_MANAGEMENT: { vi: 'Đang quản lý', en: 'Under management' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: [],
  readBy: [
    'COMMUNE_POLICE_OFFICER',
    'COMMUNE_POLICE_HEAD',
    'COMMUNE_OFFICIAL',
    'COMMUNE_CHAIRMAN',
    'PROVINCIAL_COORDINATOR',
    'JUDGE',
    'CHIEF_JUDGE',
    'PROCURATOR',
    'FACILITY_OFFICER',
    'FACILITY_DIRECTOR',
  ],
  actions: [
    {
      type: 'RECORD_CHECK_IN',
      titleVi: 'Ghi nhận kiểm tra hằng tháng',
      titleEn: 'Record the monthly check-in',
      // The oldest month first: a late check-in closes the month that is overdue.
      step: { rule: 'PR.CHECK_IN' },
      completes: 'PR.CHECK_IN',
      records: CaseEventKind.CHECK_IN_RECORDED,
      by: { stepOwner: true, alsoRoles: ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'] },
    },
  ],
};

export interface StartPostRehabInput {
  caseRef: string;
  parentCaseRef: string;
  personId: string;
  /** The commune of residence, which manages the person. */
  jurisdictionId: string;
  /** The date treatment was completed: the management period starts here. */
  startDate: string;
}
