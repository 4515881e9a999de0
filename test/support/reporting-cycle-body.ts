import type { TestProvince } from './test-province';

/** The body of `POST /reporting/cycles` for a province's quarterly report to its drug division, every commune reporting. */
export function quarterlyCycleBody(province: TestProvince, id: string, config: object = { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'PERIOD_START' } }) {
  return {
    id,
    provinceId: province.provinceId,
    periodKind: 'QUARTERLY',
    nameVi: 'Báo cáo quý',
    nameEn: 'Quarterly report',
    ruleKey: 'REPORT.QUARTERLY',
    receiverAgencyId: province.agency.drugDivision,
    config,
  };
}
