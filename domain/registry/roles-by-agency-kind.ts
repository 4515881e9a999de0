import type { AgencyKind, Role } from '../../generated/prisma/enums';

/**
 * The roles a user may hold in an agency of each kind (domain/procedures.md §1): a judge sits in a
 * court, a doctor in a medical facility. An administrator giving a commune police officer a
 * judge's role is refused, whatever the form sent. Historical kinds keep their roles so that
 * their accounts stay on record; the system administrator works from a provincial body, the
 * national administrator from the national one.
 */
export const ROLES_BY_AGENCY_KIND: Record<AgencyKind, readonly Role[]> = {
  COMMUNE_POLICE: ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'],
  COMMUNE_PEOPLES_COMMITTEE: ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'],
  DISTRICT_POLICE: [],
  DISTRICT_LABOUR_DIVISION: ['LABOUR_OFFICER'],
  DISTRICT_JUSTICE_DIVISION: ['JUSTICE_OFFICER'],
  DISTRICT_COURT: ['JUDGE', 'CHIEF_JUDGE'],
  DISTRICT_PROCURACY: ['PROCURATOR'],
  PROVINCIAL_POLICE: ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'],
  PROVINCIAL_POLICE_DRUG_DIVISION: ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'],
  REHAB_FACILITY: ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'],
  REGIONAL_COURT: ['JUDGE', 'CHIEF_JUDGE'],
  REGIONAL_PROCURACY: ['PROCURATOR'],
  PROVINCIAL_COURT: ['JUDGE', 'CHIEF_JUDGE'],
  PROVINCIAL_HEALTH_DEPARTMENT: ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'],
  PROVINCIAL_STEERING_COMMITTEE: ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'],
  MEDICAL_FACILITY: ['DOCTOR'],
  INSPECTION_TEAM_178: ['TEAM_178_MEMBER'],
  // Only at the national root: no province's administrator can make a national one.
  NATIONAL_AGENCY: ['NATIONAL_ADMIN'],
};

/** The roles not allowed in an agency of this kind; [] when every one is. */
export function rolesOutOfPlace(kind: AgencyKind, roles: readonly Role[]): Role[] {
  const allowed = ROLES_BY_AGENCY_KIND[kind];
  return roles.filter((role) => !allowed.includes(role));
}
