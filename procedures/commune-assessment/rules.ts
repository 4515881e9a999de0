import { COMMUNE_CHAIRMAN, DEFAULT_REMINDERS, PROVINCIAL_COORDINATOR, ladderToProvince } from '../../rules/escalation-ladders';
import type { Responsible, RuleVersion, StepRule } from '../../rules/rule-types';

/**
 * Procedure J's deadlines (domain/procedures.md §12). No text read sets the assessment's cycle,
 * its time limits or the body that scores and decides: every value here is an UNCONFIRMED default
 * that a province overrides (GET /rules, the rules screen), as it does its criteria.
 */
export const COMMUNE_ASSESSMENT = 'COMMUNE_ASSESSMENT';

/** The province's council: the steering committee's standing office by default. */
const COUNCIL: Responsible = { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' };
const SOURCE = { document: 'NQLT 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN; QĐ 28/2025/QĐ-TTg' };
const UNCONFIRMED = {
  confidence: 'UNCONFIRMED',
  noteVi: 'Chưa xác minh (chu kỳ, thời hạn và cơ quan chấm điểm, quyết định); giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Unconfirmed (the cycle, the limits and who scores and decides); a default the province may override.',
} as const;

const version = (version: Omit<RuleVersion, 'effectiveFrom' | 'source' | 'confidence' | 'reminders'>): RuleVersion => ({
  effectiveFrom: '2008-08-28',
  reminders: [...DEFAULT_REMINDERS],
  source: SOURCE,
  ...UNCONFIRMED,
  ...version,
});

const rule = (key: string, titleVi: string, titleEn: string, only: RuleVersion): StepRule => ({
  key,
  procedure: COMMUNE_ASSESSMENT,
  titleVi,
  titleEn,
  versions: [only],
});

export const communeAssessmentRules: readonly StepRule[] = [
  rule(
    'ASM.SELF',
    'Xã tự đánh giá theo bộ tiêu chí, kèm minh chứng',
    'The commune assesses itself against the criteria, with evidence',
    version({
      startEvent: { code: 'ASSESSMENT_OPENED', nameVi: 'Mở đợt đánh giá', nameEn: 'Assessment opened' },
      budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
      responsible: COMMUNE_CHAIRMAN,
      escalations: ladderToProvince(),
    }),
  ),
  rule(
    'ASM.REVIEW',
    'Hội đồng thẩm định, chấm điểm',
    'The council reviews and scores',
    version({
      startEvent: { code: 'SELF_ASSESSMENT_SUBMITTED', nameVi: 'Xã nộp bản tự đánh giá', nameEn: 'Self-assessment submitted' },
      budget: { kind: 'WORKING_DAYS', days: 15 },
      responsible: COUNCIL,
      escalations: [{ after: { unit: 'WORKING_DAYS', amount: 3 }, to: PROVINCIAL_COORDINATOR }],
    }),
  ),
  rule(
    'ASM.DECISION',
    'Quyết định công nhận (hoặc không công nhận)',
    'Decide on recognition',
    version({
      startEvent: { code: 'COUNCIL_SCORED', nameVi: 'Hội đồng chấm điểm xong', nameEn: 'Council scored' },
      budget: { kind: 'WORKING_DAYS', days: 10 },
      responsible: COUNCIL,
      escalations: [{ after: { unit: 'WORKING_DAYS', amount: 3 }, to: PROVINCIAL_COORDINATOR }],
    }),
  ),
];
