// date-chinese ships its declarations under types/ but its "exports" map does not point to them,
// so NodeNext resolution cannot find them; this names the one class the calendar uses.
declare module 'date-chinese' {
  export class CalendarVietnamese {
    constructor();
    fromJDE(jde: number): this;
    newYear(gregorianYear: number): number;
    get(): number[];
    set(cycle: number, year: number, month: number, leap: number, day: number): this;
    toGregorian(gregorianYear: number): { year: number; month: number; day: number };
  }
}
