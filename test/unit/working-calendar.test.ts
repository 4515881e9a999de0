import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  CalendarRangeError,
  InvalidDateError,
  InvalidDayCountError,
  WorkingCalendar,
  type CalendarOverride,
} from '../../domain/calendar';

const DAY_MS = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;
const daysFromTo = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const caught = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
};

const plain = new WorkingCalendar({ overrides: [] });
const kindOn = (calendar: WorkingCalendar, date: string) =>
  calendar.nonWorkingDays(Number(date.slice(0, 4))).find((d) => d.date === date)?.kind;

describe('holidays seen through the calendar', () => {
  it.each(['2025-01-29', '2026-02-17', '2027-02-06', '2030-02-02'])('makes Tết (%s) a holiday', (date) => {
    expect(kindOn(plain, date)).toBe('HOLIDAY');
    expect(plain.isWorkingDay(date)).toBe(false);
    expect(plain.describeDay(date).nonWorking?.nameVi).toBe('Tết Nguyên đán (mùng 1)');
  });

  it('does not take the Chinese Tết of 2030: 3 February is mùng 2 there, and 2 February is already off', () => {
    expect(plain.describeDay('2030-02-03').nonWorking?.nameEn).toBe('Lunar New Year (day 2)');
  });

  it('gives the 2026 Tết break from Monday 16 to Friday 20 February, between two working Fridays and Mondays', () => {
    const tet = plain
      .nonWorkingDays(2026)
      .filter((d) => d.nameVi.startsWith('Tết Nguyên đán'))
      .map((d) => d.date);
    expect(tet).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(plain.isWorkingDay('2026-02-13')).toBe(true);
    expect(plain.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('observes Giỗ Tổ 2026 (Sunday 26 April) on Monday 27 April', () => {
    expect(plain.describeDay('2026-04-26')).toEqual({
      date: '2026-04-26',
      working: false,
      nonWorking: {
        date: '2026-04-26',
        kind: 'HOLIDAY',
        nameVi: 'Giỗ Tổ Hùng Vương',
        nameEn: 'Hung Kings Commemoration',
      },
    });
    expect(plain.describeDay('2026-04-27')).toEqual({
      date: '2026-04-27',
      working: false,
      nonWorking: {
        date: '2026-04-27',
        kind: 'SUBSTITUTE_DAY',
        nameVi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
        nameEn: 'Substitute day for Hung Kings Commemoration',
      },
    });
    expect(plain.describeDay('2026-04-28')).toEqual({ date: '2026-04-28', working: true });
  });

  it('gives substitute days after a weekend Tết, past the Tết days already off', () => {
    // Mùng 1 Tết 2027 is Saturday 6 February: off Friday 5 to Tuesday 9, then Wednesday and Thursday in lieu.
    expect(kindOn(plain, '2027-02-10')).toBe('SUBSTITUTE_DAY');
    expect(kindOn(plain, '2027-02-11')).toBe('SUBSTITUTE_DAY');
    expect(plain.isWorkingDay('2027-02-12')).toBe(true);
  });

  it('joins 1 September to a Tuesday National Day (2025) and 3 September to a Monday one (2024)', () => {
    expect(weekday('2025-09-02')).toBe(2);
    expect(kindOn(plain, '2025-09-01')).toBe('HOLIDAY');
    expect(plain.isWorkingDay('2025-09-03')).toBe(true);
    expect(weekday('2024-09-02')).toBe(1);
    expect(kindOn(plain, '2024-09-03')).toBe('HOLIDAY');
    expect(plain.addWorkingDays('2024-08-30', 1).date).toBe('2024-09-04');
  });

  it('lists holidays and substitute days but not plain weekends, in date order', () => {
    const days = plain.nonWorkingDays(2026);
    for (const date of ['2026-01-01', '2026-04-30', '2026-05-01', '2026-09-02'])
      expect(days.find((d) => d.date === date)?.kind).toBe('HOLIDAY');
    expect(days.some((d) => d.date === '2026-02-14')).toBe(false); // a plain Saturday
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.every((d) => d.kind === 'HOLIDAY' || d.kind === 'SUBSTITUTE_DAY')).toBe(true);
  });

  it('names weekends in both languages', () => {
    expect(plain.describeDay('2026-03-07').nonWorking).toEqual({
      date: '2026-03-07',
      kind: 'WEEKEND',
      nameVi: 'Thứ Bảy',
      nameEn: 'Saturday',
    });
    expect(plain.describeDay('2026-03-08').nonWorking).toMatchObject({
      nameVi: 'Chủ Nhật',
      nameEn: 'Sunday',
    });
  });

  it('answers the same whatever time zone the machine is in', () => {
    // Jest gives tests a copy of process.env, so each time zone gets a process of its own.
    const script = `
      const { WorkingCalendar } = require(${JSON.stringify(path.resolve(__dirname, '../../domain/calendar'))});
      const calendar = new WorkingCalendar({ overrides: [] });
      console.log(JSON.stringify([
        new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(),
        calendar.addWorkingDays('2026-02-13', 5).date,
        calendar.addCalendarDays('2026-10-24', 7, { rollForwardToWorkingDay: true }).date,
        calendar.isWorkingDay('2026-03-29'),
        calendar.addWorkingDays('2026-12-30', 2).date,
        calendar.describeDay('2028-01-01').nonWorking?.kind ?? null,
      ]));`;
    const answersIn = (timeZone: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
          env: { ...process.env, TZ: timeZone },
          encoding: 'utf8',
        }),
      ) as unknown[];
    const [eastOffset, ...east] = answersIn('Pacific/Kiritimati'); // UTC+14
    const [westOffset, ...west] = answersIn('America/Los_Angeles'); // UTC-8 in January
    expect([eastOffset, westOffset]).toEqual([-840, 480]); // the time zones really applied
    expect(east).toEqual(['2026-02-27', '2026-11-02', false, '2027-01-04', 'HOLIDAY']);
    expect(west).toEqual(east);
  }, 30_000);
});

