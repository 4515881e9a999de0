import { courtVersions } from '../../rules/court-versions';
import {
  COMMUNE_CHAIRMAN,
  COMMUNE_POLICE_HEAD,
  DEFAULT_REMINDERS,
  FACILITY_DIRECTOR,
  PROVINCIAL_COORDINATOR,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { StartEvent, StepRule } from '../../rules/rule-types';

/**
 * Procedure E, compulsory rehabilitation of minors aged 12 to under 18 (domain/procedures.md §6):
 * Law 73/2021 Art. 33–34 and Pháp lệnh 01/2022/UBTVQH15. Confirmed: the court decides within 15
 * days of accepting the dossier, extendable for a complex case to at most 30 days; the complaint
 * window is 5 working days; the term is 6–12 months. The rest are defaults marked UNCONFIRMED
 * that a province overrides. Court steps go to the district court until 30 June 2025, the
 * regional court after.
 */
export const COMPULSORY_REHAB_MINOR = 'COMPULSORY_REHAB_MINOR';
export const MINOR_TERM_MONTHS = { min: 6, max: 12 } as const;
/** The decision's 15 days may be extended once, to at most 30 days in all. */
export const MAX_DECISION_EXTENSION_DAYS = 15;

const FROM = '2022-01-01';
const event = (code: string, nameVi: string, nameEn: string): StartEvent => ({ code, nameVi, nameEn });
const PL_01 = { document: 'Pháp lệnh 01/2022/UBTVQH15' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Chưa xác minh được thời hạn trong văn bản chính thức; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Time limit not found in an official text; a default the province may override.',
};
const defaults = { confidence: 'UNCONFIRMED', ...UNCONFIRMED_NOTE } as const;
const rule = (key: string, titleVi: string, titleEn: string, versions: StepRule['versions']): StepRule => ({
  key,
  procedure: COMPULSORY_REHAB_MINOR,
  titleVi,
  titleEn,
  versions,
});

export const compulsoryRehabMinorRules: readonly StepRule[] = [
  rule('CRM.DOSSIER', 'Lập hồ sơ đề nghị đưa người chưa thành niên vào cơ sở cai nghiện bắt buộc', 'Compile the minor’s dossier', [
    {
      effectiveFrom: FROM,
      startEvent: event('GROUNDS_FOUND', 'Phát hiện căn cứ', 'Grounds found'),
      budget: { kind: 'WORKING_DAYS', days: 5 },
      responsible: COMMUNE_POLICE_HEAD,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia(COMMUNE_CHAIRMAN),
      source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 34' },
      ...defaults,
    },
  ]),
  rule('CRM.GUARDIAN_NOTICE', 'Thông báo hồ sơ cho người chưa thành niên và cha mẹ, người giám hộ', 'Notify the minor and the parent or guardian', [
    {
      effectiveFrom: FROM,
      startEvent: event('DOSSIER_COMPILED', 'Lập xong hồ sơ', 'Dossier compiled'),
      budget: { kind: 'WORKING_DAYS', days: 2 },
      responsible: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_OFFICER' },
      reminders: [{ unit: 'WORKING_DAYS', amount: 0 }],
      escalations: ladderVia(COMMUNE_POLICE_HEAD),
      source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 34' },
      ...defaults,
    },
  ]),
  rule('CRM.TRANSFER', 'Chuyển hồ sơ đến Tòa án', 'Send the dossier to the court', [
    {
      // Until 28 February 2025 the head of the district labour division sent the dossier ([S13], confirmed).
      effectiveFrom: FROM,
      effectiveTo: '2025-02-28',
      startEvent: event('GUARDIAN_NOTIFIED', 'Đã thông báo cho cha mẹ, người giám hộ', 'Parent or guardian notified'),
      budget: { kind: 'WORKING_DAYS', days: 5 },
      responsible: { agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' },
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderToProvince(),
      source: PL_01,
      ...defaults,
    },
    {
      effectiveFrom: '2025-03-01',
      startEvent: event('GUARDIAN_NOTIFIED', 'Đã thông báo cho cha mẹ, người giám hộ', 'Parent or guardian notified'),
      budget: { kind: 'WORKING_DAYS', days: 5 },
      responsible: PROVINCIAL_COORDINATOR,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia(PROVINCIAL_COORDINATOR).slice(2),
      source: { document: 'Thông tư liên tịch 03/2025' },
      ...defaults,
    },
  ]),
  rule('CRM.ACCEPTANCE', 'Tòa án thụ lý hồ sơ', 'The court accepts the dossier', courtVersions({
    startEvent: event('DOSSIER_RECEIVED_BY_COURT', 'Tòa án nhận hồ sơ', 'Court received the dossier'),
    budget: { kind: 'WORKING_DAYS', days: 3 },
    reminders: [{ unit: 'WORKING_DAYS', amount: 1 }],
    source: PL_01,
    ...defaults,
  })),
  rule('CRM.DECISION', 'Tòa án xem xét, quyết định', 'The court decides', courtVersions({
    startEvent: event('DOSSIER_ACCEPTED', 'Tòa án thụ lý hồ sơ', 'Court accepted the dossier'),
    budget: { kind: 'CALENDAR_DAYS', days: 15, rollForwardToWorkingDay: false },
    reminders: [...DEFAULT_REMINDERS],
    source: { ...PL_01, article: 'thời hạn 15 ngày, vụ việc phức tạp gia hạn không quá 30 ngày' },
    confidence: 'CONFIRMED',
  })),
  rule('CRM.DOCUMENTS', 'Bổ sung tài liệu theo yêu cầu của Thẩm phán', 'Supply the documents the judge requested', [
    {
      effectiveFrom: FROM,
      startEvent: event('DOCUMENTS_REQUESTED', 'Thẩm phán yêu cầu bổ sung', 'Judge requested documents'),
      // "Within 03 working days from…": the source is cut off.
      budget: { kind: 'WORKING_DAYS', days: 3 },
      responsible: COMMUNE_POLICE_HEAD,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia(COMMUNE_CHAIRMAN),
      source: { ...PL_01, article: 'Điều 13 (trích dẫn bị cắt)' },
      ...defaults,
    },
  ]),
  rule('CRM.COMPLAINT_WINDOW', 'Thời hạn khiếu nại, kiến nghị, kháng nghị', 'Window for complaints and protests', courtVersions({
    startEvent: event('DECISION_ANNOUNCED_OR_RECEIVED', 'Công bố quyết định tại phiên họp, hoặc nhận quyết định', 'Decision announced at the hearing, or received'),
    budget: { kind: 'WORKING_DAYS', days: 5 },
    reminders: [],
    source: PL_01,
    confidence: 'CONFIRMED',
  })),
  rule('CRM.APPEAL', 'Tòa án cấp tỉnh giải quyết khiếu nại, kiến nghị, kháng nghị', 'The provincial court decides the complaint or protest', [
    {
      effectiveFrom: FROM,
      startEvent: event('COMPLAINT_RECEIVED', 'Nhận khiếu nại, kháng nghị', 'Complaint or protest received'),
      budget: { kind: 'CALENDAR_DAYS', days: 15, rollForwardToWorkingDay: true },
      responsible: { agencyKind: 'PROVINCIAL_COURT', role: 'JUDGE' },
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia({ agencyKind: 'PROVINCIAL_COURT', role: 'CHIEF_JUDGE' }),
      source: PL_01,
      ...defaults,
    },
  ]),
  rule('CRM.ADMISSION', 'Đưa người chưa thành niên vào cơ sở cai nghiện', 'Take the minor to the facility', [
    {
      effectiveFrom: FROM,
      startEvent: event('DECISION_EFFECTIVE', 'Quyết định có hiệu lực', 'Decision took effect'),
      budget: { kind: 'WORKING_DAYS', days: 5 },
      responsible: COMMUNE_POLICE_HEAD,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia(COMMUNE_CHAIRMAN),
      source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 33' },
      noteVi:
        'Cơ sở cai nghiện cho người chưa thành niên (từ 01/7/2026 cả cơ sở công lập đủ điều kiện); loại cơ quan riêng chưa có trong danh mục, dùng cơ sở cai nghiện.',
      noteEn:
        'A facility for minors (from 1 July 2026 also a qualifying public facility); the registry has no separate kind yet, so the rehabilitation facility stands in.',
      confidence: 'UNCONFIRMED',
    },
  ]),
  rule('CRM.COMPLETION', 'Cấp giấy chứng nhận hoàn thành, bàn giao cho gia đình và UBND xã', 'Certify completion and hand over to the family and commune', [
    {
      effectiveFrom: FROM,
      startEvent: event('TERM_COMPLETED', 'Chấp hành xong thời hạn', 'Term completed'),
      budget: { kind: 'WORKING_DAYS', days: 5 },
      responsible: FACILITY_DIRECTOR,
      reminders: [{ unit: 'WORKING_DAYS', amount: 1 }],
      escalations: ladderVia(PROVINCIAL_COORDINATOR),
      source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 33' },
      ...defaults,
    },
  ]),
];
