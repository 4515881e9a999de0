import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure E, compulsory rehabilitation of minors aged 12 to under 18 (domain/procedures.md §6),
 * as data. Not an administrative measure: the parent or guardian is notified and is a party to
 * every step, the minor may have a defender, the court decides within 15 days of acceptance
 * (extendable once for a complex case, to 30 days at most), the term is 6–12 months at a facility
 * for minors, and one year of post-rehabilitation follows. Relapse is no ground for it.
 */
export const Phase = {
  DOSSIER: 'DOSSIER',
  NOTIFYING: 'NOTIFYING',
  TRANSFER: 'TRANSFER',
  AT_COURT: 'AT_COURT',
  COURT_SUSPENDED: 'COURT_SUSPENDED',
  COMPLAINT_WINDOW: 'COMPLAINT_WINDOW',
  UNDER_APPEAL: 'UNDER_APPEAL',
  AWAITING_ADMISSION: 'AWAITING_ADMISSION',
  IN_TREATMENT: 'IN_TREATMENT',
  COMPLETING: 'COMPLETING',
  CLOSED: 'CLOSED',
} as const;

/** Timeline entries of procedure E; kinds of their own, so the adults' figures never count minors. */
export const Event = {
  MINOR_CASE_OPENED: 'MINOR_CASE_OPENED',
  MINOR_DOSSIER_FILED: 'MINOR_DOSSIER_FILED',
  /** The parent or guardian was told of a step. details: { how, name?, step? } */
  GUARDIAN_NOTIFIED: 'GUARDIAN_NOTIFIED',
  /** details: { defender: { name, kind } } */
  DEFENDER_ASSIGNED: 'DEFENDER_ASSIGNED',
  MINOR_TRANSFERRED_TO_COURT: 'MINOR_TRANSFERRED_TO_COURT',
  MINOR_COURT_ACCEPTED: 'MINOR_COURT_ACCEPTED',
  MINOR_DOCUMENTS_REQUESTED: 'MINOR_DOCUMENTS_REQUESTED',
  MINOR_DOCUMENTS_SUPPLIED: 'MINOR_DOCUMENTS_SUPPLIED',
  /** details: { days, reason } */
  DECISION_PERIOD_EXTENDED: 'DECISION_PERIOD_EXTENDED',
  /** details: { outcome: SEND | NOT_SEND | SUSPEND | TEMPORARILY_SUSPEND, months?, decisionRef, windowFrom } */
  MINOR_DECISION_RECORDED: 'MINOR_DECISION_RECORDED',
  /** details: { from, lastDay, explanation } */
  MINOR_COMPLAINT_WINDOW_OPENED: 'MINOR_COMPLAINT_WINDOW_OPENED',
  MINOR_PROCEEDINGS_SUSPENDED: 'MINOR_PROCEEDINGS_SUSPENDED',
  MINOR_PROCEEDINGS_RESUMED: 'MINOR_PROCEEDINGS_RESUMED',
  /** details: { by } */
  MINOR_COMPLAINT_FILED: 'MINOR_COMPLAINT_FILED',
  MINOR_APPEAL_DECIDED: 'MINOR_APPEAL_DECIDED',
  MINOR_DECISION_EFFECTIVE: 'MINOR_DECISION_EFFECTIVE',
  MINOR_ADMITTED: 'MINOR_ADMITTED',
  MINOR_TERM_ENDED: 'MINOR_TERM_ENDED',
  MINOR_COMPLETED: 'MINOR_COMPLETED',
  MINOR_CASE_CLOSED: 'MINOR_CASE_CLOSED',
} as const;

export interface StartCompulsoryRehabMinorInput {
  caseRef: string;
  jurisdictionId: string;
  person: PersonInput | { personId: string; residenceJurisdictionId: string; birthDate: string };
  /** Law 73/2021 Art. 33 with Art. 32 grounds 1–3 (relapse is no ground for a minor). */
  legalGround: 1 | 2 | 3;
  groundsFoundOn: string;
  /** Absent when another case opened it: recorded with the first notice to the guardian. */
  guardian?: { name: string; relation: string };
  actor?: Actor;
  parentCaseRef?: string;
  pastActs?: PastAct[];
}

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const COURT: readonly Role[] = ['JUDGE', 'CHIEF_JUDGE'];
const FACILITY: readonly Role[] = ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'];
const P = Phase;
const OPEN_PHASES = Object.values(Phase).filter((phase) => phase !== P.CLOSED);

