import { ladderVia } from './escalation-ladders';
import type { Responsible, RuleVersion } from './rule-types';

const LAW_73_IN_FORCE = '2022-01-01';
const REGIONAL_COURTS_FROM = '2025-07-01';
const DISTRICT_COURTS_ENDED = '2025-06-30';

const districtCourtJudge: Responsible = { agencyKind: 'DISTRICT_COURT', role: 'JUDGE' };
const districtChiefJudge: Responsible = { agencyKind: 'DISTRICT_COURT', role: 'CHIEF_JUDGE' };
const regionalCourtJudge: Responsible = { agencyKind: 'REGIONAL_COURT', role: 'JUDGE' };
const regionalChiefJudge: Responsible = { agencyKind: 'REGIONAL_COURT', role: 'CHIEF_JUDGE' };

/**
 * A court step's versions: the district court until 30 June 2025, the regional court after
 * (domain/procedures.md §0), each escalating to its chief judge, then the province.
 */
export function courtVersions(shape: Omit<RuleVersion, 'effectiveFrom' | 'effectiveTo' | 'responsible' | 'escalations'>): RuleVersion[] {
  return [
    {
      ...shape,
      effectiveFrom: LAW_73_IN_FORCE,
      effectiveTo: DISTRICT_COURTS_ENDED,
      responsible: districtCourtJudge,
      escalations: ladderVia(districtChiefJudge),
    },
    {
      ...shape,
      effectiveFrom: REGIONAL_COURTS_FROM,
      responsible: regionalCourtJudge,
      escalations: ladderVia(regionalChiefJudge),
    },
  ];
}
