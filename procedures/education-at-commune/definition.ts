import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure G, the education measure at commune level (domain/procedures.md §8), as data: the
 * dossier, the written notice the same working day, the legal check, the advisory meeting, the
 * chairman's decision (apply for 3–6 months, do not apply, or family management for a minor),
 * reviews during the measure, the certificate; drug use found during the measure or within a
 * year after it sends the person for determination (B).
 */
export const Phase = {
  DOSSIER: 'DOSSIER',
  NOTIFYING: 'NOTIFYING',
  LEGAL_CHECK: 'LEGAL_CHECK',
  ADVISORY_MEETING: 'ADVISORY_MEETING',
  DECIDING: 'DECIDING',
  IN_EXECUTION: 'IN_EXECUTION',
  COMPLETING: 'COMPLETING',
  AFTER_MEASURE: 'AFTER_MEASURE',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { basis } */
  EDUCATION_CASE_OPENED: 'EDUCATION_CASE_OPENED',
  EDUCATION_DOSSIER_FILED: 'EDUCATION_DOSSIER_FILED',
  EDUCATION_PERSON_NOTIFIED: 'EDUCATION_PERSON_NOTIFIED',
  /** details: { lawful } */
  EDUCATION_LEGAL_CHECK_DONE: 'EDUCATION_LEGAL_CHECK_DONE',
  /** details: { participants } */
  ADVISORY_MEETING_HELD: 'ADVISORY_MEETING_HELD',
  /** details: { outcome: APPLY | NOT_APPLY | FAMILY_MANAGEMENT, months?, decisionRef, manager? } */
  EDUCATION_DECIDED: 'EDUCATION_DECIDED',
  /** details: { progress } */
  EDUCATION_REVIEWED: 'EDUCATION_REVIEWED',
  EDUCATION_COMPLAINT_FILED: 'EDUCATION_COMPLAINT_FILED',
  EDUCATION_MEASURE_ENDED: 'EDUCATION_MEASURE_ENDED',
  /** details: { certificateRef } */
  EDUCATION_COMPLETED: 'EDUCATION_COMPLETED',
  /** details: { determinationCaseRef } */
  EDUCATION_DRUG_USE_FOUND: 'EDUCATION_DRUG_USE_FOUND',
  EDUCATION_FOLLOW_UP_ENDED: 'EDUCATION_FOLLOW_UP_ENDED',
} as const;

export const EducationBasis = ['DRUG_USE', 'OTHER_PUBLIC_ORDER'] as const;

export interface StartEducationAtCommuneInput {
  caseRef: string;
  jurisdictionId: string;
  person: PersonInput;
  basis: (typeof EducationBasis)[number];
  violationOn: string;
  actor: Actor;
  pastActs?: PastAct[];
}

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const P = Phase;

