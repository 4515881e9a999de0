import type { Role } from '../../generated/prisma/enums';
import { reportingRules } from '../../rules/reporting.rules';

/** Who reads and submits a unit's report: the commune's committee, the province's coordinators. */
export const REPORTERS: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN', 'PROVINCIAL_COORDINATOR'];
/** Who reads and submits only their own agency's report (an agency reporting for itself). */
export const AGENCY_REPORTERS: readonly Role[] = ['TEAM_178_MEMBER', 'FACILITY_DIRECTOR', 'FACILITY_OFFICER'];
const COMMUNE_REPORTERS: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];

/**
 * A commune's report task is the chairman's, but the committee's officials prepare and submit it
 * (the API lets them): the units' report rules are on their tasks too. The province's own report
 * (REPORT.PROVINCE.…) stays with its coordinators.
 */
export function reportRulesActedOnBy(roles: readonly Role[]): string[] {
  if (!roles.some((role) => COMMUNE_REPORTERS.includes(role))) return [];
  // Only the communes' own: not the province's report upward, nor an agency's reporting for itself.
  return reportingRules
    .filter((rule) => rule.versions.some((version) => version.responsible.agencyKind === 'COMMUNE_PEOPLES_COMMITTEE'))
    .map((rule) => rule.key);
}
