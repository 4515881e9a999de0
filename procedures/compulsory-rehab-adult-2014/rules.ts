import {
  COMMUNE_CHAIRMAN,
  DEFAULT_REMINDERS,
  PROVINCIAL_COORDINATOR,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { LegalSource, RuleVersion, StartEvent, StepRule } from '../../rules/rule-types';
import { EVENTS, compulsoryRehabAdultRules } from '../compulsory-rehab-adult/rules';

/**
 * Compulsory rehabilitation of adults under the 2014–2021 regime (domain/procedures.md §0 and
 * §5.4): the Law on Handling Administrative Violations 2012 (Art. 103–104), ND 221/2013 (in force
 * 15 February 2014) as amended by ND 136/2016, and Pháp lệnh 09/2014 before the court. Its own
 * rules, so that a case begun then and still running keeps the owners and limits of its time.
 *
 * Every limit of this era is UNCONFIRMED in the catalogue (§5.4: "from recollection, unverified,
 * 7 days for the legality check and 3 days for forwarding"): each one is a default a province
 * overrides (rule_overrides) once someone has read the texts.
 */
export const COMPULSORY_REHAB_ADULT_2014 = 'COMPULSORY_REHAB_ADULT_2014';

/** ND 221/2013/NĐ-CP in force ([S19]): the first day a case of this regime can be dated. */
export const REGIME_FROM = '2014-02-15';
/** Law 73/2021 took over on 1 January 2022: grounds found after this day open today's procedure D. */
export const REGIME_TO = '2021-12-31';
const DISTRICT_POLICE_ABOLISHED = '2025-03-01';
const DISTRICTS_ABOLISHED = '2025-07-01';

const LAW_2012: LegalSource = { document: 'Luật Xử lý vi phạm hành chính 2012', article: 'Điều 103' };
const ND_221: LegalSource = { document: 'Nghị định 221/2013/NĐ-CP (sửa đổi bởi Nghị định 136/2016/NĐ-CP)' };
const UNCONFIRMED = {
  confidence: 'UNCONFIRMED' as const,
  noteVi: 'Thời hạn của giai đoạn 2014–2021 chưa được xác minh trong văn bản chính thức; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'The 2014–2021 limit is not verified in an official text; a default the province may override.',
};

const groundsFound: StartEvent = {
  code: 'ND221_GROUNDS_FOUND',
  nameVi: 'Phát hiện người nghiện thuộc trường hợp đưa vào cơ sở cai nghiện bắt buộc (Nghị định 221/2013)',
  nameEn: 'Addict found to fall under compulsory rehabilitation (ND 221/2013)',
};
const dossierLawful: StartEvent = {
  code: 'DOSSIER_FOUND_LAWFUL',
  nameVi: 'Phòng Tư pháp xác nhận tính pháp lý của hồ sơ',
  nameEn: 'Justice division found the dossier lawful',
};

const rule = (key: string, titleVi: string, titleEn: string, versions: RuleVersion[]): StepRule => ({
  key: `CRO.${key}`,
  procedure: COMPULSORY_REHAB_ADULT_2014,
  titleVi,
  titleEn,
  versions,
});

/**
 * The steps after the transfer to the court are today's (acceptance, hearing, window, appeal,
 * admission, term, completion) with this era's start: the first version reaches back to 2014 and
 * names the texts of then; the later versions (the regional courts from July 2025) stay as they are.
 */
function fromTodays(key: string, before2022: LegalSource, change: Partial<RuleVersion> = {}, confirmed = false): StepRule {
  const today = compulsoryRehabAdultRules.find((r) => r.key === `CRA.${key}`);
  if (!today) throw new Error(`no rule CRA.${key}`);
  const [first, ...later] = today.versions as [RuleVersion, ...RuleVersion[]];
  const { noteVi: _vi, noteEn: _en, ...shape } = first;
  return rule(key, today.titleVi, today.titleEn, [
    { ...shape, ...change, effectiveFrom: REGIME_FROM, source: before2022, ...(confirmed ? { confidence: 'CONFIRMED' } : UNCONFIRMED) },
    ...later.map((version) => ({ ...version, ...change })),
  ]);
}

const PL_09: LegalSource = { document: 'Pháp lệnh 09/2014/UBTVQH13; Pháp lệnh 03/2022/UBTVQH15' };

export const compulsoryRehabAdult2014Rules: readonly StepRule[] = [
  rule('D2', 'Lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc (Chủ tịch UBND xã)', 'Compile the dossier (commune chairman)', [
    {
      effectiveFrom: REGIME_FROM,
      startEvent: groundsFound,
      // No limit read for this era: today's five working days as the default.
      budget: { kind: 'WORKING_DAYS', days: 5 },
      // §5.4: the commune chairman compiled the dossier, the commune police advising.
      responsible: COMMUNE_CHAIRMAN,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderToProvince(),
      source: { ...LAW_2012, article: 'Điều 103 khoản 1; Thông tư 05/2018/TT-BCA (nội dung hồ sơ)' },
      ...UNCONFIRMED,
    },
  ]),
  rule('D3', 'Thông báo hồ sơ cho người bị đề nghị và gia đình', 'Notify the person and family of the dossier', [
    {
      effectiveFrom: REGIME_FROM,
      startEvent: EVENTS.dossierCompiled,
      budget: { kind: 'WORKING_DAYS', days: 2 },
      responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia(COMMUNE_CHAIRMAN),
      source: LAW_2012,
      ...UNCONFIRMED,
    },
  ]),
  rule('LEGALITY', 'Phòng Tư pháp cấp huyện kiểm tra tính pháp lý của hồ sơ', 'District justice division checks the dossier’s legality', [
    {
      effectiveFrom: REGIME_FROM,
      effectiveTo: '2025-06-30',
      startEvent: EVENTS.dossierReadByPerson,
      budget: { kind: 'WORKING_DAYS', days: 7 },
      responsible: { agencyKind: 'DISTRICT_JUSTICE_DIVISION', role: 'JUSTICE_OFFICER' },
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderToProvince(),
      source: { ...LAW_2012, article: 'Điều 103 khoản 2' },
      ...UNCONFIRMED,
    },
    {
      // The district justice divisions ended with the districts; a check still open goes to the province.
      effectiveFrom: DISTRICTS_ABOLISHED,
      startEvent: EVENTS.dossierReadByPerson,
      budget: { kind: 'WORKING_DAYS', days: 7 },
      responsible: PROVINCIAL_COORDINATOR,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia({ agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' }),
      source: { document: 'Không có văn bản giao lại nhiệm vụ (chưa xác minh)' },
      ...UNCONFIRMED,
    },
  ]),
  rule('TRANSFER', 'Phòng LĐTBXH cấp huyện chuyển hồ sơ đến Tòa án', 'District labour division sends the dossier to the court', [
    {
      effectiveFrom: REGIME_FROM,
      effectiveTo: '2025-02-28',
      startEvent: dossierLawful,
      budget: { kind: 'WORKING_DAYS', days: 3 },
      responsible: { agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' },
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderToProvince(),
      source: { ...LAW_2012, article: 'Điều 103 khoản 3' },
      ...UNCONFIRMED,
    },
    {
      // As today's D5 from 1 March 2025: rehabilitation moved to the police (TTLT 03/2025).
      effectiveFrom: DISTRICT_POLICE_ABOLISHED,
      startEvent: dossierLawful,
      budget: { kind: 'WORKING_DAYS', days: 3 },
      responsible: PROVINCIAL_COORDINATOR,
      reminders: [...DEFAULT_REMINDERS],
      escalations: ladderVia({ agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' }),
      source: { document: 'Thông tư liên tịch 03/2025/TTLT-BCA-VKSNDTC-TANDTC' },
      ...UNCONFIRMED,
    },
  ]),
  fromTodays('D6', PL_09),
  // The proposing body was the commune People's Committee: its chairman supplies what the court asks.
  fromTodays('D7', PL_09, { responsible: COMMUNE_CHAIRMAN, escalations: ladderToProvince() }),
  fromTodays('D8', PL_09),
  fromTodays('D9', PL_09),
  fromTodays('APPEAL', PL_09),
  fromTodays('D11', ND_221),
  // The term of 12–24 months is read in the law of the time ([S33][S34]).
  fromTodays('D12', { document: 'Luật Xử lý vi phạm hành chính 2012', article: 'Điều 95' }, {}, true),
  fromTodays('D13', ND_221),
  fromTodays('LIMIT', { document: 'Không có văn bản quy định tổng thời hạn (tổng hợp các bước)' }),
];
