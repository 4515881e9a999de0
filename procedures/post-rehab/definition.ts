import type { Role } from '../../generated/prisma/enums';
import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure F, post-rehabilitation management at the commune of residence (domain/procedures.md
 * §7), as data: 2 years after an adult's compulsory rehabilitation, 1 year after voluntary
 * treatment (Law 73/2021 Art. 40), a check-in each month recording what happened and the support
 * given, a move that hands the case to the new commune, a relapse sent for determination, and at
 * the end the chairman's completion certificate (Form 54).
 */
export const Phase = {
  UNDER_MANAGEMENT: 'UNDER_MANAGEMENT',
  COMPLETING: 'COMPLETING',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  POST_REHAB_STARTED: CaseEventKind.POST_REHAB_STARTED,
  /** details: { met?, testResult?, support? } */
  CHECK_IN_RECORDED: CaseEventKind.CHECK_IN_RECORDED,
  /** details: { from, to } */
  PERSON_MOVED: 'PERSON_MOVED',
  /** Found using: sent for determination. details: { determinationCaseRef } */
  RELAPSE_SUSPECTED: 'RELAPSE_SUSPECTED',
  /** The determination found the person addicted. details: { determinationCaseRef, compulsoryCaseRef? } */
  RELAPSED: 'RELAPSED',
  /** The determination found the person not addicted: management goes on. */
  DETERMINATION_RETURNED: 'DETERMINATION_RETURNED',
  /** The period ended; the certificate is due. */
  MANAGEMENT_PERIOD_ENDED: 'MANAGEMENT_PERIOD_ENDED',
  POST_REHAB_COMPLETED: CaseEventKind.POST_REHAB_COMPLETED,
} as const;

export interface StartPostRehabInput {
  caseRef: string;
  parentCaseRef: string;
  personId: string;
  /** The commune of residence, which manages the person. */
  jurisdictionId: string;
  /** The date treatment was completed: the management period starts here. */
  startDate: string;
  /** 24 after an adult's compulsory case (the default, as cases before the variants were started), 12 otherwise. */
  months?: number;
  /** To tell an adult's relapse (a ground for compulsory rehabilitation) from a minor's. */
  birthDate?: string;
}

const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const P = Phase;

export const postRehab: ProcedureDefinition = {
  code: 'POST_REHAB',
  workflowType: 'postRehabWorkflow',
  refPrefix: 'PR',
  titleVi: 'Quản lý sau cai nghiện ma túy',
  titleEn: 'Post-rehabilitation management',
  section: '§7',
  initialPhase: P.UNDER_MANAGEMENT,
  phases: {
    UNDER_MANAGEMENT: { vi: 'Đang quản lý', en: 'Under management' },
    COMPLETING: { vi: 'Chờ cấp giấy chứng nhận hoàn thành', en: 'Awaiting the completion certificate' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: [],
  readBy: [...POLICE, ...COMMUNE, 'PROVINCIAL_COORDINATOR', 'JUDGE', 'CHIEF_JUDGE', 'PROCURATOR', 'FACILITY_OFFICER', 'FACILITY_DIRECTOR'],
  actions: [
    {
      type: 'RECORD_CHECK_IN', titleVi: 'Ghi nhận kiểm tra hằng tháng', titleEn: 'Record the monthly check-in',
      // The oldest month first: a late check-in closes the month that is overdue.
      step: { rule: 'PR.CHECK_IN' }, completes: 'PR.CHECK_IN', records: Event.CHECK_IN_RECORDED,
      by: { stepOwner: true, alsoRoles: COMMUNE },
    },
    {
      type: 'RECORD_MOVE', titleVi: 'Ghi nhận thay đổi nơi cư trú', titleEn: 'Record a move',
      phases: [P.UNDER_MANAGEMENT], records: Event.PERSON_MOVED, by: { roles: [...COMMUNE, ...POLICE] }, custom: true,
    },
    {
      type: 'RECORD_RELAPSE', titleVi: 'Phát hiện sử dụng ma túy, đưa đi xác định tình trạng nghiện', titleEn: 'Found using: send for determination',
      phases: [P.UNDER_MANAGEMENT], records: Event.RELAPSE_SUSPECTED, by: { roles: [...POLICE, ...COMMUNE] }, custom: true,
    },
    {
      type: 'ISSUE_COMPLETION_CERTIFICATE', titleVi: 'Cấp giấy chứng nhận hoàn thành (Mẫu 54)', titleEn: 'Issue the completion certificate (Form 54)',
      step: { rule: 'PR.CERTIFICATE' }, completes: 'PR.CERTIFICATE', records: Event.POST_REHAB_COMPLETED, movesTo: P.CLOSED,
      by: { stepOwner: true }, custom: true,
    },
  ],
};