describe('adding working days', () => {
  it('counts 5 working days from Friday 13 February 2026 across the Tết break to Friday 27 February', () => {
    const result = plain.addWorkingDays('2026-02-13', 5);
    expect(result.date).toBe('2026-02-27');
    expect(result.skipped.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-02-14 WEEKEND',
      '2026-02-15 WEEKEND',
      '2026-02-16 HOLIDAY',
      '2026-02-17 HOLIDAY',
      '2026-02-18 HOLIDAY',
      '2026-02-19 HOLIDAY',
      '2026-02-20 HOLIDAY',
      '2026-02-21 WEEKEND',
      '2026-02-22 WEEKEND',
    ]);
    expect(result.skipped[0]).toMatchObject({ nameVi: 'Thứ Bảy', nameEn: 'Saturday' });
    expect(result.skipped[1]).toMatchObject({ nameVi: 'Chủ Nhật', nameEn: 'Sunday' });
  });

  it('starts counting the day after, and counts nothing for zero days', () => {
    expect(plain.addWorkingDays('2026-03-02', 1)).toEqual({ date: '2026-03-03', skipped: [] });
    expect(plain.addWorkingDays('2026-03-06', 1).date).toBe('2026-03-09');
    expect(plain.addWorkingDays('2026-03-06', 0)).toEqual({ date: '2026-03-06', skipped: [] });
    expect(plain.addWorkingDays('2026-03-07', 0)).toEqual({ date: '2026-03-07', skipped: [] }); // a Saturday
  });

  it('finds the next working day strictly after a date', () => {
    expect(plain.nextWorkingDay('2026-03-02')).toBe('2026-03-03');
    // Wednesday 29 April 2026: 30 April and 1 May are holidays, then the weekend.
    expect(plain.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
  });

  it('crosses into the next year', () => {
    // Wednesday 30 December 2026 + 2: Thursday 31, then 1 January (holiday), the weekend, Monday 4 January.
    const result = plain.addWorkingDays('2026-12-30', 2);
    expect(result.date).toBe('2027-01-04');
    expect(result.skipped.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('refuses a number of days that is negative or not whole', () => {
    for (const n of [-1, 1.5, Number.NaN]) {
      expect(() => plain.addWorkingDays('2026-03-02', n)).toThrow(InvalidDayCountError);
      expect(() => plain.addCalendarDays('2026-03-02', n)).toThrow(InvalidDayCountError);
    }
    expect(caught(() => plain.addWorkingDays('2026-03-02', -1))).toMatchObject({
      code: 'CALENDAR.INVALID_DAY_COUNT',
    });
  });
});

describe('adding calendar days', () => {
  it('lands on a holiday unless asked to roll forward', () => {
    expect(plain.addCalendarDays('2026-04-11', 15)).toEqual({ date: '2026-04-26', skipped: [] });
  });

  it('rolls a non-working last day forward to the next working day, listing the days rolled over', () => {
    const result = plain.addCalendarDays('2026-04-11', 15, { rollForwardToWorkingDay: true });
    expect(result.date).toBe('2026-04-28');
    expect(result.rolledForwardFrom).toBe('2026-04-26');
    expect(result.skipped.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-04-26 HOLIDAY',
      '2026-04-27 SUBSTITUTE_DAY',
    ]);
  });

  it('does not roll a working last day', () => {
    const result = plain.addCalendarDays('2026-03-02', 30, { rollForwardToWorkingDay: true });
    expect(result).toEqual({ date: '2026-04-01', skipped: [] });
    expect(result).not.toHaveProperty('rolledForwardFrom');
  });

  it('counts holidays inside the period as calendar days', () => {
    // 10 days from Friday 13 February 2026 is Monday 23 February, Tết included.
    expect(plain.addCalendarDays('2026-02-13', 10, { rollForwardToWorkingDay: true })).toEqual({
      date: '2026-02-23',
      skipped: [],
    });
  });
});

describe('working days between two dates', () => {
  it('counts the working days in (from, to]', () => {
    expect(plain.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5); // Tuesday to Monday
    expect(plain.workingDaysBetween('2026-02-13', '2026-02-27')).toBe(5);
    expect(plain.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(plain.workingDaysBetween('2026-03-10', '2026-03-02')).toBe(0);
  });

  it('agrees with addWorkingDays and with a day-by-day count from the listed non-working days', () => {
    const overrides: CalendarOverride[] = [
      {
        date: '2025-01-27',
        kind: 'DAY_OFF',
        nameVi: 'Nghỉ hoán đổi',
        nameEn: 'Swapped day off',
        source: 'test',
      },
      { date: '2025-02-08', kind: 'WORKING_DAY', nameVi: 'Làm bù', nameEn: 'Make-up day', source: 'test' },
      { date: '2027-02-11', kind: 'WORKING_DAY', nameVi: 'Đi làm', nameEn: 'Working', source: 'test' },
    ];
    const announced = new WorkingCalendar({ overrides });
    const madeWorking = new Set(overrides.filter((o) => o.kind === 'WORKING_DAY').map((o) => o.date));
    for (const calendar of [plain, announced]) {
      const listed = new Set<string>();
      for (let year = 2024; year <= 2031; year += 1)
        for (const d of calendar.nonWorkingDays(year)) listed.add(d.date);
      const referenceIsWorking = (date: string) =>
        !listed.has(date) && (!isWeekend(date) || (calendar === announced && madeWorking.has(date)));

      for (let start = 0; start < 7 * 365; start += 5) {
        const from = shift('2024-01-01', start);
        for (const n of [0, 1, 2, 3, 5, 7, 10, 15, 20, 30]) {
          const { date, skipped } = calendar.addWorkingDays(from, n);
          expect(calendar.workingDaysBetween(from, date)).toBe(n);
          // Every day in (from, date] is either counted or skipped, and the last one is counted.
          expect(skipped).toHaveLength(daysFromTo(from, date) - n);
          if (n > 0) {
            expect(referenceIsWorking(date)).toBe(true);
            expect(calendar.workingDaysBetween(from, shift(date, -1))).toBe(n - 1);
          }
          for (const day of skipped) expect(referenceIsWorking(day.date)).toBe(false);
        }
        const to = shift(from, (start * 7) % 45);
        let reference = 0;
        for (let day = shift(from, 1); day <= to; day = shift(day, 1))
          if (referenceIsWorking(day)) reference += 1;
        expect(calendar.workingDaysBetween(from, to)).toBe(reference);
        expect(calendar.nextWorkingDay(from)).toBe(calendar.addWorkingDays(from, 1).date);
      }
    }
  });
});

describe('announced overrides', () => {
  const overrides: CalendarOverride[] = [
    {
      date: '2026-03-04',
      kind: 'DAY_OFF',
      nameVi: 'Nghỉ theo thông báo',
      nameEn: 'Announced day off',
      source: 'Thông báo thử nghiệm 1',
    },
    {
      date: '2026-03-07',
      kind: 'WORKING_DAY',
      nameVi: 'Làm bù',
      nameEn: 'Make-up working day',
      source: 'Thông báo thử nghiệm 1',
    },
    {
      date: '2026-04-27',
      kind: 'WORKING_DAY',
      nameVi: 'Đi làm (hoán đổi)',
      nameEn: 'Working (swapped)',
      source: 'Thông báo thử nghiệm 2',
    },
  ];
  const announced = new WorkingCalendar({ overrides });

  it('makes a working day a day off of kind ANNOUNCED_SWAP, listed with its source', () => {
    expect(plain.isWorkingDay('2026-03-04')).toBe(true);
    expect(announced.isWorkingDay('2026-03-04')).toBe(false);
    expect(announced.nonWorkingDays(2026).find((d) => d.date === '2026-03-04')).toEqual({
      date: '2026-03-04',
      kind: 'ANNOUNCED_SWAP',
      nameVi: 'Nghỉ theo thông báo',
      nameEn: 'Announced day off',
      source: 'Thông báo thử nghiệm 1',
    });
  });

  it('makes a Saturday a working day', () => {
    expect(plain.isWorkingDay('2026-03-07')).toBe(false);
    expect(announced.isWorkingDay('2026-03-07')).toBe(true);
    expect(announced.describeDay('2026-03-07')).toEqual({ date: '2026-03-07', working: true });
  });

  it('changes working-day arithmetic: Wednesday skipped, Saturday counted', () => {
    // From Monday 2 March 2026: plainly Tue 3, Wed 4, Thu 5 make three; announced, Wednesday is off.
    expect(plain.addWorkingDays('2026-03-02', 3).date).toBe('2026-03-05');
    const three = announced.addWorkingDays('2026-03-02', 3);
    expect(three.date).toBe('2026-03-06');
    expect(three.skipped).toEqual([
      {
        date: '2026-03-04',
        kind: 'ANNOUNCED_SWAP',
        nameVi: 'Nghỉ theo thông báo',
        nameEn: 'Announced day off',
      },
    ]);
    // Four working days from Thursday 5 March: plainly Fri 6, Mon 9, Tue 10, Wed 11; announced, Saturday 7 counts.
    expect(plain.addWorkingDays('2026-03-05', 4).date).toBe('2026-03-11');
    expect(announced.addWorkingDays('2026-03-05', 4)).toMatchObject({ date: '2026-03-10' });
    expect(announced.addWorkingDays('2026-03-05', 4).skipped.map((d) => d.date)).toEqual(['2026-03-08']);
    expect(announced.workingDaysBetween('2026-03-01', '2026-03-08')).toBe(
      plain.workingDaysBetween('2026-03-01', '2026-03-08'),
    );
  });

  it('cancels a computed substitute day and removes it from the list, keeping the holiday itself', () => {
    expect(announced.isWorkingDay('2026-04-27')).toBe(true);
    expect(kindOn(announced, '2026-04-27')).toBeUndefined();
    expect(kindOn(announced, '2026-04-26')).toBe('HOLIDAY');
    expect(plain.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
    expect(announced.nextWorkingDay('2026-04-24')).toBe('2026-04-27');
  });

  it('makes a holiday a working day, and a day off on a weekend or holiday an announced one', () => {
    const corrected = new WorkingCalendar({
      overrides: [
        { date: '2026-02-20', kind: 'WORKING_DAY', nameVi: 'Đi làm', nameEn: 'Working', source: 'TB' },
        {
          date: '2026-02-21',
          kind: 'DAY_OFF',
          nameVi: 'Nghỉ Tết (TB)',
          nameEn: 'Tết (announced)',
          source: 'TB',
        },
      ],
    });
    expect(corrected.isWorkingDay('2026-02-20')).toBe(true);
    expect(corrected.nonWorkingDays(2026).map((d) => d.date)).not.toContain('2026-02-20');
    expect(corrected.describeDay('2026-02-21').nonWorking?.kind).toBe('ANNOUNCED_SWAP');
    expect(corrected.addWorkingDays('2026-02-13', 5).date).toBe('2026-02-26');
  });

  it('lets the last override for a date win', () => {
    const twice = new WorkingCalendar({
      overrides: [
        { date: '2026-03-04', kind: 'DAY_OFF', nameVi: 'Nghỉ', nameEn: 'Off', source: 'TB 1' },
        { date: '2026-03-04', kind: 'WORKING_DAY', nameVi: 'Đi làm', nameEn: 'Working', source: 'TB 2' },
      ],
    });
    expect(twice.isWorkingDay('2026-03-04')).toBe(true);
  });

  it('leaves other calendars alone', () => {
    expect(plain.isWorkingDay('2026-03-04')).toBe(true);
    expect(plain.isWorkingDay('2026-04-27')).toBe(false);
  });
});

describe('refusals', () => {
  it('refuses a year it does not cover instead of guessing', () => {
    expect(() => plain.nonWorkingDays(2036)).toThrow(CalendarRangeError);
    expect(() => plain.nonWorkingDays(2013)).toThrow(CalendarRangeError);
    expect(() => plain.isWorkingDay('2013-06-01')).toThrow(CalendarRangeError);
    expect(() => plain.describeDay('2036-01-01')).toThrow(CalendarRangeError);
    expect(() => plain.addWorkingDays('2035-12-28', 5)).toThrow(CalendarRangeError); // runs into 2036
    expect(() => plain.addWorkingDays('2013-12-31', 1)).toThrow(CalendarRangeError); // starts in 2013
    expect(() => plain.addCalendarDays('2035-12-01', 31)).toThrow(CalendarRangeError);
    expect(() => plain.workingDaysBetween('2035-12-01', '2036-01-05')).toThrow(CalendarRangeError);
    expect(() => plain.nextWorkingDay('2035-12-31')).toThrow(CalendarRangeError);
    // The last covered days still answer.
    expect(plain.addWorkingDays('2035-12-27', 1).date).toBe('2035-12-28');
  });

  it('says which year and which coverage, in Vietnamese then English', () => {
    const error = caught(() => plain.nonWorkingDays(2040));
    expect(error).toBeInstanceOf(CalendarRangeError);
    expect(error).toMatchObject({
      code: 'CALENDAR.OUT_OF_RANGE',
      year: 2040,
      covered: { first: 2014, last: 2035 },
    });
    expect((error as Error).message).toBe(
      'Lịch ngày làm việc chỉ tính được từ năm 2014 đến năm 2035 (năm 2040 nằm ngoài phạm vi) / ' +
        'The working-day calendar covers 2014–2035 only (2040 is outside)',
    );
  });

  it('keeps to the years it was built for', () => {
    const narrow = new WorkingCalendar({ overrides: [], coveredYears: { first: 2025, last: 2026 } });
    expect(narrow.isWorkingDay('2026-12-31')).toBe(true);
    expect(caught(() => narrow.isWorkingDay('2024-12-31'))).toMatchObject({
      year: 2024,
      covered: { first: 2025, last: 2026 },
    });
    expect(() => narrow.addWorkingDays('2026-12-30', 2)).toThrow(/2027/);
    expect(() => new WorkingCalendar({ overrides: [], coveredYears: { first: 2010, last: 2030 } })).toThrow(
      RangeError,
    );
    expect(() => new WorkingCalendar({ overrides: [], coveredYears: { first: 2030, last: 2029 } })).toThrow(
      RangeError,
    );
  });

  it('refuses dates that do not exist or are not written YYYY-MM-DD', () => {
    for (const date of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '13/02/2026',
      '2026-2-3',
      '',
      '2026-02-13T00:00',
    ])
      expect(() => plain.isWorkingDay(date)).toThrow(InvalidDateError);
    expect(plain.isWorkingDay('2024-02-29')).toBe(true); // a leap day, a Thursday
    const error = caught(() => plain.addWorkingDays('2026-02-30', 1));
    expect(error).toMatchObject({ code: 'CALENDAR.INVALID_DATE', value: '2026-02-30' });
    expect((error as Error).message).toMatch(
      /^"2026-02-30" không phải là ngày hợp lệ .* \/ "2026-02-30" is not a valid date/,
    );
  });

  it('refuses an override whose date is not real', () => {
    expect(
      () =>
        new WorkingCalendar({
          overrides: [{ date: '2026-04-31', kind: 'DAY_OFF', nameVi: 'x', nameEn: 'x', source: 'x' }],
        }),
    ).toThrow(InvalidDateError);
  });
});
