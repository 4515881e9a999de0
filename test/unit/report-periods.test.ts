import { parsePeriodKey, periodContaining, periodStartMonths, WINDOW_PRESETS, windowOf } from '../../domain/reporting/report-periods';

describe('reporting periods', () => {
  it('finds the quarter, half-year and year that contain a date', () => {
    expect(periodContaining('QUARTERLY', '2026-11-23')).toEqual({ kind: 'QUARTERLY', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodContaining('QUARTERLY', '2028-02-29')).toMatchObject({ key: '2028-Q1', end: '2028-03-31' });
    expect(periodContaining('HALF_YEAR', '2026-06-30')).toMatchObject({ key: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(periodContaining('ANNUAL', '2026-07-01')).toMatchObject({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('parses a period key only for its own kind', () => {
    expect(parsePeriodKey('QUARTERLY', '2027-Q1')).toMatchObject({ start: '2027-01-01', end: '2027-03-31' });
    expect(parsePeriodKey('HALF_YEAR', '2027-H2')).toMatchObject({ start: '2027-07-01', end: '2027-12-31' });
    expect(parsePeriodKey('QUARTERLY', '2027-H1')).toBeUndefined();
    expect(parsePeriodKey('ANNUAL', '2027-Q1')).toBeUndefined();
    expect(parsePeriodKey('QUARTERLY', '2027')).toBeUndefined();
  });

  it('cuts the local plans’ window the day before the report is due (5th of the last month, 5 December)', () => {
    const q1 = parsePeriodKey('QUARTERLY', '2027-Q1')!;
    expect(windowOf(q1, WINDOW_PRESETS.LOCAL_PLAN(3))).toEqual({ from: '2026-12-05', to: '2027-03-04' });
    const year = parsePeriodKey('ANNUAL', '2026')!;
    expect(windowOf(year, WINDOW_PRESETS.LOCAL_PLAN(12))).toEqual({ from: '2025-12-05', to: '2026-12-04' });
  });

  it('expresses ND 09/2019’s cut-off on the 14th (quarter, six months, year)', () => {
    expect(windowOf(parsePeriodKey('QUARTERLY', '2026-Q2')!, WINDOW_PRESETS.ND_09_2019(3))).toEqual({ from: '2026-03-15', to: '2026-06-14' });
    expect(windowOf(parsePeriodKey('HALF_YEAR', '2026-H1')!, WINDOW_PRESETS.ND_09_2019(6))).toEqual({ from: '2025-12-15', to: '2026-06-14' });
    expect(windowOf(parsePeriodKey('ANNUAL', '2026')!, WINDOW_PRESETS.ND_09_2019(12))).toEqual({ from: '2025-12-15', to: '2026-12-14' });
  });

  it('clamps a day past the month’s end and refuses a window that ends before it starts', () => {
    const q1 = parsePeriodKey('QUARTERLY', '2028-Q1')!;
    expect(windowOf(q1, WINDOW_PRESETS.CALENDAR(3))).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(windowOf(q1, { start: { monthOffset: 1, day: 31 }, end: { monthOffset: 1, day: 31 } })).toEqual({ from: '2028-02-29', to: '2028-02-29' });
    expect(() => windowOf(q1, { start: { monthOffset: 2, day: 1 }, end: { monthOffset: 0, day: 1 } })).toThrow(RangeError);
  });

  it('schedules runs on the first month of each period', () => {
    expect(periodStartMonths('QUARTERLY')).toEqual([1, 4, 7, 10]);
    expect(periodStartMonths('HALF_YEAR')).toEqual([1, 7]);
    expect(periodStartMonths('ANNUAL')).toEqual([1]);
  });
});
