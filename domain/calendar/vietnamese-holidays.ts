import { CalendarVietnamese } from 'date-chinese';
import type { IsoDate, NonWorkingDay } from './calendar-types';
import { dayNumberOf, fromDayNumber, isWeekend, weekdayOf } from './day-number';

/**
 * The statutory non-working days of a year, before any announced swap (ngày nghỉ lễ, tết):
 *
 * - Labour Code 2012 Art. 115 (Bộ luật Lao động 2012, in force 1 May 2013, so 2014 is its first
 *   whole year) and Labour Code 2019 Art. 112 (from 1 January 2021): 1 January; Tết Nguyên đán,
 *   5 days; Giỗ Tổ Hùng Vương (lunar 10/3); 30 April; 1 May; 2 September, and from 2021 one day
 *   beside it.
 * - A holiday on a Saturday or Sunday gives a substitute day (nghỉ bù) on the next working day:
 *   Labour Code 2012 Art. 115(3), Labour Code 2019 Art. 111(3).
 *
 * Two of these days are chosen each year by the Prime Minister (Labour Code 2019 Art. 112(3)):
 * which 5 days make Tết and which day joins National Day. The defaults below are a computed
 * guess that announced overrides correct.
 *
 * Lunar dates follow the Vietnamese calendar (new moons reckoned at UTC+7), which differs from
 * the Chinese one in some years: Tết 2030 falls on 2 February in Vietnam, 3 February in China.
 */

/** Years before this followed an earlier Labour Code (Tết was 4 days); they are not computed. */
export const STATUTORY_RULES_FIRST_YEAR = 2014;
const LABOUR_CODE_2019_FIRST_YEAR = 2021;

interface LegalBasis {
  holidays: string;
  substituteDays: string;
}

const LABOUR_CODE_2012: LegalBasis = {
  holidays: 'Bộ luật Lao động 2012, Điều 115',
  substituteDays: 'Bộ luật Lao động 2012, Điều 115 khoản 3',
};
const LABOUR_CODE_2019: LegalBasis = {
  holidays: 'Bộ luật Lao động 2019, Điều 112',
  substituteDays: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
};

interface Holiday {
  day: number;
  nameVi: string;
  nameEn: string;
}

/** date-chinese keeps its own cache of new moons and solar terms: one instance serves every year. */
const vietnameseLunarCalendar = new CalendarVietnamese();

/**
 * The Gregorian day number of a lunar month and day (not in a leap month) of the lunar year whose
 * first day falls in `gregorianYear`; lunar month 12 of the previous lunar year is asked for with
 * `gregorianYear - 1`.
 */
function lunarDayNumber(gregorianYear: number, lunarMonth: number, lunarDay: number): number {
  // With a Gregorian year given, date-chinese ignores the cycle and cycle-year arguments.
  const gregorian = vietnameseLunarCalendar.set(0, 0, lunarMonth, 0, lunarDay).toGregorian(gregorianYear);
  return dayNumberOf(gregorian.year, gregorian.month, gregorian.day);
}

/** Mùng 1 Tết, the first day of the lunar year beginning in `gregorianYear` (Vietnamese calendar). */
export function tetDay(gregorianYear: number): IsoDate {
  return fromDayNumber(lunarDayNumber(gregorianYear, 1, 1));
}

/** Giỗ Tổ Hùng Vương, lunar 10/3 of the lunar year beginning in `gregorianYear`. */
export function hungKingsDay(gregorianYear: number): IsoDate {
  return fromDayNumber(lunarDayNumber(gregorianYear, 3, 10));
}

/**
 * The day that joins 2 September when no announcement says otherwise: the one that makes a long
 * weekend. 3 September when the 2nd is a Monday or a Thursday, 1 September on any other day.
 */
function nationalDayNeighbour(nationalDay: number): number {
  const weekday = weekdayOf(nationalDay);
  return weekday === 1 || weekday === 4 ? nationalDay + 1 : nationalDay - 1;
}

