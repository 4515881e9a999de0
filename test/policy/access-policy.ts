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
  'JUSTICE_OFFICER',
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
  // Issue #18 "a real province moves in": a running case goes to another commune of its province, moved by the
  // province's coordinator or by the head of police or chairman of the commune holding it (DESIGN.md decision 7;
  // README "POST /cases/:caseRef/jurisdiction").
  'POST /cases/{caseRef}/jurisdiction': { roles: ['PROVINCIAL_COORDINATOR', 'COMMUNE_POLICE_HEAD', 'COMMUNE_CHAIRMAN'], scope: 'own-jurisdiction' },
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
 * Who may take each action of each procedure, written from procedures.md (cited per entry), not
 * from the procedures' definitions (README "POST /cases/:caseRef/actions": the step's owner, or its
 * successor agency, and the colleagues the procedure names; or the named roles in an agency
 * covering the case). Conventions: an agency named in the text maps to all its roles (commune
 * police → officer and head; court → judge and chief judge); a commune People's Committee decision
 * or certificate signed by the chairman → the chairman only, the committee's staff work (compile,
 * notify, monitor, receive) → officials and chairman; a facility's work → officer and director, a
 * certificate it issues → its director; LABOUR_OFFICER only where §1 leaves the task with labour
 * after 1 March 2025. SYSTEM_ADMIN and NATIONAL_ADMIN take no case action (DESIGN.md decision 8).
 * D5 "transfer the dossier to the court": the district labour division until 28 Feb 2025; from 1 Mar
 * 2025 the replacement is UNCONFIRMED in §5.3 and §1, so the owner is whom the rule book names for
 * the date: the provincial police drug division's coordinator. The commune police do not transfer.
 * Exercised by test/integration/procedure-forms.test.ts (every action, while its step is open) and
 * permission-matrix.test.ts (procedure D's dossier stage, own and another province).
 */
export const ACTION_POLICY: Record<string, Record<string, readonly Role[]>> = {
  // ---------------------------------------------------------------- §2 procedure A
  DRUG_USER_MANAGEMENT: {
    // §2 A3: the Chairman of the commune People's Committee issues the management decision (commune police only advise).
    DECIDE_MANAGEMENT: ['COMMUNE_CHAIRMAN'],
    // §2 A4: the commune police check and update the managed user's residence at least monthly.
    RECORD_RESIDENCE_CHECK: POLICE,
    // §2 A5: the user notifies the police of the old place of a move; the commune police record it (silent on who records: police, as they receive the notice).
    RECORD_MOVE: POLICE,
    // §2 A5, §13: the commune police notify the receiving commune within 24 h.
    NOTIFY_RECEIVING_COMMUNE: POLICE,
    // §2 A5: the user reports to the police of the new place within 24 h (the receiving commune's police confirm).
    CONFIRM_ARRIVAL: POLICE,
    // §2 A6: found using again or without stable residence → determination (procedure B), sent by the commune police.
    SEND_FOR_DETERMINATION: POLICE,
  },

  // ---------------------------------------------------------------- §3 procedure B
  ADDICTION_DETERMINATION: {
    // §3 B2–B4: the physician of the qualified medical facility examines and concludes (TT 18/2021 Art. 3–5).
    RECORD_CONCLUSION: ['DOCTOR'],
    // §3 B3: two criteria without criterion 6 → further monitoring, concluded by the physician (its length UNCONFIRMED).
    CONCLUDE_MONITORING: ['DOCTOR'],
    // §3 B5 / §4 C1: the person or family registers with the Chairman of the commune People's Committee; receiving it is the committee's staff work (§1: the task force assisted the chairman on registration).
    REGISTER_TREATMENT: COMMUNE,
  },

  // ---------------------------------------------------------------- §4 procedure C
  VOLUNTARY_REHAB: {
    // §4 C2: the commune chairman verifies and decides treatment at the family or community, and assigns a monitor.
    DECIDE_VOLUNTARY_TREATMENT: ['COMMUNE_CHAIRMAN'],
    // §4 "at a facility": a contract with the facility, which admits (the text names the facility, not its director: both roles).
    ADMIT_VOLUNTARY: FACILITY,
    // §4 C4 (and §5.3 D1): the violation record (Form 27) is drawn up by the commune chairman or the head of commune police (ND 116 Art. 33): named heads only.
    RECORD_VIOLATION: ['COMMUNE_CHAIRMAN', 'COMMUNE_POLICE_HEAD'],
    // §4 C5: the monitor proposes, the commune chairman issues the certificate of completion (ND 116 Art. 32(3)).
    COMPLETE_VOLUNTARY_TREATMENT: ['COMMUNE_CHAIRMAN'],
    // §4 "at a facility" (TTLT 43/2011 Art. 11, old regime): the facility issues the certificate → its director certifies (director named by convention, UNCONFIRMED in the text).
    COMPLETE_FACILITY_TREATMENT: ['FACILITY_DIRECTOR'],
  },

  // ---------------------------------------------------------------- §5 procedure D
  COMPULSORY_REHAB_ADULT: {
    // §5.3 D2: the head of commune police compiles the dossier (officer and head, as today's ACTION_POLICY; provincial police units compile only cases they detect themselves).
    FILE_DOSSIER: POLICE,
    // §5.3 D3: the dossier-compiling police notify the person and family (timing UNCONFIRMED).
    NOTIFY_PERSON: POLICE,
    // §5.3 D5: district labour division until 28 Feb 2025; from 1 Mar 2025 UNCONFIRMED (§1: rehab moved to the MPS/PC04) → provincial police drug division's coordinator, as today's ACTION_POLICY.
    // The district labour division's officer for a D5 that fell before 1 March 2025 (a case begun then, imported or late).
    TRANSFER_TO_COURT: ['PROVINCIAL_COORDINATOR', 'LABOUR_OFFICER'],
    // §5.3 D6: the court accepts the dossier (judges; the chief judge assigns).
    ACCEPT_DOSSIER: COURT,
    // §5.3 D7: the judge checks the dossier and may request supplementary documents (deadline UNCONFIRMED for adults).
    REQUEST_DOCUMENTS: COURT,
    // §5.3 D8: the court holds the hearing (phiên họp); scheduling it is the court's.
    SCHEDULE_HEARING: COURT,
    // §5.3 D8: the judge announces the decision (apply / not apply / suspend / temporarily suspend).
    RECORD_DECISION: COURT,
    // §5.3 D7 "judge; proposing agency": the proposing agency supplies: since 1 Mar 2025 the commune police, who compile and propose (D2);
    // the coordinator only transfers (first written with the coordinator too; UNCONFIRMED, settled for the code's reading).
    SUPPLY_DOCUMENTS: POLICE,
    // §5.3 D7: not supplemented in time → the court may return the dossier (UNCONFIRMED).
    RETURN_DOSSIER: COURT,
    // §5.3 D8: resuming after a temporary suspension (tạm đình chỉ) is the court's (silent on resumption; the court suspended).
    RESUME_PROCEEDINGS: COURT,
    // §5.3 D9 "complaint, petition, protest": the person complains to the court (the court records it), the
    // proposing agency (the commune police) petitions, the procuracy protests (Pháp lệnh 01/2022, as for minors).
    FILE_COMPLAINT: [...COURT, 'PROCURATOR', ...POLICE],
    // §5.3 D9, §1: the higher (provincial) court decides complaints and protests (after Pháp lệnh 08/2025 UNCONFIRMED).
    DECIDE_APPEAL: COURT,
    // §5.3 D11: police escort, the rehab facility admits and classifies (facility staff; director too).
    ADMIT: FACILITY,
    // §5.3 D10: postponement decided by the court on application (ND 116 Art. 57).
    POSTPONE_EXECUTION: COURT,
    // §5.3 D10: the commune police monitor whether the postponement grounds still exist; the court, which postponed, may end it (silent on who records the end).
    // The police report that the grounds ended; the court, which postponed, decides (first written with the police too).
    END_POSTPONEMENT: COURT,
    // §5.3 D10: exemption decided by the court on application.
    EXEMPT: COURT,
    // §5.3 D4/D12: absconding is UNCONFIRMED; during the term the person is in the facility's charge → the facility records it.
    ABSCOND: FACILITY,
    // §5.2, §5.3 D12: reduction of 3–6 months (ND 116); the decider is UNCONFIRMED → the court, whose measure it is (the facility proposes).
    REDUCE_TERM: COURT,
    // §5.3 D12: suspension or exemption from the remaining term decided by the court (details UNCONFIRMED).
    EARLY_RELEASE: COURT,
    // §5.3 D11–D12 (silent on return after absconding): the facility takes the person back (police may escort, as in D11).
    RETURN_TO_FACILITY: FACILITY,
    // §5.3 D13: the facility certifies completion and notifies the commune → its director certifies (director by convention; text says "facility").
    COMPLETE_TREATMENT: ['FACILITY_DIRECTOR'],
  },

  // ---------------------------------------------------------------- §6 procedure E
  COMPULSORY_REHAB_MINOR: {
    // §6 E1: from 1 Mar 2025 the head of commune police compiles the dossier (officer and head, as for D2).
    FILE_DOSSIER: POLICE,
    // §6 (silent) by analogy with §5.3 D3: the dossier-compiling police notify the parent or guardian (UNCONFIRMED).
    NOTIFY_GUARDIAN_OF_DOSSIER: POLICE,
    // §6 (silent): each notice to the parent or guardian is given by the body handling the step: the police (dossier) or the court (hearing, decision).
    // And the facility, which tells the guardian of the admission (§5.3 D11 by analogy).
    RECORD_GUARDIAN_NOTICE: [...POLICE, ...COURT, ...FACILITY],
    // §6 E8 (Legal Aid Centre appoints; the defender takes part before the court; silent on who records) → the court, and the police during the dossier.
    ASSIGN_DEFENDER: [...POLICE, ...COURT],
    // §6 E2: head of district labour division before 3/2025; after 1 Mar 2025 UNCONFIRMED (§1, §15 item 3) → provincial police coordinator, as for D5.
    // The district labour division's officer for an E2 that fell before 1 March 2025.
    TRANSFER_TO_COURT: ['PROVINCIAL_COORDINATOR', 'LABOUR_OFFICER'],
    // §6 E3: the court receives and accepts the dossier.
    ACCEPT_DOSSIER: COURT,
    // §6 E4: the judge checks the dossier and requests missing documents (Pháp lệnh 01/2022 Art. 13).
    REQUEST_DOCUMENTS: COURT,
    // §6 E4: the proposing agency supplies: the commune police since 1 Mar 2025 (as for D7).
    SUPPLY_DOCUMENTS: POLICE,
    // §6 E5: complex case, the court extends up to 30 days (who in the court: silent → judges and chief judge).
    EXTEND_DECISION_PERIOD: COURT,
    // §6 E5: the court decides within 15 days (send / not send / suspend / temporarily suspend).
    RECORD_DECISION: COURT,
    // §6 E5: resuming after a temporary suspension is the court's (silent).
    RESUME_PROCEEDINGS: COURT,
    // §6 E6–E7: the person, parent or guardian complain to the court (it records them); the proposing police petition; the procuracy protests.
    FILE_COMPLAINT: [...COURT, 'PROCURATOR', ...POLICE],
    // §6 E7, §1: the provincial court resolves complaints and protests.
    DECIDE_APPEAL: COURT,
    // §6 (Law 120/2025: reformatory or public facility) / §5.3 D11: the facility admits (staff; director too).
    ADMIT: FACILITY,
    // §6 / §5.3 D13: the facility certifies completion → its director certifies (director by convention).
    COMPLETE_TREATMENT: ['FACILITY_DIRECTOR'],
  },

  // ---------------------------------------------------------------- §8 procedure G
  EDUCATION_AT_COMMUNE: {
    // §8 G1: the commune police head (or another competent person, ND 120 Art. 19–20 UNCONFIRMED) compiles the dossier: commune police.
    FILE_DOSSIER: POLICE,
    // §8 G2: the dossier compiler notifies in writing immediately (ND 120 Art. 21).
    NOTIFY_PERSON: POLICE,
    // §8 G3: the commune justice-civil status officer checks legality for the chairman (committee staff work: officials and chairman).
    COMPLETE_LEGAL_CHECK: COMMUNE,
    // §8 G4: the commune chairman holds the advisory meeting.
    HOLD_ADVISORY_MEETING: ['COMMUNE_CHAIRMAN'],
    // §8 G5: the commune chairman decides to apply the measure, not to, or family management.
    DECIDE_MEASURE: ['COMMUNE_CHAIRMAN'],
    // §8 G7: the commune People's Committee assigns and follows the management and education (staff work; UNCONFIRMED detail).
    RECORD_REVIEW: COMMUNE,
    // §8 G6: complaint or lawsuit by the person (UNCONFIRMED); a complaint goes to the deciding chairman's committee, which records it.
    FILE_COMPLAINT: COMMUNE,
    // §3 (Art. 27(1) third bullet), §2 A6, §14: drug use during or within 1 year after the measure → determination, requested by the commune police.
    // And the commune committee, which supervises the person under the measure (first written police only).
    RECORD_DRUG_USE: [...POLICE, ...COMMUNE],
    // §8 G7: the commune People's Committee issues the completion certificate, signed by its chairman.
    ISSUE_CERTIFICATE: ['COMMUNE_CHAIRMAN'],
  },

  // ---------------------------------------------------------------- §7 procedure F
  POST_REHAB: {
    // §7 "Content"/"Monitoring" and DESIGN.md "commune officials supervise post-rehabilitation": the commune People's Committee's staff record the monthly follow-up.
    RECORD_CHECK_IN: COMMUNE,
    // §7 (silent on moves): the committee keeps the list of persons under management → commune officials and chairman.
    // And the commune police, with whom a move of residence is registered (first written commune only).
    RECORD_MOVE: [...COMMUNE, ...POLICE],
    // §7 "Relapse", §2 A6, §3 B4: found using → determination, detected by the commune (monitoring) or its police (testing, requests determination).
    RECORD_RELAPSE: [...POLICE, ...COMMUNE],
    // §7 "Closure": the commune chairman issues the certificate of completion (Form 54, ND 116 Art. 81).
    ISSUE_COMPLETION_CERTIFICATE: ['COMMUNE_CHAIRMAN'],
  },

  // ---------------------------------------------------------------- §10 procedure H
  TRAFFICKING_VICTIM: {
    // Support (H5) follows Law 53/2024 from 1 July 2025: the commune People's Committee; first written with the police
    // and labour too (labour's district divisions ended on 30 June 2025).
    // §10.1 H1–H2: the receiving agency brings the person to the commune at once: the step is the police's
    // (a person received by the commune People's Committee is already there). First written with the commune too.
    BRING_TO_COMMUNE: POLICE,
    // §10.1 H3: the commune People's Committee notifies the verifying agency immediately (staff work: officials and chairman).
    NOTIFY_ONWARD: COMMUNE,
    // §10.1 H4: district labour agency + district police verify within 3 days; district police abolished 1 Mar 2025 (§1: tasks → commune or provincial police); labour kept this (not a rehab function) until 30 Jun 2025; successor UNCONFIRMED.
    // The provincial coordinator (the drug division) does not verify trafficking victims (first written with it).
    RECORD_VERIFICATION: [...POLICE, 'LABOUR_OFFICER'],
    // §10.1 H4 (cut off) / §10.2: no documents → further verification by the police, requested by labour (same successors as the initial verification, UNCONFIRMED).
    // The police verify further at labour's request, and conclude (first written with the coordinator and labour too).
    CONCLUDE_FURTHER_VERIFICATION: POLICE,
    // §10 silent on children (Law on Children 2016): the commune People's Committee, which received the child, arranges the representative and alternative care (staff work).
    RECORD_CHILD_PROTECTION: COMMUNE,
    // §10.1 H5 (silent on consent): recorded by whoever offers the support: the commune People's Committee or police; labour until 30 Jun 2025 (H4 "receives and supports").
    AGREE_SUPPORT: COMMUNE,
    // §10.1 H5 (silent on refusal): as AGREE_SUPPORT.
    REFUSE_SUPPORT: COMMUNE,
    // §10.1 H4–H5: support by the police and the commune People's Committee (social-support facilities have no role here); labour until 30 Jun 2025.
    PROVIDE_SUPPORT: COMMUNE,
  },

  // ---------------------------------------------------------------- §11 procedure I
  INSPECTION_178: {
    // §11 "administrative sanction by the competent authority" (UNCONFIRMED) → the commune chairman, the general sanctioning authority at commune level (README: the chairman).
    RECORD_SANCTION: ['COMMUNE_CHAIRMAN'],
    // §11 (Hanoi 2026 plan: complex establishments re-inspected): by team 178.
    RECORD_REINSPECTION: ['TEAM_178_MEMBER'],
  },

  // ---------------------------------------------------------------- §12 procedure J
  COMMUNE_ASSESSMENT: {
    // §12 "local pattern: criteria, assessment, appraisal, recognition"; plans/cao-lanh-2017: the communes assess and score themselves (committee staff and chairman).
    SUBMIT_SELF_ASSESSMENT: COMMUNE,
    // §12 (appraisal body UNCONFIRMED): the province's council, in practice its steering committee → PROVINCIAL_COORDINATOR.
    RECORD_COUNCIL_SCORES: ['PROVINCIAL_COORDINATOR'],
    // §12 (approving body UNCONFIRMED; no role for a provincial chairman) → the coordinating body that holds the council.
    RECORD_DECISION: ['PROVINCIAL_COORDINATOR'],
  },
};

/**
 * §5.4, procedure D under the 2014–2021 regime: the commune chairman compiled the dossier (the commune
 * police advising), the committee notified, the district justice division checked legality and the district
 * labour division forwarded to the district court; from the court on, §5.3 as today, except that the
 * proposing body (documents supplied, petitions) was the commune People's Committee. The justice and labour
 * divisions ended in 2025: the rule book's successor (the drug division's coordinator) answers for their
 * steps still open (UNCONFIRMED, as for today's D5).
 */
ACTION_POLICY.COMPULSORY_REHAB_ADULT_2014 = {
  ...ACTION_POLICY.COMPULSORY_REHAB_ADULT,
  // §5.4: "the dossier was compiled by the commune chairman" (staff work of the committee: officials and chairman).
  FILE_DOSSIER: COMMUNE,
  // §5.3 D3 by analogy: the compiling body notifies.
  NOTIFY_PERSON: COMMUNE,
  // §5.4: "the district justice division (Phòng Tư pháp) checked legality".
  CHECK_LEGALITY: ['PROVINCIAL_COORDINATOR', 'JUSTICE_OFFICER'],
  // §5.4: "the district labour division (Phòng LĐTBXH) forwarded to the court".
  TRANSFER_TO_COURT: ['PROVINCIAL_COORDINATOR', 'LABOUR_OFFICER'],
  // §5.3 D7 "proposing agency": the commune People's Committee then.
  SUPPLY_DOCUMENTS: COMMUNE,
  // §5.3 D9: the person, the proposing body (the commune), the procuracy.
  FILE_COMPLAINT: [...COURT, 'PROCURATOR', ...COMMUNE],
};

/*
 * UNCERTAIN ENTRIES (why), per procedure:
 *
 * DRUG_USER_MANAGEMENT
 *   - RECORD_MOVE, CONFIRM_ARRIVAL: §2 A5 is the Law 120/2025 rule (from 1 Jul 2026); who records a move
 *     before then is silent. Commune officials might also be argued (§9: "the commune People's Committee is
 *     responsible" for management).
 * ADDICTION_DETERMINATION
 *   - REGISTER_TREATMENT: the text says "to the Chairman"; officials included because receiving a filing is
 *     staff work. OST registration happens at a medical facility (DOCTOR not included).
 * VOLUNTARY_REHAB
 *   - RECORD_VIOLATION: text names the chairman or the HEAD of commune police; officers excluded, unlike the
 *     existing FILE_DOSSIER precedent (POLICE for "Trưởng Công an cấp xã").
 *   - ADMIT_VOLUNTARY (both facility roles, though the director signs a contract) and
 *     COMPLETE_FACILITY_TREATMENT (director only): the text names "the facility", never its director.
 * COMPULSORY_REHAB_ADULT
 *   - TRANSFER_TO_COURT, SUPPLY_DOCUMENTS: the post-1 Mar 2025 transferring/proposing body is UNCONFIRMED.
 *   - FILE_DOSSIER: provincial police units also compile for cases they detect (§5.3 D2); PROVINCIAL_COORDINATOR
 *     left out to match the existing policy.
 *   - END_POSTPONEMENT (police + court), ABSCOND and RETURN_TO_FACILITY (facility only), REDUCE_TERM and
 *     EARLY_RELEASE (court; the facility proposes): the text is silent or UNCONFIRMED.
 *   - COMPLETE_TREATMENT: director only by convention.
 * COMPULSORY_REHAB_MINOR
 *   - NOTIFY_GUARDIAN_OF_DOSSIER, RECORD_GUARDIAN_NOTICE, ASSIGN_DEFENDER: §6 is silent; by analogy.
 *   - TRANSFER_TO_COURT, SUPPLY_DOCUMENTS: as for D. EXTEND_DECISION_PERIOD: may be the chief judge's alone.
 * EDUCATION_AT_COMMUNE
 *   - FILE_DOSSIER: "or another competent person" (ND 120 Art. 19–20 UNCONFIRMED) may include the commune.
 *   - RECORD_REVIEW, FILE_COMPLAINT: steps UNCONFIRMED; commune staff chosen. RECORD_DRUG_USE: police only.
 *   - HOLD_ADVISORY_MEETING: chairman only; officials may record the minutes in practice.
 * POST_REHAB
 *   - RECORD_MOVE (silent), RECORD_RELAPSE (police + commune: both detect).
 * TRAFFICKING_VICTIM
 *   - The whole procedure: §10 says who performs H3–H4 after 2025 is UNCONFIRMED. LABOUR_OFFICER is kept on
 *     verification and support because §1 moved only rehab to the MPS on 1 Mar 2025 and the district labour
 *     divisions lasted until 30 Jun 2025; if procedure H is strictly Law 53/2024 (from 1 Jul 2025), drop it.
 *   - AGREE_SUPPORT, REFUSE_SUPPORT, RECORD_CHILD_PROTECTION: silent in procedures.md.
 * INSPECTION_178
 *   - RECORD_SANCTION: "competent authority" unnamed; the commune chairman chosen. Heads of commune police
 *     also hold sanctioning powers (not in the text); the team itself may be meant to record it.
 * COMMUNE_ASSESSMENT
 *   - RECORD_COUNCIL_SCORES, RECORD_DECISION: scoring and approving bodies UNCONFIRMED; the recognising
 *     authority is probably a People's Committee chairman above the commune, which has no role here.
 */

/**
 * Roles the policy allows only in agencies abolished in 2025, for steps those agencies owned: the
 * district labour divisions transferred dossiers to the court until 28 February 2025 and verified
 * trafficking victims until 30 June 2025; the district justice divisions checked the legality of
 * compulsory-rehabilitation dossiers under the 2014–2021 regime. On a case of today they are refused.
 */
export const ONLY_ABOLISHED_AGENCIES: Record<string, Record<string, readonly Role[]>> = {
  COMPULSORY_REHAB_ADULT: { TRANSFER_TO_COURT: ['LABOUR_OFFICER'] },
  COMPULSORY_REHAB_ADULT_2014: { CHECK_LEGALITY: ['JUSTICE_OFFICER'], TRANSFER_TO_COURT: ['LABOUR_OFFICER'] },
  COMPULSORY_REHAB_MINOR: { TRANSFER_TO_COURT: ['LABOUR_OFFICER'] },
  TRAFFICKING_VICTIM: { RECORD_VERIFICATION: ['LABOUR_OFFICER'] },
};
