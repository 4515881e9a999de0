import type { Role } from '../../generated/prisma/enums';
import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ActionDefinition, ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure D, compulsory rehabilitation of adults (*đưa vào cơ sở cai nghiện bắt buộc*),
 * domain/procedures.md §5.3, as data: its phases and who may do what when. The workflow beside
 * this file performs the rows marked `custom`.
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
  POSTPONED: 'POSTPONED',
  IN_TREATMENT: 'IN_TREATMENT',
  ABSCONDED: 'ABSCONDED',
  COMPLETING: 'COMPLETING',
  CLOSED: 'CLOSED',
} as const;

export const TERM_MONTHS = { min: 12, max: 24 } as const;
export const REDUCTION_MONTHS = { min: 3, max: 6 } as const;

export interface StartCompulsoryRehabInput {
  caseRef: string;
  /** The commune handling the case (residence, or place of violation without stable residence). */
  jurisdictionId: string;
  /** A new person, or one already on record (a case opened by another case). */
  person: PersonInput | { personId: string; residenceJurisdictionId: string; birthDate?: string };
  /** Law 73/2021 Art. 32 ground, 1–4. */
  legalGround: 1 | 2 | 3 | 4;
  /** The legal date the grounds were found: the D2 dossier clock and the procedure's limit start here. */
  groundsFoundOn: string;
  /** Who opened it; absent when another case opened it (a missed registration). */
  actor?: Actor;
  /** The case this one follows from (a determination, a voluntary treatment, a post-rehabilitation). */
  parentCaseRef?: string;
  /** Acts already done on paper, recorded in order when the case is entered. */
  pastActs?: PastAct[];
}

const COURT: readonly Role[] = ['JUDGE', 'CHIEF_JUDGE'];
const FACILITY: readonly Role[] = ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'];
const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const K = CaseEventKind;
const P = Phase;

