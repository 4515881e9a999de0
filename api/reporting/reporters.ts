import type { Role } from '../../generated/prisma/enums';
import { reportingRules } from '../../rules/reporting.rules';

/** Who reads and submits a unit's report: the commune's committee, the province's coordinators. */
export const REPORTERS: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN', 'PROVINCIAL_COORDINATOR'];
const COMMUNE_REPORTERS: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];

/**
 * A commune's report task is the chairman's, but the committee's officials prepare and submit it
 * (the API lets them): the units' report rules are on their tasks too. The province's own report
 * (REPORT.PROVINCE.…) stays with its coordinators.
 */
export function reportRulesActedOnBy(roles: readonly Role[]): string[] {
  if (!roles.some((role) => COMMUNE_REPORTERS.includes(role))) return [];
  return reportingRules.filter((rule) => !rule.key.startsWith('REPORT.PROVINCE.')).map((rule) => rule.key);
}
