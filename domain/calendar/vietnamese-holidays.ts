import { CalendarVietnamese } from 'date-chinese';
import type { IsoDate, NonWorkingDay } from './calendar-types';
import { fromDayNumber, isWeekend, toDayNumber, weekdayOf } from './day-number';

/**
 * The statutory non-working days of a year, before any announced swap: Labour Code 2012 Art. 115
 * (from 1 May 2013) and Labour Code 2019 Art. 112 (from 1 January 2021). Lunar dates follow the
 * Vietnamese calendar (UTC+7), which differs from the Chinese one in some years: Tết 2030 falls
 * on 2 February in Vietnam and 3 February in China.
 */
const LABOUR_CODE_2012 = 'Bộ luật Lao động 2012, Điều 115';
const LABOUR_CODE_2019 = 'Bộ luật Lao động 2019, Điều 112';
const SUBSTITUTE_SOURCE = 'Bộ luật Lao động 2019, Điều 111 khoản 3';

interface Holiday {
  day: number;
  nameVi: string;
  nameEn: string;
}

const lunar = new CalendarVietnamese();

/** The Gregorian day of a lunar month/day in the lunar year that begins in `gregorianYear`. */
function lunarDay(gregorianYear: number, month: number, day: number): number {
  lunar.fromJDE(lunar.newYear(gregorianYear));
  const [cycle, year] = lunar.get() as [number, number];
  lunar.set(cycle, year, month, 0, day);
  const g = lunar.toGregorian(gregorianYear);
  return toDayNumber(`${g.year}-${String(g.month).padStart(2, '0')}-${String(g.day).padStart(2, '0')}`);
}

/** Lunar New Year's day (mùng 1 Tết) in the Vietnamese calendar. */
export function tetDay(gregorianYear: number): IsoDate {
  return fromDayNumber(lunarDay(gregorianYear, 1, 1));
}

/** Which day beside 2 September is off when the Prime Minister has not (yet) said: the one that makes a long weekend. */
function nationalDayNeighbour(year: number): number {
  const national = toDayNumber(`${year}-09-02`);
  const weekday = weekdayOf(national);
  // Monday or Thursday: the 3rd joins the weekend or the Friday; otherwise the 1st.
  return weekday === 1 || weekday === 4 ? national + 1 : national - 1;
}

function statutoryHolidays(year: number): { holidays: Holiday[]; source: string } {
  const fixed = (monthDay: string, nameVi: string, nameEn: string): Holiday => ({
    day: toDayNumber(`${year}-${monthDay}`),
    nameVi,
    nameEn,
  });
  const tet = lunarDay(year, 1, 1);
  const holidays: Holiday[] = [
    fixed('01-01', 'Tết Dương lịch', "New Year's Day"),
    { day: tet - 1, nameVi: 'Tết Nguyên đán (30 Tết)', nameEn: 'Lunar New Year (New Year’s Eve)' },
    ...[1, 2, 3, 4].map((n, i) => ({
      day: tet + i,
      nameVi: `Tết Nguyên đán (mùng ${n})`,
      nameEn: `Lunar New Year (day ${n})`,
    })),
    { day: lunarDay(year, 3, 10), nameVi: 'Giỗ Tổ Hùng Vương', nameEn: 'Hung Kings Commemoration' },
    fixed('04-30', 'Ngày Chiến thắng', 'Reunification Day'),
    fixed('05-01', 'Ngày Quốc tế Lao động', 'International Labour Day'),
    fixed('09-02', 'Quốc khánh', 'National Day'),
  ];
  if (year >= 2021)
    holidays.push({
      day: nationalDayNeighbour(year),
      nameVi: 'Quốc khánh (ngày liền kề)',
      nameEn: 'National Day (adjacent day)',
    });
  return {
    holidays: holidays.sort((a, b) => a.day - b.day),
    source: year >= 2021 ? LABOUR_CODE_2019 : LABOUR_CODE_2012,
  };
}

/**
 * Holidays and the substitute days of those that fall on a weekend: each one gives the next
 * working day that is neither a weekend, a holiday nor an earlier substitute day.
 */
export function statutoryNonWorkingDays(year: number): NonWorkingDay[] {
  const { holidays, source } = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.day));
  const days: NonWorkingDay[] = holidays.map((h) => ({
    date: fromDayNumber(h.day),
    kind: 'HOLIDAY',
    nameVi: h.nameVi,
    nameEn: h.nameEn,
    source,
  }));
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
      source: SUBSTITUTE_SOURCE,
    });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