export const compulsoryRehabAdult: ProcedureDefinition = {
  code: 'COMPULSORY_REHAB_ADULT',
  workflowType: 'compulsoryRehabAdultWorkflow',
  refPrefix: 'CRA',
  titleVi: 'Đưa người nghiện ma túy từ đủ 18 tuổi vào cơ sở cai nghiện bắt buộc',
  titleEn: 'Compulsory rehabilitation of adults',
  section: '§5',
  initialPhase: P.DOSSIER,
  phases: {
    DOSSIER: { vi: 'Lập hồ sơ đề nghị', en: 'Compiling the dossier' },
    NOTIFYING: { vi: 'Thông báo hồ sơ', en: 'Notifying the person' },
    TRANSFER: { vi: 'Chuyển hồ sơ đến Tòa án', en: 'Transfer to the court' },
    AT_COURT: { vi: 'Tòa án xem xét', en: 'At the court' },
    COURT_SUSPENDED: { vi: 'Tạm đình chỉ', en: 'Proceedings suspended' },
    COMPLAINT_WINDOW: { vi: 'Thời hạn khiếu nại', en: 'Complaint window' },
    UNDER_APPEAL: { vi: 'Xem xét khiếu nại, kháng nghị', en: 'Under appeal' },
    AWAITING_ADMISSION: { vi: 'Chờ đưa vào cơ sở', en: 'Awaiting admission' },
    POSTPONED: { vi: 'Hoãn chấp hành', en: 'Execution postponed' },
    IN_TREATMENT: { vi: 'Đang chấp hành', en: 'In treatment' },
    ABSCONDED: { vi: 'Bỏ trốn', en: 'Absconded' },
    COMPLETING: { vi: 'Hoàn thành, bàn giao', en: 'Completing' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  statutoryLimit: { rule: 'CRA.LIMIT', steps: ['CRA.D2', 'CRA.D3', 'CRA.D5', 'CRA.D6', 'CRA.D8'] },
  openedBy: POLICE,
  readBy: [...POLICE, ...COURT, ...FACILITY, 'PROCURATOR', 'PROVINCIAL_COORDINATOR', 'COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'],
  appliesTo: { minYears: 18, source: 'Luật Phòng, chống ma túy 2021, Điều 32', confidence: 'CONFIRMED' },
  ageGroup: 'COMPULSORY_REHAB',
  earlierRegime: 'COMPULSORY_REHAB_ADULT_2014',
  actions: [
    {
      type: 'FILE_DOSSIER', titleVi: 'Lập xong hồ sơ đề nghị', titleEn: 'File the dossier',
      step: { rule: 'CRA.D2' }, completes: 'CRA.D2', records: K.DOSSIER_FILED, movesTo: P.NOTIFYING, opens: ['CRA.D3'],
      by: { stepOwner: true, alsoRoles: POLICE }, custom: true,
    },
    {
      type: 'NOTIFY_PERSON', titleVi: 'Thông báo cho người bị đề nghị và gia đình', titleEn: 'Notify the person and family',
      step: { rule: 'CRA.D3' }, completes: 'CRA.D3', records: K.PERSON_NOTIFIED, movesTo: P.TRANSFER, opens: ['CRA.D5'],
      by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'TRANSFER_TO_COURT', titleVi: 'Chuyển hồ sơ đến Tòa án', titleEn: 'Transfer the dossier to the court',
      step: { rule: 'CRA.D5' }, completes: 'CRA.D5', records: K.TRANSFERRED_TO_COURT, movesTo: P.AT_COURT, opens: ['CRA.D6'],
      by: { stepOwner: true },
    },
    ...courtAndTreatment('CRA', POLICE),
  ],
};

/**
 * What follows the transfer to the court, alike under every regime of procedure D (the 2014–2021
 * procedure too, procedures/compulsory-rehab-adult-2014): acceptance, the hearing and decision,
 * the complaint window and appeal, postponement, admission, the term and completion. `rule` is
 * the procedure's rule-key prefix, so each regime keeps its own rules (sources and limits);
 * `proposer` the roles of the body that proposed the measure (supplies documents, petitions).
 */
export function courtAndTreatment(rule: string, proposer: readonly Role[]): ActionDefinition[] {
  return [
    {
      type: 'ACCEPT_DOSSIER', titleVi: 'Thụ lý hồ sơ', titleEn: 'Accept the dossier',
      step: { rule: `${rule}.D6` }, completes: `${rule}.D6`, records: K.COURT_ACCEPTED, movesTo: P.AT_COURT, opens: [`${rule}.D8`],
      by: { stepOwner: true, alsoRoles: COURT },
    },
    {
      type: 'REQUEST_DOCUMENTS', titleVi: 'Yêu cầu bổ sung tài liệu', titleEn: 'Request supplementary documents',
      step: { rule: `${rule}.D8` }, suspends: `${rule}.D8`, records: K.DOCUMENTS_REQUESTED, movesTo: P.AT_COURT, opens: [`${rule}.D7`],
      by: { stepOwner: true, alsoRoles: COURT },
    },
    {
      type: 'SCHEDULE_HEARING', titleVi: 'Mở phiên họp', titleEn: 'Schedule the hearing',
      step: { rule: `${rule}.D8` }, records: K.HEARING_SCHEDULED,
      by: { stepOwner: true, alsoRoles: COURT },
    },
    {
      type: 'RECORD_DECISION', titleVi: 'Ghi nhận quyết định của Tòa án', titleEn: 'Record the court decision',
      step: { rule: `${rule}.D8` }, completes: `${rule}.D8`, records: K.DECISION_RECORDED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'SUPPLY_DOCUMENTS', titleVi: 'Bổ sung tài liệu', titleEn: 'Supply the documents',
      step: { rule: `${rule}.D7` }, completes: `${rule}.D7`, resumes: `${rule}.D8`, records: K.DOCUMENTS_SUPPLIED, movesTo: P.AT_COURT,
      by: { stepOwner: true, alsoRoles: proposer },
    },
    {
      type: 'RETURN_DOSSIER', titleVi: 'Trả lại hồ sơ', titleEn: 'Return the dossier',
      step: { rule: `${rule}.D8`, status: 'SUSPENDED' }, records: K.DOSSIER_RETURNED, movesTo: P.CLOSED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'RESUME_PROCEEDINGS', titleVi: 'Tiếp tục giải quyết', titleEn: 'Resume the proceedings',
      phases: [P.COURT_SUSPENDED], records: K.PROCEEDINGS_RESUMED, movesTo: P.AT_COURT, opens: [`${rule}.D8`],
      by: { roles: COURT },
    },
    {
      type: 'FILE_COMPLAINT', titleVi: 'Khiếu nại, kiến nghị, kháng nghị', titleEn: 'File a complaint or protest',
      phases: [P.COMPLAINT_WINDOW], records: K.COMPLAINT_FILED, movesTo: P.UNDER_APPEAL, opens: [`${rule}.APPEAL`],
      // The person complains to the court, the proposing body petitions, the procuracy protests (as for minors).
      by: { roles: [...COURT, ...proposer, 'PROCURATOR'] },
    },
    {
      type: 'DECIDE_APPEAL', titleVi: 'Quyết định giải quyết khiếu nại, kháng nghị', titleEn: 'Decide the appeal',
      step: { rule: `${rule}.APPEAL` }, completes: `${rule}.APPEAL`, records: K.APPEAL_DECIDED,
      by: { stepOwner: true, alsoRoles: COURT }, custom: true,
    },
    {
      type: 'ADMIT', titleVi: 'Tiếp nhận vào cơ sở', titleEn: 'Admit to the facility',
      step: { rule: `${rule}.D11` }, completes: `${rule}.D11`, records: K.ADMITTED, movesTo: P.IN_TREATMENT,
      by: { roles: FACILITY }, custom: true,
    },
    {
      type: 'POSTPONE_EXECUTION', titleVi: 'Hoãn chấp hành', titleEn: 'Postpone execution',
      phases: [P.AWAITING_ADMISSION], completes: `${rule}.D11`, records: K.EXECUTION_POSTPONED, movesTo: P.POSTPONED,
      by: { roles: COURT }, custom: true,
    },
    {
      type: 'END_POSTPONEMENT', titleVi: 'Hết thời hạn hoãn', titleEn: 'End the postponement',
      phases: [P.POSTPONED], records: K.POSTPONEMENT_ENDED, movesTo: P.AWAITING_ADMISSION, opens: [`${rule}.D11`],
      by: { roles: COURT }, custom: true,
    },
    {
      type: 'EXEMPT', titleVi: 'Miễn chấp hành', titleEn: 'Exempt from execution',
      phases: [P.AWAITING_ADMISSION, P.POSTPONED], records: K.EXEMPTED, movesTo: P.CLOSED,
      by: { roles: COURT }, custom: true,
    },
    {
      type: 'ABSCOND', titleVi: 'Ghi nhận bỏ trốn', titleEn: 'Record absconding',
      phases: [P.IN_TREATMENT], records: K.ABSCONDED, movesTo: P.ABSCONDED,
      by: { roles: FACILITY }, custom: true,
    },
    {
      type: 'REDUCE_TERM', titleVi: 'Giảm thời hạn', titleEn: 'Reduce the term',
      phases: [P.IN_TREATMENT], records: K.TERM_REDUCED,
      by: { roles: COURT }, custom: true,
    },
    {
      type: 'EARLY_RELEASE', titleVi: 'Chấm dứt trước thời hạn', titleEn: 'Early release',
      phases: [P.IN_TREATMENT], records: K.EARLY_RELEASE, movesTo: P.COMPLETING, opens: [`${rule}.D13`],
      by: { roles: COURT }, custom: true,
    },
    {
      type: 'RETURN_TO_FACILITY', titleVi: 'Trở lại cơ sở', titleEn: 'Return to the facility',
      phases: [P.ABSCONDED], records: K.RETURNED_TO_FACILITY, movesTo: P.IN_TREATMENT,
      by: { roles: FACILITY }, custom: true,
    },
    {
      type: 'COMPLETE_TREATMENT', titleVi: 'Hoàn thành, cấp giấy chứng nhận', titleEn: 'Complete treatment and certify',
      step: { rule: `${rule}.D13` }, completes: `${rule}.D13`, records: K.COMPLETED, movesTo: P.CLOSED,
      by: { stepOwner: true, alsoRoles: ['FACILITY_DIRECTOR'] }, custom: true,
    },
  ];
}