export const educationAtCommune: ProcedureDefinition = {
  code: 'EDUCATION_AT_COMMUNE',
  workflowType: 'educationAtCommuneWorkflow',
  refPrefix: 'GD',
  titleVi: 'Biện pháp giáo dục tại xã, phường, thị trấn',
  titleEn: 'Education measure at commune level',
  section: '§8',
  initialPhase: P.DOSSIER,
  phases: {
    DOSSIER: { vi: 'Lập hồ sơ', en: 'Compiling the dossier' },
    NOTIFYING: { vi: 'Thông báo cho người bị đề nghị', en: 'Notifying the person' },
    LEGAL_CHECK: { vi: 'Kiểm tra tính pháp lý', en: 'Legal check' },
    ADVISORY_MEETING: { vi: 'Họp tư vấn', en: 'Advisory meeting' },
    DECIDING: { vi: 'Chờ quyết định', en: 'Awaiting the decision' },
    IN_EXECUTION: { vi: 'Đang chấp hành', en: 'Measure under way' },
    COMPLETING: { vi: 'Chờ cấp giấy chứng nhận', en: 'Awaiting the certificate' },
    AFTER_MEASURE: { vi: 'Theo dõi một năm sau biện pháp', en: 'A year’s follow-up after the measure' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: POLICE,
  readBy: [...POLICE, ...COMMUNE, 'PROVINCIAL_COORDINATOR'],
  appliesTo: {
    minYears: 14,
    source: 'Nghị định 120/2021/NĐ-CP (từ 01/01/2022: từ đủ 14 tuổi, đã 2 lần bị xử phạt về sử dụng trái phép chất ma túy)',
    confidence: 'CONFIRMED',
  },
  actions: [
    {
      type: 'FILE_DOSSIER', titleVi: 'Lập xong hồ sơ', titleEn: 'File the dossier',
      step: { rule: 'EDU.DOSSIER' }, completes: 'EDU.DOSSIER', records: Event.EDUCATION_DOSSIER_FILED, movesTo: P.NOTIFYING,
      opens: ['EDU.NOTICE'], by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'NOTIFY_PERSON', titleVi: 'Thông báo bằng văn bản cho người bị đề nghị', titleEn: 'Notify the person in writing',
      step: { rule: 'EDU.NOTICE' }, completes: 'EDU.NOTICE', records: Event.EDUCATION_PERSON_NOTIFIED, movesTo: P.LEGAL_CHECK,
      opens: ['EDU.LEGAL_CHECK'], by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'COMPLETE_LEGAL_CHECK', titleVi: 'Hoàn thành kiểm tra tính pháp lý', titleEn: 'Complete the legal check',
      step: { rule: 'EDU.LEGAL_CHECK' }, completes: 'EDU.LEGAL_CHECK', records: Event.EDUCATION_LEGAL_CHECK_DONE, movesTo: P.ADVISORY_MEETING,
      opens: ['EDU.MEETING'], by: { stepOwner: true, alsoRoles: COMMUNE },
    },
    {
      type: 'HOLD_ADVISORY_MEETING', titleVi: 'Tổ chức họp tư vấn', titleEn: 'Hold the advisory meeting',
      step: { rule: 'EDU.MEETING' }, completes: 'EDU.MEETING', records: Event.ADVISORY_MEETING_HELD, movesTo: P.DECIDING,
      opens: ['EDU.DECISION'], by: { stepOwner: true, alsoRoles: ['COMMUNE_CHAIRMAN'] },
    },
    {
      type: 'DECIDE_MEASURE', titleVi: 'Quyết định áp dụng biện pháp', titleEn: 'Decide on the measure',
      step: { rule: 'EDU.DECISION' }, completes: 'EDU.DECISION', records: Event.EDUCATION_DECIDED,
      by: { stepOwner: true }, custom: true,
    },
    {
      type: 'RECORD_REVIEW', titleVi: 'Ghi nhận kiểm điểm, nhận xét', titleEn: 'Record a review',
      step: { rule: 'EDU.REVIEW' }, completes: 'EDU.REVIEW', records: Event.EDUCATION_REVIEWED,
      by: { stepOwner: true, alsoRoles: COMMUNE }, custom: true,
    },
    {
      type: 'FILE_COMPLAINT', titleVi: 'Ghi nhận khiếu nại, khởi kiện quyết định', titleEn: 'Record a complaint or lawsuit against the decision',
      phases: [P.IN_EXECUTION], records: Event.EDUCATION_COMPLAINT_FILED, by: { roles: COMMUNE },
    },
    {
      type: 'RECORD_DRUG_USE', titleVi: 'Phát hiện sử dụng ma túy, đưa đi xác định tình trạng nghiện', titleEn: 'Drug use found: send for determination',
      phases: [P.IN_EXECUTION, P.COMPLETING, P.AFTER_MEASURE], records: Event.EDUCATION_DRUG_USE_FOUND,
      by: { roles: [...POLICE, ...COMMUNE] }, custom: true,
    },
    {
      type: 'ISSUE_CERTIFICATE', titleVi: 'Cấp giấy chứng nhận chấp hành xong', titleEn: 'Issue the completion certificate',
      step: { rule: 'EDU.CERTIFICATE' }, completes: 'EDU.CERTIFICATE', records: Event.EDUCATION_COMPLETED, movesTo: P.AFTER_MEASURE,
      by: { stepOwner: true }, custom: true,
    },
  ],
};
