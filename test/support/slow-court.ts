/**
 * A province's test value for the court's decision (CRA.D8): due 8 s after the court accepts;
 * reminders 5 s and 2 s before; rungs 1, 2 and 3 s after, to the chief judge, PC04 and the
 * steering committee. Lets a test see the whole ladder fire on the real clock.
 */
export const SLOW_COURT = {
  budget: { kind: 'ELAPSED', seconds: 8 },
  reminders: [
    { unit: 'SECONDS', amount: 5 },
    { unit: 'SECONDS', amount: 2 },
  ],
  escalations: [
    { after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'REGIONAL_COURT', role: 'CHIEF_JUDGE' } },
    {
      after: { unit: 'SECONDS', amount: 2 },
      to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' },
    },
    {
      after: { unit: 'SECONDS', amount: 3 },
      to: { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
    },
  ],
} as const;
