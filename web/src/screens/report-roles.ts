/** Who reads and submits a unit's report, and who reads the province's cycles and roll-ups (api/reporting). */
export const REPORTER_ROLES = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN', 'PROVINCIAL_COORDINATOR', 'TEAM_178_MEMBER', 'FACILITY_DIRECTOR', 'FACILITY_OFFICER'];
export const COORDINATOR_ROLES = ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'];
