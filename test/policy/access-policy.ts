import type { Role } from '../../generated/prisma/enums';

/**
 * Who may call each route, written from the documents and NOT from the routes' own `access`
 * declarations (so the permission-matrix test can disagree with them):
 *
 * - /work/shared/DESIGN.md "Decisions" 7 (jurisdiction is the tenant: a user sees and acts only
 *   within their own, by role), 8 (personal data is sensitive: collect and show the minimum),
 *   11 (a procedure is a module: its definition says who may open, read and act);
 * - /work/shared/domain/procedures.md (who does each step of a procedure, e.g. §5.3 procedure D:
 *   commune police compile and notify, the court accepts, hears and decides, the facility admits,
 *   the procuracy supervises and protests, the commune supervises afterwards);
 * - README.md's API table (one row per route, "who may call it").
 *
 * The scope says which resource a call may touch once the role is right:
 * - `public`: no token needed;
 * - `any`: any authenticated role with the listed roles; no resource to own (results are filtered);
 * - `own-jurisdiction`: the resource (case, unit, step, report…) must lie in the caller's agency's
 *   jurisdiction subtree (for the routes that read a unit: the unit or one of its ancestors);
 * - `own-province`: the resource belongs to the caller's province (reporting cycles, rule overrides);
 * - `owner-agency`: the caller's agency owns the task behind the resource (a report's task);
 * - `addressee`: the resource is addressed to the caller's agency and roles (an inbox item);
 * - `per-action`: decided per action type and procedure (see ACTION_POLICY);
 * - `self`: acts on the caller's own account (logout, password change).
 */
/**
 * Roles whose agency sits at the national root: its path is not a prefix of any province's, so
 * whatever a route's scope, nothing of a province is theirs (only `public` and `any` routes reach them).
 */
export const NATIONAL_ROLES: readonly Role[] = ['NATIONAL_ADMIN'];

export type Scope = 'public' | 'any' | 'own-jurisdiction' | 'own-province' | 'owner-agency' | 'addressee' | 'per-action' | 'self';

export interface RoutePolicy {
  /** Roles that may call the route; `'all'` for every role (or no token at all when public). */
  roles: readonly Role[] | 'all';
  scope: Scope;
}

export const ALL_ROLES: readonly Role[] = [
  'COMMUNE_POLICE_OFFICER',
  'COMMUNE_POLICE_HEAD',
  'COMMUNE_OFFICIAL',
  'COMMUNE_CHAIRMAN',
  'JUDGE',
  'CHIEF_JUDGE',
  'PROCURATOR',
  'FACILITY_OFFICER',
  'FACILITY_DIRECTOR',
  'PROVINCIAL_COORDINATOR',
  'SYSTEM_ADMIN',
  'DOCTOR',
  'LABOUR_OFFICER',
  'TEAM_178_MEMBER',
  'NATIONAL_ADMIN',
];

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const COURT: readonly Role[] = ['JUDGE', 'CHIEF_JUDGE'];
const FACILITY: readonly Role[] = ['FACILITY_OFFICER', 'FACILITY_DIRECTOR'];
const COORDINATORS: readonly Role[] = ['PROVINCIAL_COORDINATOR', 'SYSTEM_ADMIN'];

/**
 * Who reads a procedure-D case (COMPULSORY_REHAB_ADULT): procedures.md §5.3 names the commune
 * police (dossier, D1–D5), the court (D6–D10), the procuracy (supervision, protest D9), the
 * facility (admission D11, D13), and after it the commune (post-rehabilitation §7) and the
 * provincial coordinators (DESIGN.md "What it does": coordinators watch what is overdue). Doctors
 * (§3, addiction determination) and labour officers (§1: no rehab functions since 1 Mar 2025) do
 * not read D cases; the system administrator runs the system, not cases (DESIGN.md decision 8,
 * least privilege on sensitive data).
 */
