import {
  CalendarRangeError,
  InvalidDateError,
  tetDay,
  WorkingCalendar,
  type CalendarOverride,
} from '../../domain/calendar';

const plain = new WorkingCalendar({ overrides: [] });
const kindOn = (calendar: WorkingCalendar, date: string) =>
  calendar.nonWorkingDays(Number(date.slice(0, 4))).find((d) => d.date === date)?.kind;

describe('Vietnamese holidays', () => {
  it.each([
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2030, '2030-02-02'], // the Vietnamese calendar (UTC+7); the Chinese one says 3 February
  ])('puts Tết %i on %s', (year, date) => {
    expect(tetDay(year)).toBe(date);
    expect(kindOn(plain, date)).toBe('HOLIDAY');
  });

  it('gives the 2026 Tết break from Monday 16 to Friday 20 February', () => {
    const tet = plain
      .nonWorkingDays(2026)
      .filter((d) => d.nameEn.startsWith('Lunar New Year'))
      .map((d) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(plain.isWorkingDay('2026-02-13')).toBe(true);
    expect(plain.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('observes Giỗ Tổ 2026 (Sunday 26 April) on Monday 27 April', () => {
    expect(plain.describeDay('2026-04-26').nonWorking).toMatchObject({
      kind: 'HOLIDAY',
      nameVi: 'Giỗ Tổ Hùng Vương',
    });
    expect(plain.describeDay('2026-04-27').nonWorking).toMatchObject({ kind: 'SUBSTITUTE_DAY' });
    expect(plain.isWorkingDay('2026-04-28')).toBe(true);
  });

  it('gives substitute days after a weekend Tết, past the holidays already taken', () => {
    // Tết 2027 is a Saturday: the break runs Friday 5 – Tuesday 9 February, then Wednesday and Thursday in lieu.
    expect(kindOn(plain, '2027-02-10')).toBe('SUBSTITUTE_DAY');
    expect(kindOn(plain, '2027-02-11')).toBe('SUBSTITUTE_DAY');
    expect(plain.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('adds a day beside National Day from 2021 only', () => {
    expect(kindOn(plain, '2025-09-01')).toBe('HOLIDAY'); // 2 September 2025 is a Tuesday
    expect(kindOn(plain, '2024-09-03')).toBe('HOLIDAY'); // a Monday: the 3rd joins it
    expect(
      plain
        .nonWorkingDays(2019)
        .filter((d) => d.date.startsWith('2019-09'))
        .map((d) => d.date),
    ).toEqual(['2019-09-02']);
  });

  it('lists the fixed holidays of a year with their legal source', () => {
    const days = plain.nonWorkingDays(2026);
    for (const date of ['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-02'])
      expect(days.find((d) => d.date === date)?.kind).toBe('HOLIDAY');
    expect(days.every((d) => d.source.startsWith('Bộ luật Lao động'))).toBe(true);
    expect(days.some((d) => d.date === '2026-02-14')).toBe(false); // a plain Saturday is not listed
  });
});

describe('working-day arithmetic', () => {
  it('counts 5 working days from Friday 13 February 2026 across the Tết break to Friday 27 February', () => {
    const result = plain.addWorkingDays('2026-02-13', 5);
    expect(result.date).toBe('2026-02-27');
    expect(result.skipped.map((d) => `${d.date}:${d.kind}`)).toEqual([
      '2026-02-14:WEEKEND',
      '2026-02-15:WEEKEND',
      '2026-02-16:HOLIDAY',
      '2026-02-17:HOLIDAY',
      '2026-02-18:HOLIDAY',
      '2026-02-19:HOLIDAY',
      '2026-02-20:HOLIDAY',
      '2026-02-21:WEEKEND',
      '2026-02-22:WEEKEND',
    ]);
  });

  it('starts counting the day after, and counts nothing for zero days', () => {
    expect(plain.addWorkingDays('2026-03-02', 1).date).toBe('2026-03-03');
    expect(plain.addWorkingDays('2026-03-06', 1).date).toBe('2026-03-09');
    expect(plain.addWorkingDays('2026-03-06', 0)).toEqual({ date: '2026-03-06', skipped: [] });
    expect(plain.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
  });

  it('adds calendar days, rolling a non-working last day forward only when asked', () => {
    expect(plain.addCalendarDays('2026-04-11', 15).date).toBe('2026-04-26');
    expect(plain.addCalendarDays('2026-04-11', 15, { rollForwardToWorkingDay: true })).toMatchObject({
      date: '2026-04-28',
      rolledForwardFrom: '2026-04-26',
    });
  });

  it('agrees with itself: counting the working days up to N working days later gives N', () => {
    for (let start = 0; start < 400; start += 7) {
      const from = new Date(Date.UTC(2025, 0, 1 + start)).toISOString().slice(0, 10);
      for (const n of [1, 2, 5, 13, 30]) {
        const { date } = plain.addWorkingDays(from, n);
        expect(plain.workingDaysBetween(from, date)).toBe(n);
        expect(plain.isWorkingDay(date)).toBe(true);
      }
    }
    expect(plain.workingDaysBetween('2026-03-10', '2026-03-02')).toBe(0);
  });
});

describe('overrides', () => {
  const overrides: CalendarOverride[] = [
    {
      date: '2026-03-04',
      kind: 'DAY_OFF',
      nameVi: 'Nghỉ theo thông báo',
      nameEn: 'Announced day off',
      source: 'TB thử',
    },
    {
      date: '2026-03-07',
      kind: 'WORKING_DAY',
      nameVi: 'Làm bù',
      nameEn: 'Make-up working day',
      source: 'TB thử',
    },
    {
      date: '2026-04-27',
      kind: 'WORKING_DAY',
      nameVi: 'Đi làm (hoán đổi)',
      nameEn: 'Working (swapped)',
      source: 'TB thử',
    },
  ];
  const announced = new WorkingCalendar({ overrides });

  it('makes a working day off, a Saturday a working day, and cancels a computed substitute day', () => {
    expect(announced.isWorkingDay('2026-03-04')).toBe(false);
    expect(kindOn(announced, '2026-03-04')).toBe('ANNOUNCED_SWAP');
    expect(announced.isWorkingDay('2026-03-07')).toBe(true);
    expect(announced.isWorkingDay('2026-04-27')).toBe(true);
    expect(kindOn(announced, '2026-04-27')).toBeUndefined();
    // Monday 2 March + 5 working days: Wednesday off, Saturday worked.
    expect(plain.addWorkingDays('2026-03-02', 5).date).toBe('2026-03-09');
    expect(announced.addWorkingDays('2026-03-02', 5).date).toBe('2026-03-09');
    expect(announced.addWorkingDays('2026-03-02', 3).date).toBe('2026-03-06');
    expect(plain.addWorkingDays('2026-03-02', 3).date).toBe('2026-03-05');
  });
});

describe('refusals', () => {
  it('refuses a year it does not cover instead of guessing', () => {
    expect(() => plain.nonWorkingDays(2036)).toThrow(CalendarRangeError);
    expect(() => plain.addWorkingDays('2035-12-28', 5)).toThrow(CalendarRangeError);
    expect(() => plain.isWorkingDay('2013-06-01')).toThrow(/2014/);
    const error = (() => {
      try {
        plain.nonWorkingDays(2040);
      } catch (e) {
        return e as CalendarRangeError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({
      code: 'CALENDAR.OUT_OF_RANGE',
      year: 2040,
      covered: { first: 2014, last: 2035 },
    });
    expect(error?.message).toMatch(/^Lịch ngày làm việc .* \/ The working-day calendar/);
  });

  it('refuses dates that do not exist', () => {
    expect(() => plain.isWorkingDay('2026-02-30')).toThrow(InvalidDateError);
    expect(() => plain.addWorkingDays('13/02/2026', 1)).toThrow(InvalidDateError);
  });
});