function tetHolidays(year: number): Holiday[] {
  const tet = lunarDayNumber(year, 1, 1);
  // The last day of the old lunar year is the 29th or the 30th of lunar month 12 (tháng Chạp).
  const lastDayOfOldYear = tet - lunarDayNumber(year - 1, 12, 1);
  const eveVi =
    lastDayOfOldYear === 29 || lastDayOfOldYear === 30
      ? `Tết Nguyên đán (${lastDayOfOldYear} tháng Chạp)`
      : 'Tết Nguyên đán (ngày cuối năm Âm lịch)';
  return [
    { day: tet - 1, nameVi: eveVi, nameEn: "Lunar New Year's Eve" },
    ...[1, 2, 3, 4].map((lunarDay) => ({
      day: tet + lunarDay - 1,
      nameVi: `Tết Nguyên đán (mùng ${lunarDay})`,
      nameEn: `Lunar New Year (day ${lunarDay})`,
    })),
  ];
}

function statutoryHolidays(year: number): Holiday[] {
  const fixed = (month: number, day: number, nameVi: string, nameEn: string): Holiday => ({
    day: dayNumberOf(year, month, day),
    nameVi,
    nameEn,
  });
  const nationalDay = fixed(9, 2, 'Quốc khánh', 'National Day');
  const holidays: Holiday[] = [
    fixed(1, 1, 'Tết Dương lịch', "New Year's Day"),
    ...tetHolidays(year),
    { day: lunarDayNumber(year, 3, 10), nameVi: 'Giỗ Tổ Hùng Vương', nameEn: 'Hung Kings Commemoration' },
    fixed(4, 30, 'Ngày Chiến thắng', 'Reunification Day'),
    fixed(5, 1, 'Ngày Quốc tế Lao động', 'International Labour Day'),
    nationalDay,
  ];
  if (year >= LABOUR_CODE_2019_FIRST_YEAR)
    holidays.push({
      day: nationalDayNeighbour(nationalDay.day),
      nameVi: 'Quốc khánh (ngày liền kề)',
      nameEn: 'National Day (adjacent day)',
    });

  // Giỗ Tổ can in principle meet 30 April or 1 May (it does not in 2014–2035): one day, both names.
  const byDay = new Map<number, Holiday>();
  for (const holiday of holidays) {
    const same = byDay.get(holiday.day);
    byDay.set(
      holiday.day,
      same
        ? {
            day: holiday.day,
            nameVi: `${same.nameVi} và ${holiday.nameVi}`,
            nameEn: `${same.nameEn} and ${holiday.nameEn}`,
          }
        : holiday,
    );
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

function computeStatutoryNonWorkingDays(year: number): readonly NonWorkingDay[] {
  const basis = year >= LABOUR_CODE_2019_FIRST_YEAR ? LABOUR_CODE_2019 : LABOUR_CODE_2012;
  const holidays = statutoryHolidays(year);
  const days: NonWorkingDay[] = holidays.map((holiday) => ({
    date: fromDayNumber(holiday.day),
    kind: 'HOLIDAY',
    nameVi: holiday.nameVi,
    nameEn: holiday.nameEn,
    source: basis.holidays,
  }));

  // In date order, each weekend holiday takes the first later day that is neither a weekend, a
  // holiday nor a substitute day already given to an earlier holiday.
  const taken = new Set(holidays.map((holiday) => holiday.day));
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day)) continue;
    let substitute = holiday.day + 1;
    while (isWeekend(substitute) || taken.has(substitute)) substitute += 1;
    taken.add(substitute);
    days.push({
      date: fromDayNumber(substitute),
      kind: 'SUBSTITUTE_DAY',
      nameVi: `Nghỉ bù ${holiday.nameVi}`,
      nameEn: `Substitute day for ${holiday.nameEn}`,
      source: basis.substituteDays,
    });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.freeze(days.map((day) => Object.freeze(day)));
}

/** Lunar computation takes milliseconds per year; the statutory days of a year never change. */
const statutoryDaysByYear = new Map<number, readonly NonWorkingDay[]>();

/**
 * Holidays and substitute days of a year, sorted by date, without overrides and without plain
 * weekends. The result and its entries are frozen and shared: copy before changing.
 */
export function statutoryNonWorkingDays(year: number): readonly NonWorkingDay[] {
  const cached = statutoryDaysByYear.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year) || year < STATUTORY_RULES_FIRST_YEAR)
    throw new RangeError(
      `Không tính ngày nghỉ theo luật cho năm ${year} (chỉ từ năm ${STATUTORY_RULES_FIRST_YEAR}) / ` +
        `No statutory non-working days are computed for ${year} (only from ${STATUTORY_RULES_FIRST_YEAR})`,
    );
  const days = computeStatutoryNonWorkingDays(year);
  statutoryDaysByYear.set(year, days);
  return days;
}