export const PROCEDURE_D_READERS: readonly Role[] = [...POLICE, ...COURT, ...FACILITY, 'PROCURATOR', 'PROVINCIAL_COORDINATOR', ...COMMUNE];
/**
 * A reader of some procedure's cases: police and commune (§2 A, §4 C, §7 F, §8 G, §10 H), courts,
 * procuracy and facilities (§5 D, §6 E), doctors (§3 B, the medical facility determines addiction),
 * team 178's members (§11 I, their inspections) and coordinators. Not the system administrator
 * (decision 8) nor, since 1 Mar 2025, labour officers (§1).
 */
export const ANY_CASE_READER: readonly Role[] = [...PROCEDURE_D_READERS, 'DOCTOR', 'TEAM_178_MEMBER'];
/** procedures.md §11: the teams keep the register of establishments and their plans, with the province. */
const TEAM_KEEPERS: readonly Role[] = ['TEAM_178_MEMBER', ...COORDINATORS];
/** procedures.md §5.3 D1–D2: the commune police compile the dossier and so open the case. */
export const PROCEDURE_D_OPENERS: readonly Role[] = POLICE;

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  // README "GET /health | public".
  'GET /health': { roles: 'all', scope: 'public' },
  // README "POST /auth/login | public, rate-limited".
  'POST /auth/login': { roles: 'all', scope: 'public' },
  // README "POST /auth/session, DELETE /auth/session | public, rate-limited".
  'POST /auth/session': { roles: 'all', scope: 'public' },
  'DELETE /auth/session': { roles: 'all', scope: 'public' },
  // README "GET /me | any role".
  'GET /me': { roles: 'all', scope: 'any' },
  // Issue #17 item 4: every user logs out and changes their own password; nobody else's.
  'POST /auth/logout': { roles: 'all', scope: 'self' },
  'POST /me/password': { roles: 'all', scope: 'self' },
  // Issue #17 item 4 "an administrator resets one", DESIGN.md decision 7: within the administrator's own jurisdiction.
  'POST /admin/users/{username}/password-reset': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'PUT /admin/users/{username}/active': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  // Issue #17 item 4 "the audit log queryable by an administrator (who read or changed a person's record)": own jurisdiction.
  'GET /admin/audit': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  // Issue #18: the province's administrator keeps its users, agencies and units (README "Administration").
  'GET /admin/users': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/users': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'PATCH /admin/users/{username}': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'GET /admin/agencies': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'POST /admin/agencies': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/units': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'PATCH /admin/agencies/{id}': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/reorganisations': { roles: ['SYSTEM_ADMIN'], scope: 'own-province' },
  'POST /admin/deputations': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  // A workbook's rows are each checked against the caller's jurisdiction (a row of another province is a problem, not a 403).
  'GET /admin/users/import-template': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'GET /admin/agencies/{id}/webhooks': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/agencies/{id}/webhooks': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'DELETE /admin/agencies/{id}/webhooks/{subscriptionId}': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/agencies/{id}/webhooks/{subscriptionId}/test': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/agencies/{id}/test-email': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'POST /admin/users/import': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'GET /admin/deputations': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  // Issue #18 "a national administrator above provinces": adds a province and its first administrator;
  // sits at the national root, which covers no province (DESIGN.md decisions 7 and 8).
  'GET /national/provinces': { roles: ['NATIONAL_ADMIN'], scope: 'any' },
  'POST /national/provinces': { roles: ['NATIONAL_ADMIN'], scope: 'any' },
  // Issue #18: a province's administrator imports its running cases; each row is checked against
  // the administrator's province (a row of another is a problem), and an import is read only by its province's.
  'GET /caseload-imports/template': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'POST /caseload-imports': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'GET /caseload-imports': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
  'GET /caseload-imports/{importId}': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'GET /caseload-imports/{importId}/rejected': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  'DELETE /admin/deputations/{id}': { roles: ['SYSTEM_ADMIN'], scope: 'own-jurisdiction' },
  // README "GET /registry/jurisdictions[/:id] | any role | units the caller's agency covers, plus its ancestors".
  'GET /registry/jurisdictions': { roles: 'all', scope: 'any' },
  'GET /registry/jurisdictions/{id}': { roles: 'all', scope: 'own-jurisdiction' },
  // README "GET /registry/agencies[/:id] | any role | agencies in those units".
  'GET /registry/agencies': { roles: 'all', scope: 'any' },
  'GET /registry/agencies/{id}': { roles: 'all', scope: 'own-jurisdiction' },
  // README "POST /system/pings, GET /system/pings/:workflowId | SYSTEM_ADMIN, PROVINCIAL_COORDINATOR"; a ping is
  // recorded in its requester's jurisdiction, so reading another province's ping is outside the caller's
  // (DESIGN.md decision 7: every user acts only within their own jurisdiction).
  'POST /system/pings': { roles: ['SYSTEM_ADMIN', 'PROVINCIAL_COORDINATOR'], scope: 'any' },
  'GET /system/pings/{workflowId}': { roles: ['SYSTEM_ADMIN', 'PROVINCIAL_COORDINATOR'], scope: 'own-province' },
  // README "GET /calendar/holidays?year= | public", "GET /calendar/add-working-days | public".
  'GET /calendar/holidays': { roles: 'all', scope: 'public' },
  'GET /calendar/add-working-days': { roles: 'all', scope: 'public' },
  // README "GET /calendar/overrides, PUT/DELETE /calendar/overrides/:date | read: any role; write: NATIONAL_ADMIN"
  // (issue #18: the calendar is national, so with a national level its swaps are the national administrator's).
  'GET /calendar/overrides': { roles: 'all', scope: 'any' },
  'PUT /calendar/overrides/{date}': { roles: ['NATIONAL_ADMIN'], scope: 'any' },
  'DELETE /calendar/overrides/{date}': { roles: ['NATIONAL_ADMIN'], scope: 'any' },
  // README "GET /rules, GET /rules/:key/effective?provinceId= | any role" (the law is public).
  'GET /rules': { roles: 'all', scope: 'any' },
  'GET /rules/{key}/effective': { roles: 'all', scope: 'any' },
  // README "GET /rules/overrides?provinceId= | any role, own province or above".
  'GET /rules/overrides': { roles: 'all', scope: 'own-province' },
  // README "PUT /rules/:key/overrides | PROVINCIAL_COORDINATOR (own province), SYSTEM_ADMIN";
  // DESIGN.md decision 7: the administrator too acts within their own jurisdiction.
  'PUT /rules/{key}/overrides': { roles: COORDINATORS, scope: 'own-province' },
  // README "GET /deadlines/steps | any role, own jurisdiction"; "GET /deadlines/steps/:id | any role, own jurisdiction".
  'GET /deadlines/steps': { roles: 'all', scope: 'own-jurisdiction' },
  'GET /deadlines/steps/{id}': { roles: 'all', scope: 'own-jurisdiction' },
  // README "GET /me/tasks | any role" (my own tasks only).
  'GET /me/tasks': { roles: 'all', scope: 'any' },
  // README "GET /deadlines/board | any role, own jurisdiction"; "GET /deadlines/board/steps | any role, own jurisdiction".
  'GET /deadlines/board': { roles: 'all', scope: 'own-jurisdiction' },
  'GET /deadlines/board/steps': { roles: 'all', scope: 'own-jurisdiction' },
  // README "GET /performance/on-time | any role, own jurisdiction"; "GET /performance/durations | any role, own jurisdiction".
  'GET /performance/on-time': { roles: 'all', scope: 'own-jurisdiction' },
  'GET /performance/durations': { roles: 'all', scope: 'own-jurisdiction' },
  // README "GET /assessment-criteria, GET /assessment-criteria/sets/:id | any role, own province" (communes assess themselves
  // against them); "POST /assessment-criteria/… | PROVINCIAL_COORDINATOR, SYSTEM_ADMIN (own province)"; "GET /assessments |
  // PROVINCIAL_COORDINATOR, SYSTEM_ADMIN (own province)": procedures.md §12, the province's council scores and recognises.
  'GET /assessment-criteria': { roles: 'all', scope: 'own-province' },
  'GET /assessment-criteria/sets/{id}': { roles: 'all', scope: 'own-province' },
  'POST /assessment-criteria/{provinceId}/{programme}/{year}': { roles: COORDINATORS, scope: 'own-province' },
  'GET /assessments': { roles: COORDINATORS, scope: 'own-province' },
  // README "GET /establishments | team 178, coordinators, the commune's chairman and police, own jurisdiction";
  // "POST /establishments, PATCH /establishments/:id | TEAM_178_MEMBER, PROVINCIAL_COORDINATOR, SYSTEM_ADMIN, own jurisdiction";
  // "PUT/GET /inspection-plans/:team/:year | the team's members, coordinators covering it" (§11: a plan names the
  // establishments to inspect; the communes named do not read it).
  'GET /establishments': { roles: [...TEAM_KEEPERS, 'COMMUNE_CHAIRMAN', ...POLICE], scope: 'own-jurisdiction' },
  'GET /establishments/{id}': { roles: [...TEAM_KEEPERS, 'COMMUNE_CHAIRMAN', ...POLICE], scope: 'own-jurisdiction' },
  'POST /establishments': { roles: TEAM_KEEPERS, scope: 'own-jurisdiction' },
  'PATCH /establishments/{id}': { roles: TEAM_KEEPERS, scope: 'own-jurisdiction' },
  'PUT /inspection-plans/{teamAgencyId}/{year}': { roles: TEAM_KEEPERS, scope: 'own-province' },
  'GET /inspection-plans/{teamAgencyId}/{year}': { roles: TEAM_KEEPERS, scope: 'own-province' },
  // README "GET /inbox, POST /inbox/:id/read | any role | reminders and escalations addressed to the caller's agency and roles".
  'GET /inbox': { roles: 'all', scope: 'any' },
  'POST /inbox/{id}/read': { roles: 'all', scope: 'addressee' },
  // README "GET /procedures | any role".
  'GET /procedures': { roles: 'all', scope: 'any' },
  // README "POST /cases | the procedure's openers"; procedures.md §5.3 D1–D2 (the matrix opens procedure D).
  'POST /cases': { roles: PROCEDURE_D_OPENERS, scope: 'own-jurisdiction' },
  // README "GET /cases?… | every case reader | search within the caller's jurisdiction, among the procedures the
  // caller's roles read" (filtered, not refused): a reader of any procedure may search, doctors included (§3).
  'GET /cases': { roles: ANY_CASE_READER, scope: 'any' },
  // README "POST /cases/:caseRef/actions | from the procedure's action table …": see ACTION_POLICY.
  'POST /cases/{caseRef}/actions': { roles: 'all', scope: 'per-action' },
  // README "GET /cases/:caseRef | the procedure's readers, own jurisdiction or owner of one of its steps".
  'GET /cases/{caseRef}': { roles: PROCEDURE_D_READERS, scope: 'own-jurisdiction' },
  // README "GET /persons/:personId | every case reader | … every case of theirs the caller may read";
  // DESIGN.md decisions 7–8: a person of another province is not the caller's to see.
  'GET /persons/{personId}': { roles: PROCEDURE_D_READERS, scope: 'own-jurisdiction' },
  // README "POST /cases/:caseRef/documents, GET /cases/:caseRef/documents/:id | case roles, own jurisdiction".
  'POST /cases/{caseRef}/documents': { roles: PROCEDURE_D_READERS, scope: 'own-jurisdiction' },
  'GET /cases/{caseRef}/documents/{documentId}': { roles: PROCEDURE_D_READERS, scope: 'own-jurisdiction' },
  // README "POST /reporting/cycles, PUT /reporting/cycles/:id, GET /reporting/cycles/:id | PROVINCIAL_COORDINATOR, SYSTEM_ADMIN (own province)".
  'POST /reporting/cycles': { roles: COORDINATORS, scope: 'own-province' },
  'PUT /reporting/cycles/{id}': { roles: COORDINATORS, scope: 'own-province' },
  'GET /reporting/cycles/{id}': { roles: COORDINATORS, scope: 'own-province' },
  // README "POST /reporting/cycles/:id/pause, /resume, /runs | same".
  'POST /reporting/cycles/{id}/pause': { roles: COORDINATORS, scope: 'own-province' },
  'POST /reporting/cycles/{id}/resume': { roles: COORDINATORS, scope: 'own-province' },
  'POST /reporting/cycles/{id}/runs': { roles: COORDINATORS, scope: 'own-province' },
  // README "GET /reporting/cycles | PROVINCIAL_COORDINATOR, SYSTEM_ADMIN | the province's cycles" (filtered).
  'GET /reporting/cycles': { roles: COORDINATORS, scope: 'any' },
  // README "GET /reports?standing= | COMMUNE_OFFICIAL, COMMUNE_CHAIRMAN, PROVINCIAL_COORDINATOR | the reports of the units the caller covers".
  // Issue #16: agencies that report for themselves (a team 178, a facility) list their own reports (procedures.md §11, §13).
  'GET /reports': { roles: [...COMMUNE, 'PROVINCIAL_COORDINATOR', 'TEAM_178_MEMBER', ...FACILITY], scope: 'any' },
  // README "GET /reports/:reportId | COMMUNE_OFFICIAL, COMMUNE_CHAIRMAN, PROVINCIAL_COORDINATOR, own jurisdiction".
  'GET /reports/{reportId}': { roles: [...COMMUNE, 'PROVINCIAL_COORDINATOR'], scope: 'own-jurisdiction' },
  // README "POST /reports/:reportId/versions | the report task's owner agency (or its successor)"; procedures.md §13:
  // the commune People's Committee reports (its officials and chairman).
  'POST /reports/{reportId}/versions': { roles: COMMUNE, scope: 'owner-agency' },
  // README "GET /reporting/runs/:runId/rollup | PROVINCIAL_COORDINATOR, SYSTEM_ADMIN (own province)".
  'GET /reporting/runs/{runId}/rollup': { roles: COORDINATORS, scope: 'own-province' },
  // README "PUT /reporting/targets, GET /reporting/targets/progress | coordinators; progress also commune officials".
  'PUT /reporting/targets': { roles: COORDINATORS, scope: 'own-jurisdiction' },
  'GET /reporting/targets/progress': { roles: [...COORDINATORS, ...COMMUNE], scope: 'own-jurisdiction' },
  // Issue #17 item 7: "a codec endpoint that decrypts payloads for a SYSTEM_ADMIN only" (the Temporal Web UI's);
  // README "POST /codec/decode | SYSTEM_ADMIN". Not per jurisdiction: a payload names no unit before it is decrypted.
  'POST /codec/decode': { roles: ['SYSTEM_ADMIN'], scope: 'any' },
};

/**
 * Who may take an action (README "POST /cases/:caseRef/actions": the step's owner, or its
 * successor agency, and the colleagues the procedure names; or the named roles in an agency
 * covering the case). Procedure D's dossier stage, procedures.md §5.3:
 * D2 "compile the dossier: commune police" (officer and head), D3 "notify the person and family:
 * dossier-compiling police", D5 "transfer the dossier to the court": the district labour division
 * until 28 Feb 2025; from 1 Mar 2025 the replacement is UNCONFIRMED in §5.3 and §1 (rehab moved to
 * the MPS), so the owner is whom the rule book names for the date (README: "the step's owner"):
 * the provincial police drug division's coordinator. The commune police do not transfer.
 */
export const ACTION_POLICY: Record<string, Record<string, readonly Role[]>> = {
  COMPULSORY_REHAB_ADULT: {
    FILE_DOSSIER: POLICE,
    NOTIFY_PERSON: POLICE,
    TRANSFER_TO_COURT: ['PROVINCIAL_COORDINATOR'],
    // procedures.md §5.3 D6: the court accepts the dossier (judges; the chief judge assigns).
    ACCEPT_DOSSIER: COURT,
  },
};
