import { WorkingCalendar, DEFAULT_COVERED_YEARS } from '../../domain/calendar';
import {
  adjustDeadline,
  computeDeadline,
  endOfMonthsTerm,
  planFirePoints,
} from '../../domain/deadlines/deadline-computation';
import type { Recipient } from '../../domain/deadlines/deadline-types';
import { ruleBook } from '../../rules/rule-book';
import type { EffectiveRule } from '../../rules/rule-types';

const calendar = new WorkingCalendar({ overrides: [], coveredYears: DEFAULT_COVERED_YEARS });
const owner: Recipient = {
  agencyId: 'X-CA',
  agencyNameVi: 'CA',
  agencyNameEn: 'Police',
  role: 'COMMUNE_POLICE_HEAD',
};
const rungs: Recipient[] = ['R1', 'R2', 'R3'].map((id) => ({ ...owner, agencyId: id }));
const openedAt = '2026-02-13T03:00:00.000Z';

const withBudget = (rule: EffectiveRule, budget: EffectiveRule['budget']): EffectiveRule => ({
  ...rule,
  budget,
});

describe('due dates', () => {
  it('counts 5 working days for the dossier across the 2026 Tết break, and explains it', () => {
    const rule = ruleBook.effectiveRule('CRA.D2', '2026-02-13');
    const result = computeDeadline({ rule, startDate: '2026-02-13', openedAt }, calendar);
    expect(result.dueDate).toBe('2026-02-27');
    expect(result.dueAt).toBe('2026-02-27T17:00:00.000Z'); // midnight at the end of the day in Vietnam
    expect(result.explanation.skipped.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    expect(result.explanation.summaryVi).toMatch(
      /^Hạn 27\/02\/2026: 5 ngày làm việc kể từ ngày 13\/02\/2026/,
    );
    expect(result.explanation.summaryVi).toMatch(/Nghị định 116\/2021\/NĐ-CP/);
    expect(result.explanation.summaryVi).toMatch(/5 ngày nghỉ lễ/);
  });

  it('rolls a calendar-day limit that ends on a non-working day to the next working day', () => {
    const rule = ruleBook.effectiveRule('CRA.D8', '2026-04-11');
    // 15 days from Saturday 11/04/2026 is Sunday 26/04 (Giỗ Tổ); Monday 27/04 is its substitute day.
    const result = computeDeadline({ rule, startDate: '2026-04-11', openedAt }, calendar);
    expect(result.explanation.rolledForwardFrom).toBe('2026-04-26');
    expect(result.dueDate).toBe('2026-04-28');
  });

  it('rolls a report due on a Saturday to Monday only when the rule says so', () => {
    const rule = ruleBook.effectiveRule('REPORT.ANNUAL', '2026-01-01');
    // 5/12/2026 is a Saturday: the local plans' rule keeps it (next test); a province may roll it to Monday 7/12.
    const rolled = computeDeadline(
      {
        rule: withBudget(rule, { kind: 'DAY_OF_LAST_MONTH', periodMonths: 12, day: 5, rollForwardToWorkingDay: true }),
        startDate: '2026-01-01',
        openedAt,
      },
      calendar,
    );
    expect(rolled.dueDate).toBe('2026-12-07');
    expect(rolled.explanation.rolledForwardFrom).toBe('2026-12-05');
  });

  it('ends a term of months on the day before the same date', () => {
    expect(endOfMonthsTerm('2026-01-10', 12)).toBe('2027-01-09');
    expect(endOfMonthsTerm('2026-08-31', 18)).toBe('2028-02-28');
    const rule = { ...ruleBook.effectiveRule('CRA.D12', '2026-03-01') };
    expect(
      computeDeadline(
        { rule: withBudget(rule, { kind: 'MONTHS', months: 18 }), startDate: '2026-03-01', openedAt },
        calendar,
      ).dueDate,
    ).toBe('2027-08-31');
  });

  it('puts a quarterly report on the 5th of the quarter’s last month, and the annual one on 5 December', () => {
    expect(
      computeDeadline(
        { rule: ruleBook.effectiveRule('REPORT.QUARTERLY', '2026-04-01'), startDate: '2026-04-01', openedAt },
        calendar,
      ).dueDate,
    ).toBe('2026-06-05');
    expect(
      computeDeadline(
        { rule: ruleBook.effectiveRule('REPORT.ANNUAL', '2026-01-01'), startDate: '2026-01-01', openedAt },
        calendar,
      ).dueDate,
    ).toBe('2026-12-05');
  });

  it('refuses to compute past the calendar’s years', () => {
    const rule = ruleBook.effectiveRule('CRA.D2', '2035-12-28');
    expect(() => computeDeadline({ rule, startDate: '2035-12-28', openedAt }, calendar)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.OUT_OF_RANGE' }),
    );
  });
});

describe('adjustments', () => {
  const rule = ruleBook.effectiveRule('CRA.D2', '2027-03-01');
  const opened = computeDeadline({ rule, startDate: '2027-03-01', openedAt }, calendar);

  it('moves the due date by the working days the clock stood still', () => {
    const suspension = {
      kind: 'SUSPENSION' as const,
      fromAt: '2027-03-02T02:00:00Z',
      fromDate: '2027-03-02',
      toAt: '2027-03-05T02:00:00Z',
      toDate: '2027-03-05',
      reason: 'bổ sung hồ sơ',
    };
    const moved = adjustDeadline(rule, opened.explanation, suspension, calendar);
    expect(opened.dueDate).toBe('2027-03-08');
    expect(moved.dueDate).toBe('2027-03-11');
    expect(moved.explanation.adjustments[0]?.shift).toEqual({ amount: 3, unit: 'WORKING_DAYS' });
    expect(moved.explanation.baseDueDate).toBe('2027-03-08');
  });

  it('moves an elapsed budget by the seconds suspended', () => {
    const elapsed = withBudget(rule, { kind: 'ELAPSED', seconds: 60 });
    const start = computeDeadline(
      { rule: elapsed, startDate: '2027-03-01', openedAt: '2027-03-01T02:00:00.000Z' },
      calendar,
    );
    const moved = adjustDeadline(
      elapsed,
      start.explanation,
      {
        kind: 'SUSPENSION',
        fromAt: '2027-03-01T02:00:10.000Z',
        fromDate: '2027-03-01',
        toAt: '2027-03-01T02:00:40.000Z',
        toDate: '2027-03-01',
        reason: 'x',
      },
      calendar,
    );
    expect(moved.dueAt).toBe('2027-03-01T02:01:30.000Z');
  });
});

describe('fire points', () => {
  it('reminds two working days before and on the morning of the due day, then climbs the ladder', () => {
    const rule = ruleBook.effectiveRule('CRA.D2', '2027-03-01');
    const due = computeDeadline({ rule, startDate: '2027-03-01', openedAt }, calendar);
    const points = planFirePoints({ stepId: 'S', rule, due, owner, rungRecipients: rungs }, calendar);
    expect(points.map((p) => [p.kind, p.rung, p.at, p.recipient.agencyId])).toEqual([
      ['REMINDER', 0, '2027-03-04T01:00:00.000Z', 'X-CA'],
      ['REMINDER', 1, '2027-03-08T01:00:00.000Z', 'X-CA'],
      ['ESCALATION', 1, '2027-03-09T01:00:00.000Z', 'R1'],
      ['ESCALATION', 2, '2027-03-11T01:00:00.000Z', 'R2'],
      ['ESCALATION', 3, '2027-03-15T01:00:00.000Z', 'R3'],
    ]);
    // Keys: a reminder belongs to one due date, a rung to the step.
    expect(points[0]?.key).toBe('S:reminder:0:2027-03-08T17:00:00.000Z');
    expect(points[2]?.key).toBe('S:escalation:1');
  });
});
