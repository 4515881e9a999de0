import { ruleBook, RuleNotInForceError, RuleBook } from '../../rules/rule-book';

describe('rule book', () => {
  it('picks the district court before 1 July 2025 and the regional court from that day', () => {
    expect(ruleBook.effectiveRule('CRA.D6', '2025-06-30').responsible.agencyKind).toBe('DISTRICT_COURT');
    expect(ruleBook.effectiveRule('CRA.D6', '2025-07-01').responsible.agencyKind).toBe('REGIONAL_COURT');
    expect(ruleBook.effectiveRule('CRA.D6', '2025-07-01').escalations[0]?.to).toEqual({
      agencyKind: 'REGIONAL_COURT',
      role: 'CHIEF_JUDGE',
    });
  });

  it('has no version before the law it models came into force', () => {
    expect(() => ruleBook.effectiveRule('CRA.D2', '2021-12-31')).toThrow(RuleNotInForceError);
    expect(() => ruleBook.effectiveRule('CRA.D5', '2021-12-31')).toThrow(RuleNotInForceError);
  });

  it('sends the dossier to court through the district labour division until 28/02/2025, the drug division after', () => {
    expect(ruleBook.effectiveRule('CRA.D5', '2025-02-28').responsible).toEqual({ agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' });
    expect(ruleBook.effectiveRule('CRA.D5', '2025-03-01').responsible).toEqual({ agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' });
    expect(ruleBook.effectiveRule('CRM.TRANSFER', '2025-02-28').responsible.agencyKind).toBe('DISTRICT_LABOUR_DIVISION');
  });

  it('runs a case of the 2014–2021 regime through the commune chairman, the justice and labour divisions, then the court of its day', () => {
    expect(() => ruleBook.effectiveRule('CRO.D2', '2014-02-14')).toThrow(RuleNotInForceError);
    expect(ruleBook.effectiveRule('CRO.D2', '2019-05-10').responsible).toEqual({ agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' });
    expect(ruleBook.effectiveRule('CRO.LEGALITY', '2019-05-20')).toMatchObject({
      responsible: { agencyKind: 'DISTRICT_JUSTICE_DIVISION', role: 'JUSTICE_OFFICER' },
      budget: { kind: 'WORKING_DAYS', days: 7 },
      confidence: 'UNCONFIRMED',
    });
    expect(ruleBook.effectiveRule('CRO.LEGALITY', '2025-07-01').responsible.agencyKind).toBe('PROVINCIAL_POLICE_DRUG_DIVISION');
    expect(ruleBook.effectiveRule('CRO.TRANSFER', '2021-12-31').responsible).toEqual({ agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' });
    expect(ruleBook.effectiveRule('CRO.TRANSFER', '2025-03-01').responsible.agencyKind).toBe('PROVINCIAL_POLICE_DRUG_DIVISION');
    // From the court on, today's steps with the texts of the time before 2022 and the regional courts after June 2025.
    expect(ruleBook.effectiveRule('CRO.D6', '2019-06-03')).toMatchObject({ responsible: { agencyKind: 'DISTRICT_COURT' }, source: { document: expect.stringContaining('09/2014') } });
    expect(ruleBook.effectiveRule('CRO.D6', '2025-07-01').responsible.agencyKind).toBe('REGIONAL_COURT');
    expect(ruleBook.effectiveRule('CRO.D7', '2019-06-03').responsible).toEqual({ agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' });
    expect(ruleBook.effectiveRule('CRO.D12', '2019-07-01')).toMatchObject({ confidence: 'CONFIRMED', budget: { kind: 'MONTHS', minMonths: 12, maxMonths: 24 } });
    // Its post-rehabilitation may begin before 2022.
    expect(ruleBook.effectiveRule('PR.CHECK_IN', '2020-08-01').source.document).toContain('2008');
    expect(ruleBook.effectiveRule('PR.CHECK_IN', '2022-01-01').source.document).toContain('73/2021');
  });

  it('keeps the legal source and confidence of every version', () => {
    for (const rule of ruleBook.list()) {
      for (const version of rule.versions) {
        expect(version.source.document.length).toBeGreaterThan(3);
        expect(['CONFIRMED', 'UNCONFIRMED']).toContain(version.confidence);
        if (version.confidence === 'UNCONFIRMED') expect(version.noteVi).toBeDefined();
      }
    }
    expect(ruleBook.effectiveRule('CRA.D2', '2026-01-01')).toMatchObject({
      confidence: 'CONFIRMED',
      budget: { kind: 'WORKING_DAYS', days: 5 },
    });
  });

  it('folds in the latest province override effective on the date, and says so', () => {
    const overrides = [
      {
        provinceId: 'SX',
        effectiveFrom: '2026-01-01',
        reason: 'first',
        parameters: { budget: { kind: 'WORKING_DAYS', days: 4 } },
      },
      {
        provinceId: 'SX',
        effectiveFrom: '2026-07-01',
        reason: 'second',
        parameters: { budget: { kind: 'WORKING_DAYS', days: 3 } },
      },
    ];
    expect(ruleBook.effectiveRule('CRA.D3', '2025-12-31', overrides).budget).toEqual({
      kind: 'WORKING_DAYS',
      days: 2,
    });
    expect(ruleBook.effectiveRule('CRA.D3', '2026-03-01', overrides).budget).toEqual({
      kind: 'WORKING_DAYS',
      days: 4,
    });
    const latest = ruleBook.effectiveRule('CRA.D3', '2026-08-01', overrides);
    expect(latest.budget).toEqual({ kind: 'WORKING_DAYS', days: 3 });
    expect(latest.override).toEqual({
      provinceId: 'SX',
      effectiveFrom: '2026-07-01',
      reason: 'second',
      fields: ['budget'],
    });
  });

  it('refuses an override row that does not fit the schema', () => {
    const bad = [
      {
        provinceId: 'SX',
        effectiveFrom: '2026-01-01',
        reason: 'x',
        parameters: { budget: { kind: 'WORKING_DAYS', days: -2 } },
      },
    ];
    expect(() => ruleBook.effectiveRule('CRA.D3', '2026-03-01', bad)).toThrow();
    const unknownField = [
      { provinceId: 'SX', effectiveFrom: '2026-01-01', reason: 'x', parameters: { confidence: 'CONFIRMED' } },
    ];
    expect(() => ruleBook.effectiveRule('CRA.D3', '2026-03-01', unknownField)).toThrow();
  });

  it('rejects a book with overlapping versions or duplicate keys', () => {
    const [d6] = ruleBook.list().filter((r) => r.key === 'CRA.D6');
    if (!d6) throw new Error('CRA.D6 missing');
    const overlapping = {
      ...d6,
      versions: [{ ...d6.versions[0]!, effectiveTo: '2025-07-01' }, d6.versions[1]!],
    };
    expect(() => new RuleBook([overlapping])).toThrow(/overlap/);
    expect(() => new RuleBook([d6, d6])).toThrow(/duplicate/);
  });
});
