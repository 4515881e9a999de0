import { criteriaSetBody, exampleCriteriaSets } from '../../procedures/commune-assessment/criteria';
import { assess, outcomeRank, scoreProblems } from '../../procedures/commune-assessment/scoring';

const set = {
  criteria: [
    { code: 'A', vi: 'Tiêu chí A', en: 'Criterion A', maxScore: 10, required: true },
    { code: 'B', vi: 'Tiêu chí B', en: 'Criterion B', maxScore: 20, required: false },
  ],
  levels: [
    { code: 'GOOD' as const, vi: 'Tốt', en: 'Good', minScore: 28 },
    { code: 'RECOGNISED' as const, vi: 'Đạt', en: 'Recognised', minScore: 20 },
  ],
};

describe('commune assessment scoring (procedure J)', () => {
  it('reaches the best level whose minimum the total meets', () => {
    expect(assess(set, [{ criterion: 'A', score: 10 }, { criterion: 'B', score: 18 }])).toEqual({ total: 28, maxTotal: 30, requiredMissed: [], level: 'GOOD' });
    expect(assess(set, [{ criterion: 'A', score: 10 }, { criterion: 'B', score: 17 }]).level).toBe('RECOGNISED');
    expect(assess(set, [{ criterion: 'A', score: 10 }, { criterion: 'B', score: 9 }]).level).toBe('NOT_RECOGNISED');
  });

  it('recognises nothing while a required criterion is short of its maximum, whatever the total', () => {
    expect(assess(set, [{ criterion: 'A', score: 9 }, { criterion: 'B', score: 20 }])).toMatchObject({ total: 29, requiredMissed: ['A'], level: 'NOT_RECOGNISED' });
  });

  it('names every problem of a scoring: unknown, twice, above the maximum, missing', () => {
    const problems = scoreProblems(set, [
      { criterion: 'Z', score: 1 },
      { criterion: 'A', score: 11 },
      { criterion: 'A', score: 5 },
    ]);
    expect(problems.map((problem) => problem.field)).toEqual(['scores.0.criterion', 'scores.1.score', 'scores.2.criterion', 'scores']);
    expect(problems[3]?.messageEn).toBe('Criteria not scored: B');
    expect(scoreProblems(set, [{ criterion: 'A', score: 10 }, { criterion: 'B', score: 0 }])).toEqual([]);
  });

  it('orders outcomes from the best', () => {
    expect(outcomeRank('GOOD')).toBeLessThan(outcomeRank('RECOGNISED'));
    expect(outcomeRank('RECOGNISED')).toBeLessThan(outcomeRank('NOT_RECOGNISED'));
  });

  it('refuses a set whose levels cannot be reached or are out of order, and accepts the examples', () => {
    const unreachable = criteriaSetBody.safeParse({ ...set, source: 'Thử', levels: [{ ...set.levels[1], minScore: 31 }] });
    expect(unreachable.success).toBe(false);
    expect(JSON.stringify(unreachable.error?.issues)).toContain('minScore');
    const inverted = criteriaSetBody.safeParse({ ...set, source: 'Thử nghiệm', levels: [{ ...set.levels[0], minScore: 10 }, set.levels[1]] });
    expect(inverted.success).toBe(false);
    for (const example of Object.values(exampleCriteriaSets)) expect(criteriaSetBody.safeParse(example).success).toBe(true);
  });
});
