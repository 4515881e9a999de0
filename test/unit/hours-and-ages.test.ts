import { WorkingCalendar, DEFAULT_COVERED_YEARS } from '../../domain/calendar';
import { computeDeadline } from '../../domain/deadlines/deadline-computation';
import { ageOn } from '../../domain/time/age';
import { ruleBook } from '../../rules/rule-book';

const calendar = new WorkingCalendar({ overrides: [], coveredYears: DEFAULT_COVERED_YEARS });

describe('the 24-hour rules of 1 July 2026', () => {
  it('has no 24-hour limit for a move before 1 July 2026 (a default of working days instead)', () => {
    expect(ruleBook.effectiveRule('DUM.MOVE_NOTICE', '2026-06-30').budget).toEqual({ kind: 'WORKING_DAYS', days: 3 });
    expect(ruleBook.effectiveRule('DUM.MOVE_NOTICE', '2026-07-01').budget).toEqual({ kind: 'HOURS', hours: 24 });
  });

  it('counts 24 hours from the moment the step opens on the day of the move, weekends included', () => {
    const rule = ruleBook.effectiveRule('DUM.MOVE_NOTICE', '2026-11-27');
    // Friday 27/11/2026 at 15:30 in Vietnam.
    const result = computeDeadline({ rule, startDate: '2026-11-27', openedAt: '2026-11-27T08:30:00.000Z' }, calendar);
    expect(result.dueAt).toBe('2026-11-28T08:30:00.000Z');
    expect(result.dueDate).toBe('2026-11-28');
    expect(result.explanation.summaryEn).toContain('24 hours');
  });

  it('counts from the end of the day when the move is recorded after the fact', () => {
    const rule = ruleBook.effectiveRule('DUM.ARRIVAL', '2026-11-20');
    const result = computeDeadline({ rule, startDate: '2026-11-20', openedAt: '2026-11-27T08:30:00.000Z' }, calendar);
    // The end of 20/11 in Vietnam is 17:00 UTC; 24 hours later.
    expect(result.dueAt).toBe('2026-11-21T17:00:00.000Z');
    expect(result.dueDate).toBe('2026-11-22');
  });
});

describe('age on a legal date', () => {
  it.each([
    ['2008-11-30', '2026-11-30', 18],
    ['2008-12-01', '2026-11-30', 17],
    ['2010-02-28', '2026-02-27', 15],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s: %i', (birthDate, onDate, expected) => {
    expect(ageOn(birthDate, onDate)).toBe(expected);
  });
});
