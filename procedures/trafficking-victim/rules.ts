import { COMMUNE_CHAIRMAN, COMMUNE_POLICE_HEAD, DEFAULT_REMINDERS, ladderToProvince, ladderVia } from '../../rules/escalation-ladders';
import type { Responsible, RuleVersion, StartEvent, StepRule } from '../../rules/rule-types';

/**
 * Procedure H, reception, verification and support of trafficking victims (domain/procedures.md
 * §10): Law 53/2024 and ND 162/2025 from 1 July 2025, TTLT 01/2014 before. "Immediately" is a
 * step due the same working day (a province may set hours); the initial verification takes at
 * most 3 calendar days. Who does the old district-level tasks after 2025 is UNCONFIRMED: the
 * commune police by default, configurable per province.
 */
export const TRAFFICKING_VICTIM = 'TRAFFICKING_VICTIM';

export const SupportMeasure = [
  'ESSENTIAL_NEEDS',
  'TRAVEL_HOME',
  'HEALTH_CARE',
  'HEALTH_INSURANCE',
  'PSYCHOLOGICAL',
  'LEGAL_AID',
  'EDUCATION_VOCATIONAL',
  'HARDSHIP_ALLOWANCE',
] as const;
export type SupportMeasure = (typeof SupportMeasure)[number];
export const supportRuleOf = (measure: SupportMeasure) => `TRF.SUPPORT_${measure}`;

const event = (code: string, nameVi: string, nameEn: string): StartEvent => ({ code, nameVi, nameEn });
const LAW_53 = { document: 'Luật Phòng, chống mua bán người 53/2024/QH15', article: 'Điều 27' };
const TTLT_01 = { document: 'Thông tư liên tịch 01/2014/TTLT-BCA-BQP-BLĐTBXH-BNG' };
const NEW_LAW = '2025-07-01';
const UNCONFIRMED_NOTE = {
  noteVi: 'Chưa xác minh (cơ quan thay cho cấp huyện sau 2025, hoặc thời hạn); giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Unconfirmed (the agency replacing the district level after 2025, or the limit); a default the province may override.',
};
const rule = (key: string, titleVi: string, titleEn: string, versions: RuleVersion[]): StepRule => ({
  key,
  procedure: TRAFFICKING_VICTIM,
  titleVi,
  titleEn,
  versions,
});
/** "Immediately" (*ngay*): a step due the same working day, reminded that morning. */
const immediateStep = (startEvent: StartEvent, responsible: Responsible, head: Responsible): RuleVersion => ({
  effectiveFrom: '2022-01-01',
  startEvent,
  budget: { kind: 'WORKING_DAYS', days: 0 },
  responsible,
  reminders: [{ unit: 'WORKING_DAYS', amount: 0 }],
  escalations: ladderVia(head),
  source: LAW_53,
  confidence: 'CONFIRMED',
});
/** The initial verification: 3 calendar days as written, whoever does it. */
const verification: Pick<RuleVersion, 'effectiveFrom' | 'startEvent' | 'budget' | 'reminders' | 'escalations'> = {
  effectiveFrom: '2022-01-01',
  startEvent: event('NOTIFIED', 'Nhận thông báo', 'Notified'),
  budget: { kind: 'CALENDAR_DAYS', days: 3, rollForwardToWorkingDay: false },
  reminders: [...DEFAULT_REMINDERS],
  escalations: ladderToProvince(),
};

const MEASURE_TITLES: Record<SupportMeasure, [string, string]> = {
  ESSENTIAL_NEEDS: ['Hỗ trợ nhu cầu thiết yếu', 'Essential needs'],
  TRAVEL_HOME: ['Hỗ trợ chi phí đi lại về nơi cư trú', 'Travel home'],
  HEALTH_CARE: ['Khám, chữa bệnh', 'Health check and treatment'],
  HEALTH_INSURANCE: ['Bảo hiểm y tế năm đầu', 'First-year health insurance'],
  PSYCHOLOGICAL: ['Hỗ trợ tâm lý', 'Psychological support'],
  LEGAL_AID: ['Tư vấn pháp luật, trợ giúp pháp lý', 'Legal counselling and legal aid'],
  EDUCATION_VOCATIONAL: ['Hỗ trợ học văn hóa, học nghề', 'Schooling and vocational support'],
  HARDSHIP_ALLOWANCE: ['Trợ cấp khó khăn ban đầu', 'Initial hardship allowance'],
};

