import { hungKingsDay, statutoryNonWorkingDays, tetDay } from '../../domain/calendar';

/**
 * Statutory holidays checked against dates published in Vietnam (lunar calendars, and the
 * holiday notices of the years already past), not against values read back from the code.
 */

const DAY_MS = 86_400_000;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const ofKind = (year: number, kind: 'HOLIDAY' | 'SUBSTITUTE_DAY') =>
  statutoryNonWorkingDays(year)
    .filter((d) => d.kind === kind)
    .map((d) => d.date);

describe('lunar dates in the Vietnamese calendar', () => {
  // Mùng 1 Tết as printed in Vietnamese calendars.
  it.each([
    [2014, '2014-01-31'],
    [2015, '2015-02-19'],
    [2016, '2016-02-08'],
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-02'], // the Chinese calendar (UTC+8) says 3 February
    [2031, '2031-01-23'],
    [2032, '2032-02-11'],
    [2033, '2033-01-31'],
    [2034, '2034-02-19'],
    [2035, '2035-02-08'],
  ])('Tết %i is on %s', (year, date) => {
    expect(tetDay(year)).toBe(date);
  });

  it.each([
    [2019, '2019-04-14'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'], // after a leap second month
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ Hùng Vương %i is on %s', (year, date) => {
    expect(hungKingsDay(year)).toBe(date);
  });
});

describe('statutory non-working days', () => {
  it('makes Tết five days: the last day of the old lunar year and mùng 1 to mùng 4', () => {
    for (let year = 2014; year <= 2035; year += 1) {
      const tet = tetDay(year);
      const tetDays = statutoryNonWorkingDays(year)
        .filter((d) => d.kind === 'HOLIDAY' && d.nameVi.startsWith('Tết Nguyên đán'))
        .map((d) => d.date);
      expect(tetDays).toEqual([-1, 0, 1, 2, 3].map((offset) => shift(tet, offset)));
    }
  });

  it('names the last day of the lunar year as the 29th or the 30th of tháng Chạp', () => {
    const eve = (year: number) =>
      statutoryNonWorkingDays(year).find((d) => d.date === shift(tetDay(year), -1));
    expect(eve(2024)?.nameVi).toContain('30 tháng Chạp'); // 9 February 2024
    expect(eve(2025)?.nameVi).toContain('29 tháng Chạp'); // 28 January 2025: no 30th that year
    expect(eve(2022)?.nameVi).toContain('29 tháng Chạp'); // 31 January 2022
  });

  it('has ten holidays a year under the 2012 Labour Code and eleven under the 2019 one', () => {
    for (let year = 2014; year <= 2020; year += 1) expect(ofKind(year, 'HOLIDAY')).toHaveLength(10);
    for (let year = 2021; year <= 2035; year += 1) expect(ofKind(year, 'HOLIDAY')).toHaveLength(11);
  });

  it('cites the Labour Code in force', () => {
    const sources = (year: number) => new Set(statutoryNonWorkingDays(year).map((d) => d.source));
    expect([...sources(2020)].every((s) => s.startsWith('Bộ luật Lao động 2012'))).toBe(true);
    expect(statutoryNonWorkingDays(2026).find((d) => d.kind === 'HOLIDAY')?.source).toBe(
      'Bộ luật Lao động 2019, Điều 112',
    );
    expect(statutoryNonWorkingDays(2026).find((d) => d.kind === 'SUBSTITUTE_DAY')?.source).toMatch(
      /^Bộ luật Lao động 2019, Điều 111/,
    );
  });

  it('puts the day beside National Day where the announcements of 2021–2025 put it', () => {
    const september = (year: number) => ofKind(year, 'HOLIDAY').filter((d) => d.startsWith(`${year}-09`));
    expect(september(2019)).toEqual(['2019-09-02']); // before the 2019 Labour Code
    expect(september(2020)).toEqual(['2020-09-02']);
    expect(september(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thursday
    expect(september(2022)).toEqual(['2022-09-01', '2022-09-02']); // Friday
    expect(september(2023)).toEqual(['2023-09-01', '2023-09-02']); // Saturday
    expect(september(2024)).toEqual(['2024-09-02', '2024-09-03']); // Monday
    expect(september(2025)).toEqual(['2025-09-01', '2025-09-02']); // Tuesday
  });

  it('gives the substitute days announced in past years', () => {
    expect(ofKind(2016, 'SUBSTITUTE_DAY')).toContain('2016-04-18'); // Giỗ Tổ on Saturday 16 April
    expect(ofKind(2017, 'SUBSTITUTE_DAY')).toContain('2017-01-02'); // 1 January on a Sunday
    expect(ofKind(2018, 'SUBSTITUTE_DAY')).toContain('2018-09-03'); // 2 September on a Sunday
    expect(ofKind(2019, 'SUBSTITUTE_DAY')).toContain('2019-04-15'); // Giỗ Tổ on Sunday 14 April
    expect(ofKind(2022, 'SUBSTITUTE_DAY')).toEqual(expect.arrayContaining(['2022-01-03', '2022-04-11']));
    // 2023: Giỗ Tổ on Saturday 29 April and 30 April on Sunday, then 1 May: off until Wednesday 3 May;
    // 2 September on a Saturday: Monday 4 September.
    const in2023 = statutoryNonWorkingDays(2023).filter((d) => d.kind === 'SUBSTITUTE_DAY');
    expect(in2023.map((d) => d.date)).toEqual(
      expect.arrayContaining(['2023-05-02', '2023-05-03', '2023-09-04']),
    );
    expect(in2023.find((d) => d.date === '2023-05-02')?.nameVi).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(in2023.find((d) => d.date === '2023-05-03')?.nameEn).toBe('Substitute day for Reunification Day');
  });

  it('gives each weekend holiday exactly one substitute weekday that is not itself a holiday', () => {
    for (let year = 2014; year <= 2035; year += 1) {
      const holidays = ofKind(year, 'HOLIDAY');
      const substitutes = ofKind(year, 'SUBSTITUTE_DAY');
      const onWeekends = holidays.filter((d) => weekday(d) === 0 || weekday(d) === 6);
      expect(substitutes).toHaveLength(onWeekends.length);
      expect(new Set(substitutes).size).toBe(substitutes.length);
      for (const substitute of substitutes) {
        expect([0, 6]).not.toContain(weekday(substitute));
        expect(holidays).not.toContain(substitute);
      }
      // In order, each substitute comes after its holiday.
      onWeekends.forEach((holiday, i) => expect((substitutes[i] ?? '') > holiday).toBe(true));
    }
  });

  it('refuses years before the 2012 Labour Code applied for a whole year', () => {
    expect(() => statutoryNonWorkingDays(2013)).toThrow(RangeError);
  });

  it('computes a year once', () => {
    expect(statutoryNonWorkingDays(2031)).toBe(statutoryNonWorkingDays(2031));
  });
});
