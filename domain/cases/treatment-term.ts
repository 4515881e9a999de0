import { addDays, daysBetween, endOfMonthsTerm } from '../deadlines/deadline-computation';

/**
 * The last day of a compulsory-rehabilitation term (Law on Handling Administrative Violations
 * Art. 95; ND 116/2021 Art. 44(3)). The term runs from admission for the decided months less
 * any reduction; days already held at a facility while the dossier was processed count toward
 * it, and days the person was away after absconding do not.
 */
export interface TermInput {
  admittedOn: string;
  decidedMonths: number;
  /** Held at a facility from this date until admission (ND 116 Art. 44(3)); absent when managed by the family. */
  heldFrom?: string;
  reductionMonths?: number;
  /** Days away from the facility after absconding, until return. */
  daysAway?: number;
}

export interface TermPlan {
  lastDay: string;
  /** Days credited for the interim hold: from heldFrom up to the day before admission. */
  heldDays: number;
  /** The half-way day, from which a reduction may be granted. */
  halfWayOn: string;
}

export function planTerm({ admittedOn, decidedMonths, heldFrom, reductionMonths = 0, daysAway = 0 }: TermInput): TermPlan {
  const heldDays = heldFrom ? Math.max(0, daysBetween(heldFrom, admittedOn)) : 0;
  const fullTermEnd = endOfMonthsTerm(admittedOn, decidedMonths - reductionMonths);
  const lastDay = addDays(fullTermEnd, daysAway - heldDays);
  const servedStart = addDays(admittedOn, -heldDays);
  const totalDays = daysBetween(servedStart, addDays(endOfMonthsTerm(admittedOn, decidedMonths), 1));
  return { lastDay, heldDays, halfWayOn: addDays(servedStart, Math.ceil(totalDays / 2) + daysAway) };
}

/** The start of each management month: month n (1-based) starts n−1 months after the start date. */
export function monthStarts(startDate: string, months: number): string[] {
  return Array.from({ length: months }, (_, index) => (index === 0 ? startDate : addDays(endOfMonthsTerm(startDate, index), 1)));
}
