/**
 * Scoring a commune against its criteria set (procedure J, domain/procedures.md §12): plain
 * functions the workflow runs on the set it snapshotted, and the API and tests call too.
 */

export const Programme = ['HEALTHY_COMMUNE', 'DRUG_FREE_COMMUNE'] as const;
export type Programme = (typeof Programme)[number];

export const programmeTitles: Record<Programme, { vi: string; en: string; basis: string }> = {
  HEALTHY_COMMUNE: {
    vi: 'Xã, phường lành mạnh không có tệ nạn ma túy, mại dâm',
    en: 'Healthy commune free of drug and prostitution evils',
    basis: 'NQLT 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTƯMTTQVN',
  },
  DRUG_FREE_COMMUNE: {
    vi: 'Xã, phường không ma túy',
    en: 'Drug-free commune',
    basis: 'QĐ 28/2025/QĐ-TTg',
  },
};

/** The recognitions a decision can give, best first; a set names the ones its programme has. */
export const RecognisedLevel = ['GOOD', 'RECOGNISED'] as const;
export type RecognisedLevel = (typeof RecognisedLevel)[number];
export const Outcome = [...RecognisedLevel, 'NOT_RECOGNISED'] as const;
export type Outcome = (typeof Outcome)[number];

export interface Criterion {
  code: string;
  vi: string;
  en: string;
  maxScore: number;
  /** Met in full (its maximum) or no recognition at all, whatever the total. */
  required: boolean;
}

export interface Level {
  code: RecognisedLevel;
  vi: string;
  en: string;
  /** The total score from which the level is reached (with every required criterion met). */
  minScore: number;
}

/** A set as an assessment snapshots it when it opens (later versions never move it). */
export interface CriteriaSet {
  id: string;
  programme: Programme;
  year: number;
  version: number;
  criteria: Criterion[];
  levels: Level[];
  source: string;
  note?: string;
  /** The project's illustration, not the law: shown as such on every screen and export. */
  example: boolean;
  provinceId: string | null;
}

export interface Score {
  criterion: string;
  score: number;
}

export interface ScoreProblem {
  field: string;
  message: string;
  messageEn: string;
}

/** What is wrong with a scoring against a set: every criterion scored once, within its maximum. */
export function scoreProblems(set: Pick<CriteriaSet, 'criteria'>, scores: readonly Score[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const byCode = new Map(set.criteria.map((criterion) => [criterion.code, criterion]));
  const seen = new Set<string>();
  scores.forEach((entry, index) => {
    const criterion = byCode.get(entry.criterion);
    const field = `scores.${index}`;
    if (!criterion) {
      problems.push({ field: `${field}.criterion`, message: `Không có tiêu chí ${entry.criterion} trong bộ tiêu chí`, messageEn: `No criterion ${entry.criterion} in the set` });
      return;
    }
    if (seen.has(entry.criterion))
      problems.push({ field: `${field}.criterion`, message: `Tiêu chí ${entry.criterion} được chấm hai lần`, messageEn: `Criterion ${entry.criterion} is scored twice` });
    seen.add(entry.criterion);
    if (entry.score > criterion.maxScore)
      problems.push({
        field: `${field}.score`,
        message: `Tiêu chí ${entry.criterion} tối đa ${criterion.maxScore} điểm`,
        messageEn: `Criterion ${entry.criterion} scores at most ${criterion.maxScore}`,
      });
  });
  const missing = set.criteria.filter((criterion) => !seen.has(criterion.code)).map((criterion) => criterion.code);
  if (missing.length > 0)
    problems.push({ field: 'scores', message: `Chưa chấm tiêu chí: ${missing.join(', ')}`, messageEn: `Criteria not scored: ${missing.join(', ')}` });
  return problems;
}

export interface Assessment {
  total: number;
  maxTotal: number;
  /** Required criteria not met in full: no recognition whatever the total. */
  requiredMissed: string[];
  level: Outcome;
}

/** The level a scoring reaches: the best level whose minimum it meets, with every required criterion met. */
export function assess(set: Pick<CriteriaSet, 'criteria' | 'levels'>, scores: readonly Score[]): Assessment {
  const byCode = new Map(scores.map((entry) => [entry.criterion, entry.score]));
  const total = set.criteria.reduce((sum, criterion) => sum + (byCode.get(criterion.code) ?? 0), 0);
  const maxTotal = set.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0);
  const requiredMissed = set.criteria
    .filter((criterion) => criterion.required && (byCode.get(criterion.code) ?? 0) < criterion.maxScore)
    .map((criterion) => criterion.code);
  const reached = RecognisedLevel.find((code) => {
    const level = set.levels.find((candidate) => candidate.code === code);
    return level !== undefined && requiredMissed.length === 0 && total >= level.minScore;
  });
  return { total, maxTotal, requiredMissed, level: reached ?? 'NOT_RECOGNISED' };
}

/** Outcomes ordered from best: a decision may not recognise more than the council's scoring reaches. */
export const outcomeRank = (outcome: Outcome): number => Outcome.indexOf(outcome);
