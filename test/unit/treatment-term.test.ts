import { monthStarts, planTerm } from '../../domain/cases/treatment-term';

describe('planTerm', () => {
  it('ends an 18-month term the day before the same date 18 months on', () => {
    expect(planTerm({ admittedOn: '2026-01-10', decidedMonths: 18 })).toMatchObject({
      lastDay: '2027-07-09',
      heldDays: 0,
    });
  });

  it('credits the days held at a facility before admission', () => {
    // Held 1–31 March (31 days), admitted 1 April: the 12-month term would end 31/3/2027.
    expect(planTerm({ admittedOn: '2026-04-01', decidedMonths: 12, heldFrom: '2026-03-01' })).toMatchObject({
      lastDay: '2027-02-28',
      heldDays: 31,
    });
  });

  it('takes a reduction off and adds the days away after absconding', () => {
    const plan = planTerm({ admittedOn: '2026-01-10', decidedMonths: 24, reductionMonths: 6, daysAway: 12 });
    expect(plan.lastDay).toBe('2027-07-21');
  });

  it('clamps to the month end when the target month is shorter', () => {
    expect(planTerm({ admittedOn: '2026-08-31', decidedMonths: 18 }).lastDay).toBe('2028-02-28');
  });

  it('puts the half-way day in the middle of the served term, held days included', () => {
    // 12 months from 2026-01-01 is 365 days; half way is day 183 → 2026-07-03.
    expect(planTerm({ admittedOn: '2026-01-01', decidedMonths: 12 }).halfWayOn).toBe('2026-07-03');
    expect(planTerm({ admittedOn: '2026-02-01', decidedMonths: 12, heldFrom: '2026-01-01' }).halfWayOn).toBe(
      '2026-07-18',
    );
  });
});

describe('monthStarts', () => {
  it('starts each management month on the same day of the month', () => {
    expect(monthStarts('2026-01-31', 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(monthStarts('2026-05-15', 24)).toHaveLength(24);
    expect(monthStarts('2026-05-15', 24)[23]).toBe('2028-04-15');
  });
});