export const compulsoryRehabMinor: ProcedureDefinition = {
  code: 'COMPULSORY_REHAB_MINOR',
  workflowType: 'compulsoryRehabMinorWorkflow',
  refPrefix: 'CRM',
  titleVi: 'Đưa người nghiện ma túy từ đủ 12 đến dưới 18 tuổi vào cơ sở cai nghiện bắt buộc',
  titleEn: 'Compulsory rehabilitation of minors (12 to under 18)',
  section: '§6',
  initialPhase: P.DOSSIER,
  phases: {
    DOSSIER: { vi: 'Lập hồ sơ đề nghị', en: 'Compiling the dossier' },
    NOTIFYING: { vi: 'Thông báo cho cha mẹ, người giám hộ', en: 'Notifying the parent or guardian' },
    TRANSFER: { vi: 'Chuyển hồ sơ đến Tòa án', en: 'Transfer to the court' },
    AT_COURT: { vi: 'Tòa án xem xét', en: 'At the court' },
    COURT_SUSPENDED: { vi: 'Tạm đình chỉ', en: 'Proceedings suspended' },
    COMPLAINT_WINDOW: { vi: 'Thời hạn khiếu nại', en: 'Complaint window' },
    UNDER_APPEAL: { vi: 'Xem xét khiếu nại, kháng nghị', en: 'Under appeal' },
    AWAITING_ADMISSION: { vi: 'Chờ đưa vào cơ sở', en: 'Awaiting admission' },
    IN_TREATMENT: { vi: 'Đang chấp hành', en: 'In treatment' },
    COMPLETING: { vi: 'Hoàn thành, bàn giao', en: 'Completing' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: POLICE,
  readBy: [...POLICE, ...COURT, ...FACILITY, 'PROCURATOR', 'PROVINCIAL_COORDINATOR', 'COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'],
  ageGroup: 'COMPULSORY_REHAB',
  appliesTo: {
    minYears: 12,
    belowYears: 18,
    source: 'Luật Phòng, chống ma túy 2021, Điều 33; tuổi tính vào ngày phát hiện căn cứ (người đủ 18 tuổi trong khi giải quyết vẫn theo thủ tục này: chưa xác minh)',
    confidence: 'UNCONFIRMED',
  },
  actions: [
    {
      type: 'FILE_DOSSIER', titleVi: 'Lập xong hồ sơ đề nghị', titleEn: 'File the dossier',
      step: { rule: 'CRM.DOSSIER' }, completes: 'CRM.DOSSIER', records: Event.MINOR_DOSSIER_FILED, movesTo: P.NOTIFYING,
      opens: ['CRM.GUARDIAN_NOTICE'], by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'NOTIFY_GUARDIAN_OF_DOSSIER', titleVi: 'Thông báo hồ sơ cho cha mẹ, người giám hộ', titleEn: 'Notify the parent or guardian of the dossier',
      step: { rule: 'CRM.GUARDIAN_NOTICE' }, completes: 'CRM.GUARDIAN_NOTICE', records: Event.GUARDIAN_NOTIFIED, movesTo: P.TRANSFER,
      opens: ['CRM.TRANSFER'], by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'RECORD_GUARDIAN_NOTICE', titleVi: 'Ghi nhận đã thông báo cho cha mẹ, người giám hộ', titleEn: 'Record a notice to the parent or guardian',
      phases: OPEN_PHASES, records: Event.GUARDIAN_NOTIFIED, by: { roles: [...POLICE, ...COURT, ...FACILITY] },
    },
    {
      type: 'ASSIGN_DEFENDER', titleVi: 'Ghi nhận người bào chữa, trợ giúp pháp lý', titleEn: 'Record the defender or legal aid',
      phases: OPEN_PHASES, records: Event.DEFENDER_ASSIGNED, by: { roles: [...POLICE, ...COURT] },
    },
    {
      type: 'TRANSFER_TO_COURT', titleVi: 'Chuyển hồ sơ đến Tòa án', titleEn: 'Transfer the dossier to the court',
      step: { rule: 'CRM.TRANSFER' }, completes: 'CRM.TRANSFER', records: Event.MINOR_TRANSFERRED_TO_COURT, movesTo: P.AT_COURT,
      opens: ['CRM.ACCEPTANCE'], by: { stepOwner: true },
    },
    {
      type: 'ACCEPT_DOSSIER', titleVi: 'Thụ lý hồ sơ', titleEn: 'Accept the dossier',
      step: { rule: 'CRM.ACCEPTANCE' }, completes: 'CRM.ACCEPTANCE', records: Event.MINOR_COURT_ACCEPTED, movesTo: P.AT_COURT,
      opens: ['CRM.DECISION'], by: { stepOwner: true, alsoRoles: COURT },
    },
    {
      type: 'REQUEST_DOCUMENTS', titleVi: 'Yêu cầu bổ sung tài liệu', titleEn: 'Request supplementary documents',
      step: { rule: 'CRM.DECISION' }, suspends: 'CRM.DECISION', records: Event.MINOR_DOCUMENTS_REQUESTED, movesTo: P.AT_COURT,
      opens: ['CRM.DOCUMENTS'], by: { stepOwner: true, alsoRoles: COURT },
    },
    {
      type: 'SUPPLY_DOCUMENTS', titleVi: 'Bổ sung tài liệu', titleEn: 'Supply the documents',
      step: { rule: 'CRM.DOCUMENTS' }, completes: 'CRM.DOCUMENTS', resumes: 'CRM.DECISION', records: Event.MINOR_DOCUMENTS_SUPPLIED,
      movesTo: P.AT_COURT, by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'EXTEND_DECISION_PERIOD', titleVi: 'Gia hạn thời hạn xem xét (vụ việc phức tạp)', titleEn: 'Extend the decision period (complex case)',
      step: { rule: 'CRM.DECISION' }, records: Event.DECISION_PERIOD_EXTENDED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'RECORD_DECISION', titleVi: 'Ghi nhận quyết định của Tòa án', titleEn: 'Record the court decision',
      step: { rule: 'CRM.DECISION' }, completes: 'CRM.DECISION', records: Event.MINOR_DECISION_RECORDED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'RESUME_PROCEEDINGS', titleVi: 'Tiếp tục giải quyết', titleEn: 'Resume the proceedings',
      phases: [P.COURT_SUSPENDED], records: Event.MINOR_PROCEEDINGS_RESUMED, movesTo: P.AT_COURT, opens: ['CRM.DECISION'],
      by: { roles: COURT },
    },
    {
      type: 'FILE_COMPLAINT', titleVi: 'Khiếu nại, kiến nghị, kháng nghị', titleEn: 'File a complaint or protest',
      phases: [P.COMPLAINT_WINDOW], records: Event.MINOR_COMPLAINT_FILED, movesTo: P.UNDER_APPEAL, opens: ['CRM.APPEAL'],
      by: { roles: [...COURT, ...POLICE, 'PROCURATOR'] },
    },
    {
      type: 'DECIDE_APPEAL', titleVi: 'Quyết định giải quyết khiếu nại, kháng nghị', titleEn: 'Decide the appeal',
      step: { rule: 'CRM.APPEAL' }, completes: 'CRM.APPEAL', records: Event.MINOR_APPEAL_DECIDED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'ADMIT', titleVi: 'Tiếp nhận vào cơ sở', titleEn: 'Admit to the facility',
      step: { rule: 'CRM.ADMISSION' }, completes: 'CRM.ADMISSION', records: Event.MINOR_ADMITTED, movesTo: P.IN_TREATMENT,
      by: { roles: FACILITY }, custom: true,
    },
    {
      type: 'COMPLETE_TREATMENT', titleVi: 'Hoàn thành, cấp giấy chứng nhận', titleEn: 'Complete treatment and certify',
      step: { rule: 'CRM.COMPLETION' }, completes: 'CRM.COMPLETION', records: Event.MINOR_COMPLETED, movesTo: P.CLOSED,
      by: { stepOwner: true, alsoRoles: ['FACILITY_DIRECTOR'] }, custom: true,
    },
  ],
};