export const traffickingVictimRules: readonly StepRule[] = [
  rule('TRF.BRING', 'Đưa ngay người đến UBND cấp xã', 'Bring the person to the commune People’s Committee immediately', [
    immediateStep(
      event('PERSON_RECEIVED', 'Tiếp nhận người tự khai báo là nạn nhân', 'Person received'),
      { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_OFFICER' },
      COMMUNE_POLICE_HEAD,
    ),
  ]),
  rule('TRF.NOTICE', 'UBND cấp xã thông báo ngay cho cơ quan có trách nhiệm', 'The commune notifies the responsible agency immediately', [
    immediateStep(
      event('PERSON_AT_COMMUNE', 'Người được đưa đến UBND cấp xã', 'Person at the commune'),
      { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
      COMMUNE_CHAIRMAN,
    ),
  ]),
  rule('TRF.CHILD_PROTECTION', 'Bảo vệ trẻ em: báo người đại diện, bố trí chăm sóc', 'Child protection: inform the representative, arrange care', [
    {
      ...immediateStep(
        event('CHILD_RECEIVED', 'Tiếp nhận trẻ em (dưới 16 tuổi)', 'A child (under 16) received'),
        { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        COMMUNE_CHAIRMAN,
      ),
      source: { document: 'Luật Trẻ em 2016; Luật Phòng, chống mua bán người 53/2024/QH15', article: 'Điều 51 (Luật Trẻ em); Điều 27' },
      confidence: 'UNCONFIRMED',
      noteVi: 'Thời hạn "ngay" và người thực hiện (công chức phụ trách bảo vệ trẻ em cấp xã) chưa được xác minh; tỉnh có thể điều chỉnh.',
      noteEn: 'The "immediately" limit and who acts (the commune’s child-protection official) are unconfirmed; the province may override.',
    },
  ]),
  rule('TRF.VERIFICATION', 'Xác minh ban đầu (không quá 03 ngày)', 'Initial verification (3 days at most)', [
    {
      ...verification,
      effectiveTo: '2025-06-30',
      responsible: { agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' },
      source: TTLT_01,
      confidence: 'CONFIRMED',
    },
    { ...verification, effectiveFrom: NEW_LAW, responsible: COMMUNE_POLICE_HEAD, source: LAW_53, confidence: 'UNCONFIRMED', ...UNCONFIRMED_NOTE },
  ]),
  rule('TRF.FURTHER_VERIFICATION', 'Xác minh thêm khi chưa có giấy tờ xác nhận', 'Further verification when documents are missing', [
    {
      effectiveFrom: '2022-01-01',
      startEvent: event('VERIFICATION_INCONCLUSIVE', 'Chưa đủ căn cứ xác định', 'Not yet identified'),
      budget: { kind: 'CALENDAR_DAYS', days: 15, rollForwardToWorkingDay: true },
      responsible: COMMUNE_POLICE_HEAD,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderToProvince(),
      source: LAW_53,
      confidence: 'UNCONFIRMED',
      ...UNCONFIRMED_NOTE,
    },
  ]),
  ...SupportMeasure.map((measure) =>
    rule(supportRuleOf(measure), MEASURE_TITLES[measure][0], MEASURE_TITLES[measure][1], [
      {
        effectiveFrom: '2022-01-01',
        startEvent: event('SUPPORT_AGREED', 'Nạn nhân đồng ý nhận hỗ trợ', 'Victim agreed to support'),
        budget: { kind: 'WORKING_DAYS', days: 10 },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { document: 'Nghị định 162/2025/NĐ-CP', article: 'Điều 24' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ]),
  ),
];
