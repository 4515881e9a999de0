import {
  COMMUNE_CHAIRMAN,
  COMMUNE_POLICE_HEAD,
  DEFAULT_REMINDERS,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { RuleVersion, StartEvent, StepRule } from '../../rules/rule-types';

/**
 * Procedure G, the education measure at commune level (*giáo dục tại xã, phường, thị trấn*),
 * domain/procedures.md §8: Law on Handling Administrative Violations Art. 89–90, 97–98 and
 * ND 120/2021 from 1 January 2022. Confirmed: the written notice "immediately" after the dossier
 * (a step due the same working day) and the 3–6 months of the measure. The other limits are
 * defaults marked UNCONFIRMED that a province overrides.
 */
export const EDUCATION_AT_COMMUNE = 'EDUCATION_AT_COMMUNE';
export const MEASURE_MONTHS = { min: 3, max: 6 } as const;
/** Drug use found within a year after the measure still opens a determination (Law 73/2021 Art. 27(1)). */
export const FOLLOW_UP_MONTHS = 12;

const event = (code: string, nameVi: string, nameEn: string): StartEvent => ({ code, nameVi, nameEn });
const ND_120 = { document: 'Nghị định 120/2021/NĐ-CP' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Chưa xác minh được thời hạn trong văn bản chính thức; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Time limit not found in an official text; a default the province may override.',
};
const version = (shape: Omit<RuleVersion, 'effectiveFrom' | 'reminders'> & { reminders?: RuleVersion['reminders'] }): RuleVersion[] => [
  { effectiveFrom: '2022-01-01', reminders: [...DEFAULT_REMINDERS], ...shape },
];
const rule = (key: string, titleVi: string, titleEn: string, versions: RuleVersion[]): StepRule => ({
  key,
  procedure: EDUCATION_AT_COMMUNE,
  titleVi,
  titleEn,
  versions,
});
const official = { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' } as const;
const chairman = COMMUNE_CHAIRMAN;

export const educationAtCommuneRules: readonly StepRule[] = [
  rule('EDU.DOSSIER', 'Lập hồ sơ đề nghị áp dụng biện pháp giáo dục tại xã', 'Compile the education-measure dossier', version({
    startEvent: event('VIOLATION_FOUND', 'Phát hiện vi phạm', 'Violation found'),
    budget: { kind: 'WORKING_DAYS', days: 5 },
    responsible: COMMUNE_POLICE_HEAD,
    escalations: ladderVia(chairman),
    source: { ...ND_120, article: 'Điều 19–20' },
    confidence: 'UNCONFIRMED',
    ...UNCONFIRMED_NOTE,
  })),
  rule('EDU.NOTICE', 'Thông báo bằng văn bản cho người bị đề nghị ngay sau khi lập xong hồ sơ', 'Notify the person in writing immediately after the dossier', version({
    startEvent: event('DOSSIER_COMPILED', 'Lập xong hồ sơ', 'Dossier compiled'),
    // "Immediately": due the same working day, unless the province sets hours.
    budget: { kind: 'WORKING_DAYS', days: 0 },
    responsible: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_OFFICER' },
    reminders: [{ unit: 'WORKING_DAYS', amount: 0 }],
    escalations: ladderVia(COMMUNE_POLICE_HEAD),
    source: { ...ND_120, article: 'Điều 21' },
    confidence: 'CONFIRMED',
  })),
  rule('EDU.LEGAL_CHECK', 'Gửi hồ sơ cho Chủ tịch UBND xã; công chức tư pháp kiểm tra tính pháp lý', 'Dossier to the chairman; the justice officer checks its legality', version({
    startEvent: event('PERSON_NOTIFIED', 'Đã thông báo cho người bị đề nghị', 'Person notified'),
    // "Within 01 working day from…": the source is cut off.
    budget: { kind: 'WORKING_DAYS', days: 1 },
    responsible: official,
    escalations: ladderVia(chairman),
    source: { ...ND_120, article: 'Điều 21 (trích dẫn bị cắt)' },
    confidence: 'UNCONFIRMED',
    ...UNCONFIRMED_NOTE,
  })),
  rule('EDU.MEETING', 'Họp tư vấn (công an, tư pháp, Mặt trận, gia đình)', 'Advisory meeting (police, justice officer, Fatherland Front, family)', version({
    startEvent: event('LEGAL_CHECK_DONE', 'Kiểm tra tính pháp lý xong', 'Legal check done'),
    budget: { kind: 'WORKING_DAYS', days: 5 },
    responsible: chairman,
    escalations: ladderToProvince(),
    source: ND_120,
    confidence: 'UNCONFIRMED',
    ...UNCONFIRMED_NOTE,
  })),
  rule('EDU.DECISION', 'Chủ tịch UBND xã quyết định áp dụng, không áp dụng, hoặc giao gia đình quản lý', 'The chairman decides: apply, do not apply, or family management', version({
    startEvent: event('MEETING_HELD', 'Đã họp tư vấn', 'Advisory meeting held'),
    budget: { kind: 'WORKING_DAYS', days: 2 },
    responsible: chairman,
    escalations: ladderToProvince(),
    source: ND_120,
    confidence: 'UNCONFIRMED',
    ...UNCONFIRMED_NOTE,
  })),
  rule('EDU.REVIEW', 'Kiểm điểm, nhận xét quá trình giáo dục', 'Review the person’s progress during the measure', version({
    startEvent: event('REVIEW_PERIOD_STARTED', 'Bắt đầu kỳ kiểm điểm', 'Review period started'),
    budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
    responsible: official,
    escalations: ladderVia(chairman),
    source: ND_120,
    confidence: 'UNCONFIRMED',
    noteVi: 'Tần suất kiểm điểm chưa xác minh; mặc định hằng tháng, tỉnh có thể điều chỉnh.',
    noteEn: 'How often reviews happen is not confirmed; monthly by default, the province may change it.',
  })),
  rule('EDU.CERTIFICATE', 'Cấp giấy chứng nhận chấp hành xong biện pháp giáo dục tại xã', 'Certify that the measure was served', version({
    startEvent: event('MEASURE_ENDED', 'Hết thời hạn áp dụng biện pháp', 'Measure ended'),
    budget: { kind: 'WORKING_DAYS', days: 5 },
    responsible: chairman,
    escalations: ladderToProvince(),
    source: ND_120,
    confidence: 'UNCONFIRMED',
    ...UNCONFIRMED_NOTE,
  })),
];
