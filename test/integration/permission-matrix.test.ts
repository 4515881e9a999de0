import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import pino from 'pino';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import type { Role } from '../../generated/prisma/enums';
import { reportScheduleId } from '../../workflows/reporting/reporting-contract';
import { PayloadEncryptionCodec, parsePayloadKey } from '../../temporal/payload-encryption';
import { ACTION_POLICY, ALL_ROLES, NATIONAL_ROLES, ONLY_ABOLISHED_AGENCIES, ROUTE_POLICY, type RoutePolicy } from '../policy/access-policy';
import { bodyFromSchema, type JsonSchema } from '../support/body-from-schema';
import { until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { ensureNationalRoot } from '../../db/national-root';
import { provinceWithEveryRole } from '../support/every-role-province';
import type { TestProvince } from '../support/test-province';

/**
 * The permission matrix (issue #17, item 3): every route of the OpenAPI document, called as every
 * role on a resource of the caller's own province and of another, judged against the policy in
 * test/policy/access-policy.ts (written from the documents, not from the routes' declarations).
 * Refused = 401, 403 or 404 (every resource named exists); reached = anything else but 5xx.
 */
jest.setTimeout(300_000);

type Side = 'own' | 'other';
type Verdict = 'reached' | 'refused' | 'error';

/** Cells this test does not run, with the reason; the test fails if this list changes. */
const EXPECTED_NOT_COVERED = [
  'POST /auth/logout: acts on the caller’s own account (ends every token of it): accounts.test.ts covers it',
  'POST /me/password: acts on the caller’s own account (ends every token of it): accounts.test.ts covers it',
];

/**
 * Where the code disagrees with the policy and the policy is right (see the KNOWN-DEFECT comments
 * in the policy). Each is `METHOD path | ROLE | side | got-verdict`; the test fails when one
 * disappears (fixed: remove it here) or a new mismatch appears.
 */
const KNOWN_DEFECTS: string[] = [];

const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const today = vietnamToday();
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

interface Resources {
  province: TestProvince;
  users: Record<Role, string>;
  caseRef: string;
  personId: string;
  stepId: string;
  documentId: string;
  cycleId: string;
  runId: string;
  reportId: string;
  pingId: string;
  criteriaSetId: string;
  establishmentId: string;
}

const ESTABLISHMENT_BODY = (jurisdictionId: string) => ({
  jurisdictionId,
  name: 'Karaoke Ma Trận',
  kind: 'KARAOKE',
  address: 'Ấp 2',
  ownerBusiness: 'Hộ kinh doanh thử',
  risk: 'HIGH',
  complex: false,
});

const CRITERIA_BODY = {
  criteria: [{ code: 'C1', vi: 'Tiêu chí ma trận', en: 'Matrix criterion', maxScore: 10, required: true }],
  levels: [{ code: 'RECOGNISED', vi: 'Đạt', en: 'Recognised', minScore: 10 }],
  source: 'Kiểm thử ma trận quyền',
};

let stack: CaseStack;
/** The API's error log during the run. */
const apiErrors: string[] = [];
const sides: Partial<Record<'A' | 'B', Resources>> = {};
const createdCycles: string[] = [];
const overrideDates: string[] = [];
let procedures: { code: string; actions: { type: string; schema: JsonSchema }[] }[] = [];

const res = (key: 'A' | 'B') => sides[key] as Resources;
const auth = async (user: string) => `Bearer ${await stack.driver.token(user)}`;

async function setUpProvince(label: 'A' | 'B'): Promise<Resources> {
  return (await provinceWithEveryRole(stack.api.db, `matrix-${label}`)) as Resources;
}

async function createResources(r: Resources) {
  const { province, users } = r;
  const opened = await stack.driver.openCase(users.COMMUNE_POLICE_OFFICER, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: daysBefore(today, 2),
  });
  r.caseRef = opened.caseRef;
  const caseRow = await stack.api.db.case.findUniqueOrThrow({ where: { id: r.caseRef } });
  if (caseRow.personId === null) throw new Error('a drug case is about a person');
  r.personId = caseRow.personId;
  r.stepId = (await until(() => stack.api.db.step.findFirst({ where: { caseRef: r.caseRef } }).then((s) => s ?? undefined), 'first step')).id;
  const upload = await request(stack.api.app)
    .post(`/cases/${r.caseRef}/documents?kind=OTHER&title=Thu&fileName=thu.pdf`)
    .set('Authorization', await auth(users.COMMUNE_POLICE_OFFICER))
    .set('Content-Type', 'application/pdf')
    .send(PDF);
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  r.documentId = upload.body.id as string;
  const criteria = await request(stack.api.app)
    .post(`/assessment-criteria/${province.provinceId}/DRUG_FREE_COMMUNE/2026`)
    .set('Authorization', await auth(users.PROVINCIAL_COORDINATOR))
    .send(CRITERIA_BODY);
  if (criteria.status !== 201) throw new Error(`criteria: ${criteria.status} ${JSON.stringify(criteria.body)}`);
  r.criteriaSetId = criteria.body.id as string;
  const establishment = await request(stack.api.app)
    .post('/establishments')
    .set('Authorization', await auth(users.TEAM_178_MEMBER))
    .send(ESTABLISHMENT_BODY(province.communeId));
  if (establishment.status !== 201) throw new Error(`establishment: ${establishment.status} ${JSON.stringify(establishment.body)}`);
  r.establishmentId = establishment.body.id as string;
  const plan = await request(stack.api.app)
    .put(`/inspection-plans/${province.agency.team178}/2026`)
    .set('Authorization', await auth(users.TEAM_178_MEMBER))
    .send({ coverageTargetPercent: 60, surpriseTarget: 2, establishmentIds: [r.establishmentId] });
  if (plan.status !== 200) throw new Error(`plan: ${plan.status} ${JSON.stringify(plan.body)}`);
  r.cycleId = `${province.provinceId}-PM`;
  const cycle = await request(stack.api.app)
    .post('/reporting/cycles')
    .set('Authorization', await auth(users.PROVINCIAL_COORDINATOR))
    .send(cycleBody(r, r.cycleId));
  if (cycle.status !== 201) throw new Error(`cycle: ${cycle.status} ${JSON.stringify(cycle.body)}`);
  createdCycles.push(r.cycleId);
  const run = await request(stack.api.app)
    .post(`/reporting/cycles/${r.cycleId}/runs`)
    .set('Authorization', await auth(users.PROVINCIAL_COORDINATOR))
    .send({ periodKey: '2026-Q1' });
  if (run.status >= 300) throw new Error(`run: ${run.status} ${JSON.stringify(run.body)}`);
  r.runId = `${r.cycleId}:2026-Q1`;
  r.reportId = `${r.runId}:${province.communeId}`;
  await until(
    () => stack.api.db.step.findFirst({ where: { caseRef: r.runId, jurisdictionId: province.communeId } }).then((s) => s ?? undefined),
    'the commune’s report task',
  );
  const ping = await request(stack.api.app)
    .post('/system/pings')
    .set('Authorization', await auth(users.SYSTEM_ADMIN))
    .set('Idempotency-Key', randomUUID())
    .send({ note: 'matrix' });
  if (ping.status !== 202) throw new Error(`ping: ${ping.status}`);
  r.pingId = ping.body.workflowId as string;
}

/** One payload encrypted with the run's key, as the Temporal Web UI sends it to POST /codec/decode (protobuf-JSON, base64). */
let codecBody: { payloads: { metadata: Record<string, string>; data: string }[] };

async function encryptedPayloadBody() {
  const codec = new PayloadEncryptionCodec({ current: parsePayloadKey(process.env.TEST_PAYLOAD_KEY as string) });
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ note: 'matrix' })]);
  const base64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
  return {
    payloads: [
      {
        metadata: Object.fromEntries(Object.entries(sealed?.metadata ?? {}).map(([key, value]) => [key, base64(value)])),
        data: base64(sealed?.data),
      },
    ],
  };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function cycleBody(r: Resources, id?: string) {
  return {
    ...(id ? { id, provinceId: r.province.provinceId } : {}),
    periodKind: 'QUARTERLY',
    nameVi: 'Báo cáo quý thử',
    nameEn: 'Test quarterly report',
    ruleKey: 'REPORT.QUARTERLY',
    receiverAgencyId: r.province.agency.drugDivision,
    config: { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'PERIOD_START' }, receiverRuleKey: 'REPORT.PROVINCE.QUARTERLY' },
  };
}

interface Call {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  body?: unknown;
  raw?: { type: string; bytes: Buffer };
  prepare?: () => Promise<void>;
}

let cellSeq = 0;
const nextDate = () => {
  const date = new Date(Date.UTC(2035, 5, 1) + overrideDates.length * 86_400_000).toISOString().slice(0, 10);
  overrideDates.push(date);
  return date;
};

/** The request for one cell: path params, query and body pointing at the target province's resources. */
function callFor(route: string, t: Resources, caller: Resources, role: Role): Call {
  const seq = (cellSeq += 1);
  switch (route) {
    case 'POST /inbox/{id}/read': {
      // A reminder in the target province's inbox for the caller's role (the national body gets none:
      // for the national administrator, the province administrator's), written as the worker writes them.
      const id = randomUUID();
      const addressee: Role = NATIONAL_ROLES.includes(role) ? 'SYSTEM_ADMIN' : role;
      const prepare = async () => {
        const { agencyId } = await stack.api.db.user.findUniqueOrThrow({ where: { username: t.users[addressee] } });
        const notification = await stack.api.db.notification.create({
          data: {
            key: `matrix-inbox-${seq}`, stepId: t.stepId, kind: 'REMINDER', rung: 0, recipientAgencyId: agencyId, recipientRole: addressee,
            scheduledAt: new Date(), titleVi: 'Nhắc việc ma trận', titleEn: 'Matrix reminder', bodyVi: 'Nhắc việc thử', bodyEn: 'A test reminder',
          },
        });
        await stack.api.db.inboxItem.create({ data: { id, notificationId: notification.id, agencyId, role: addressee } });
      };
      return { method: 'post', url: `/inbox/${id}/read`, body: {}, prepare };
    }
    case 'GET /health': return { method: 'get', url: '/health' };
    case 'POST /auth/login': return { method: 'post', url: '/auth/login', body: { username: caller.users.COMMUNE_POLICE_OFFICER, password: DEMO_PASSWORD } };
    case 'POST /auth/session': return { method: 'post', url: '/auth/session', body: { username: caller.users.COMMUNE_POLICE_OFFICER, password: DEMO_PASSWORD } };
    case 'DELETE /auth/session': return { method: 'delete', url: '/auth/session' };
    case 'GET /me': return { method: 'get', url: '/me' };
    case 'POST /admin/users/{username}/password-reset':
    case 'PUT /admin/users/{username}/active': {
      // A user of the target province made for this cell alone: resetting or deactivating it disturbs no other cell.
      const username = `matrix-account-${seq}`;
      const prepare = async () => {
        await stack.api.db.user.create({ data: { username, displayName: username, passwordHash: 'not-a-hash', agencyId: t.province.agency.communePolice, roles: ['COMMUNE_POLICE_OFFICER'] } });
      };
      return route.startsWith('POST')
        ? { method: 'post', url: `/admin/users/${username}/password-reset`, body: {}, prepare }
        : { method: 'put', url: `/admin/users/${username}/active`, body: { active: false }, prepare };
    }
    case 'GET /admin/users': return { method: 'get', url: `/admin/users?jurisdictionId=${t.province.provinceId}` };
    case 'POST /admin/users':
      return { method: 'post', url: '/admin/users', body: { username: `matrix-new-${seq}`, displayName: 'Người dùng ma trận', agencyId: t.province.agency.communePolice, roles: ['COMMUNE_POLICE_OFFICER'] } };
    case 'PATCH /admin/users/{username}': {
      const username = `matrix-change-${seq}`;
      return {
        method: 'patch',
        url: `/admin/users/${username}`,
        body: { displayName: 'Người dùng ma trận (đổi tên)' },
        prepare: async () => {
          await stack.api.db.user.create({ data: { username, displayName: username, passwordHash: 'not-a-hash', agencyId: t.province.agency.communePolice, roles: ['COMMUNE_POLICE_OFFICER'] } });
        },
      };
    }
    case 'GET /admin/agencies': return { method: 'get', url: '/admin/agencies' };
    case 'POST /admin/agencies':
      return { method: 'post', url: '/admin/agencies', body: { id: `${t.province.communeId}-ZM${seq}`, kind: 'MEDICAL_FACILITY', nameVi: 'Cơ sở y tế ma trận', nameEn: 'Matrix clinic', jurisdictionId: t.province.communeId, validFrom: '2026-01-01' } };
    case 'PATCH /admin/agencies/{id}':
      return { method: 'patch', url: `/admin/agencies/${t.province.agency.medicalFacility}`, body: { email: t.province.emailOf(t.province.agency.medicalFacility) } };
    // In the future, so that an administrator allowed to enter it is answered 422 and nothing is merged.
    case 'POST /admin/reorganisations':
      return { method: 'post', url: '/admin/reorganisations', body: { effectiveOn: '2099-01-01', reason: 'Kiểm thử ma trận quyền', merges: [{ from: [t.province.communeId], into: { id: `${t.province.provinceId}-N${seq}`, nameVi: 'Xã mới', nameEn: 'New commune' } }] } };
    // Deputations dated far ahead, so that no cell's roles change while the matrix runs.
    case 'POST /admin/deputations':
      return { method: 'post', url: '/admin/deputations', body: { deputyUsername: t.users.COMMUNE_OFFICIAL, forUsername: t.users.COMMUNE_CHAIRMAN, role: 'COMMUNE_CHAIRMAN', from: '2099-01-01', to: '2099-01-31', reason: 'Kiểm thử ma trận quyền' } };
    case 'GET /admin/users/import-template': return { method: 'get', url: '/admin/users/import-template' };
    case 'POST /admin/users/import':
      return { method: 'post', url: '/admin/users/import?dryRun=true', raw: { type: 'text/csv', bytes: Buffer.from(`Tên đăng nhập,"Họ tên, chức vụ",Mã cơ quan,Vai trò\nmatrix.csv.${seq},Ma trận,${t.province.agency.communePolice},COMMUNE_POLICE_OFFICER\n`) } };
    // Webhooks to a closed local port: a test message fails at once and nothing else is called.
    case 'GET /admin/agencies/{id}/webhooks': return { method: 'get', url: `/admin/agencies/${t.province.agency.medicalFacility}/webhooks` };
    case 'POST /admin/agencies/{id}/webhooks':
      return { method: 'post', url: `/admin/agencies/${t.province.agency.medicalFacility}/webhooks`, body: { url: 'http://127.0.0.1:9/hook', secret: 'matrix-webhook-secret-0123456789abcdef' } };
    case 'DELETE /admin/agencies/{id}/webhooks/{subscriptionId}':
    case 'POST /admin/agencies/{id}/webhooks/{subscriptionId}/test': {
      const id = randomUUID();
      const prepare = async () => {
        await stack.api.db.webhookSubscription.create({ data: { id, agencyId: t.province.agency.medicalFacility, url: 'http://127.0.0.1:9/hook', secret: 'matrix-webhook-secret-0123456789abcdef' } });
      };
      const url = `/admin/agencies/${t.province.agency.medicalFacility}/webhooks/${id}`;
      return route.startsWith('DELETE') ? { method: 'delete', url, prepare } : { method: 'post', url: `${url}/test`, body: {}, prepare };
    }
    case 'GET /admin/deputations': return { method: 'get', url: '/admin/deputations' };
    case 'POST /admin/units':
      return { method: 'post', url: '/admin/units', body: { id: `${t.province.provinceId}-M${seq}`, level: 'COMMUNE', nameVi: `Xã ma trận ${seq}`, nameEn: `Matrix commune ${seq}`, parentId: t.province.provinceId, validFrom: '2025-07-01' } };
    case 'POST /admin/agencies/{id}/test-email': return { method: 'post', url: `/admin/agencies/${t.province.agency.drugDivision}/test-email` };
    case 'GET /national/provinces': return { method: 'get', url: '/national/provinces' };
    case 'POST /national/provinces':
      return { method: 'post', url: '/national/provinces', body: { id: `TM${seq}`, nameVi: `Tỉnh ma trận ${seq}`, nameEn: `Matrix province ${seq}`, administrator: { username: `matrix-province-admin-${seq}`, displayName: 'Quản trị tỉnh thử' } } };
    case 'GET /caseload-imports/template': return { method: 'get', url: '/caseload-imports/template' };
    case 'GET /caseload-imports': return { method: 'get', url: '/caseload-imports' };
    // A dry run: every row checked, nothing written.
    case 'POST /caseload-imports':
      return {
        method: 'post',
        url: '/caseload-imports?dryRun=true&procedure=DRUG_USER_MANAGEMENT',
        raw: { type: 'text/csv', bytes: Buffer.from(`Mã dòng,Xã/phường thụ lý,Họ và tên,Ngày sinh,Nơi cư trú ổn định,Xã/phường cư trú,Ngày xét nghiệm dương tính,Số kết quả xét nghiệm,Số biên bản vi phạm\nMT-${seq},${t.province.communeId},Người Ma Trận,01/01/1990,Có,${t.province.communeId},05/10/2026,XN,BB\n`) },
      };
    case 'GET /caseload-imports/{importId}':
    case 'GET /caseload-imports/{importId}/rejected': {
      const id = randomUUID();
      const prepare = async () => {
        const creator = await stack.api.db.user.findUniqueOrThrow({ where: { username: t.users.COMMUNE_OFFICIAL } });
        await stack.api.db.caseloadImport.create({ data: { id, provinceId: t.province.provinceId, fileName: 'ma-tran.xlsx', createdBy: creator.id, status: 'DONE', totalRows: 0 } });
      };
      return { method: 'get', url: route.endsWith('/rejected') ? `/caseload-imports/${id}/rejected` : `/caseload-imports/${id}`, prepare };
    }
    case 'DELETE /admin/deputations/{id}': {
      const id = randomUUID();
      const prepare = async () => {
        const [deputy, absent] = await Promise.all([t.users.COMMUNE_OFFICIAL, t.users.COMMUNE_CHAIRMAN].map((username) => stack.api.db.user.findUniqueOrThrow({ where: { username } })));
        await stack.api.db.deputation.create({
          data: { id, deputyId: deputy!.id, forUserId: absent!.id, role: 'COMMUNE_CHAIRMAN', fromDate: new Date('2099-02-01'), toDate: new Date('2099-02-28'), reason: 'Kiểm thử ma trận quyền', createdBy: absent!.id },
        });
      };
      return { method: 'delete', url: `/admin/deputations/${id}`, prepare };
    }
    case 'GET /admin/audit': return { method: 'get', url: `/admin/audit?personId=${t.personId}` };
    case 'GET /registry/jurisdictions': return { method: 'get', url: '/registry/jurisdictions' };
    case 'GET /registry/jurisdictions/{id}': return { method: 'get', url: `/registry/jurisdictions/${t.province.communeId}` };
    case 'GET /registry/agencies': return { method: 'get', url: '/registry/agencies' };
    case 'GET /registry/agencies/{id}': return { method: 'get', url: `/registry/agencies/${t.province.agency.communePolice}` };
    case 'POST /codec/decode': return { method: 'post', url: '/codec/decode', body: codecBody };
    case 'POST /system/pings': return { method: 'post', url: '/system/pings', body: { note: 'matrix' } };
    case 'GET /system/pings/{workflowId}': return { method: 'get', url: `/system/pings/${encodeURIComponent(t.pingId)}` };
    case 'GET /calendar/holidays': return { method: 'get', url: '/calendar/holidays?year=2026' };
    case 'GET /calendar/add-working-days': return { method: 'get', url: '/calendar/add-working-days?from=2026-03-02&days=5' };
    case 'GET /calendar/overrides': return { method: 'get', url: '/calendar/overrides?year=2026' };
    case 'PUT /calendar/overrides/{date}':
      return { method: 'put', url: `/calendar/overrides/${nextDate()}`, body: OVERRIDE_BODY };
    case 'DELETE /calendar/overrides/{date}': {
      const date = nextDate();
      return {
        method: 'delete',
        url: `/calendar/overrides/${date}`,
        prepare: async () => {
          // The national calendar: only the national administrator writes it.
          const put = await request(stack.api.app).put(`/calendar/overrides/${date}`).set('Authorization', await auth(caller.users.NATIONAL_ADMIN)).send(OVERRIDE_BODY);
          if (put.status >= 300) throw new Error(`prepare override ${date}: ${put.status} ${JSON.stringify(put.body)}`);
        },
      };
    }
    case 'GET /rules': return { method: 'get', url: '/rules' };
    case 'GET /rules/{key}/effective': return { method: 'get', url: `/rules/CRA.D2/effective?provinceId=${t.province.provinceId}&onDate=${today}` };
    case 'GET /rules/overrides': return { method: 'get', url: `/rules/overrides?provinceId=${t.province.provinceId}` };
    case 'PUT /rules/{key}/overrides':
      return {
        method: 'put',
        url: '/rules/REPORT.AD_HOC/overrides',
        body: { provinceId: t.province.provinceId, effectiveFrom: `2090-01-${String((seq % 28) + 1).padStart(2, '0')}`, parameters: { reminders: [] }, reason: 'Kiểm thử ma trận quyền' },
      };
    case 'GET /deadlines/steps': return { method: 'get', url: `/deadlines/steps?view=overdue&jurisdictionId=${t.province.communeId}` };
    case 'GET /deadlines/steps/{id}': return { method: 'get', url: `/deadlines/steps/${encodeURIComponent(t.stepId)}` };
    case 'GET /deadlines/board': return { method: 'get', url: `/deadlines/board?jurisdictionId=${t.province.communeId}` };
    case 'GET /deadlines/board/steps': return { method: 'get', url: `/deadlines/board/steps?bucket=onTime&jurisdictionId=${t.province.communeId}` };
    case 'GET /me/tasks': return { method: 'get', url: '/me/tasks' };
    case 'GET /performance/on-time': return { method: 'get', url: `/performance/on-time?jurisdictionId=${t.province.communeId}` };
    case 'GET /performance/durations': return { method: 'get', url: `/performance/durations?jurisdictionId=${t.province.communeId}` };
    case 'GET /inbox': return { method: 'get', url: '/inbox' };
    case 'GET /assessment-criteria': return { method: 'get', url: `/assessment-criteria?provinceId=${t.province.provinceId}&programme=DRUG_FREE_COMMUNE&year=2026` };
    case 'GET /assessment-criteria/sets/{id}': return { method: 'get', url: `/assessment-criteria/sets/${encodeURIComponent(t.criteriaSetId)}` };
    case 'POST /assessment-criteria/{provinceId}/{programme}/{year}':
      return { method: 'post', url: `/assessment-criteria/${t.province.provinceId}/HEALTHY_COMMUNE/2026`, body: CRITERIA_BODY };
    case 'GET /establishments': return { method: 'get', url: `/establishments?jurisdictionId=${t.province.communeId}` };
    case 'GET /establishments/{id}': return { method: 'get', url: `/establishments/${t.establishmentId}` };
    case 'POST /establishments': return { method: 'post', url: '/establishments', body: ESTABLISHMENT_BODY(t.province.communeId) };
    case 'PATCH /establishments/{id}': return { method: 'patch', url: `/establishments/${t.establishmentId}`, body: { risk: seq % 2 === 0 ? 'HIGH' : 'MEDIUM' } };
    case 'PUT /inspection-plans/{teamAgencyId}/{year}':
      return { method: 'put', url: `/inspection-plans/${t.province.agency.team178}/2026`, body: { coverageTargetPercent: 60, surpriseTarget: 2, establishmentIds: [t.establishmentId] } };
    case 'GET /inspection-plans/{teamAgencyId}/{year}': return { method: 'get', url: `/inspection-plans/${t.province.agency.team178}/2026` };
    case 'GET /assessments': return { method: 'get', url: `/assessments?provinceId=${t.province.provinceId}&programme=DRUG_FREE_COMMUNE&year=2026` };
    case 'GET /procedures': return { method: 'get', url: '/procedures' };
    case 'POST /cases':
      return {
        method: 'post',
        url: '/cases',
        body: {
          procedure: 'COMPULSORY_REHAB_ADULT',
          jurisdictionId: t.province.communeId,
          person: {
            fullName: 'Nguyễn Văn Ma Trận',
            birthDate: '1994-02-03',
            citizenId: String(Date.now()).slice(-8) + String(seq).padStart(4, '0'),
            residenceStatus: 'STABLE',
            residenceAddress: 'Ấp 1',
            residenceJurisdictionId: t.province.communeId,
          },
          legalGround: 1,
          groundsFoundOn: daysBefore(today, 2),
        },
      };
    case 'GET /cases': return { method: 'get', url: `/cases?procedure=COMPULSORY_REHAB_ADULT&name=Thu` };
    case 'GET /cases/{caseRef}': return { method: 'get', url: `/cases/${t.caseRef}` };
    // To the commune that holds it: whoever may move the case is answered 422 and nothing moves.
    case 'POST /cases/{caseRef}/jurisdiction':
      return { method: 'post', url: `/cases/${t.caseRef}/jurisdiction`, body: { toJurisdictionId: t.province.communeId, on: today, reason: 'Kiểm thử ma trận quyền' } };
    case 'GET /persons/{personId}': return { method: 'get', url: `/persons/${t.personId}` };
    case 'POST /cases/{caseRef}/documents':
      return { method: 'post', url: `/cases/${t.caseRef}/documents?kind=OTHER&title=Thu&fileName=thu.pdf`, raw: { type: 'application/pdf', bytes: PDF } };
    case 'GET /cases/{caseRef}/documents/{documentId}': return { method: 'get', url: `/cases/${t.caseRef}/documents/${t.documentId}` };
    case 'POST /reporting/cycles': {
      const id = `${t.province.provinceId}-PM${seq}`;
      createdCycles.push(id);
      return { method: 'post', url: '/reporting/cycles', body: cycleBody(t, id) };
    }
    case 'PUT /reporting/cycles/{id}': return { method: 'put', url: `/reporting/cycles/${t.cycleId}`, body: cycleBody(t) };
    case 'GET /reporting/cycles/{id}': return { method: 'get', url: `/reporting/cycles/${t.cycleId}` };
    case 'POST /reporting/cycles/{id}/pause': return { method: 'post', url: `/reporting/cycles/${t.cycleId}/pause`, body: {} };
    case 'POST /reporting/cycles/{id}/resume': return { method: 'post', url: `/reporting/cycles/${t.cycleId}/resume`, body: {} };
    case 'POST /reporting/cycles/{id}/runs': return { method: 'post', url: `/reporting/cycles/${t.cycleId}/runs`, body: { periodKey: '2026-Q1' } };
    case 'GET /reporting/cycles': return { method: 'get', url: '/reporting/cycles' };
    case 'GET /reports': return { method: 'get', url: '/reports' };
    case 'GET /reports/{reportId}': return { method: 'get', url: `/reports/${encodeURIComponent(t.reportId)}` };
    case 'POST /reports/{reportId}/versions': return { method: 'post', url: `/reports/${encodeURIComponent(t.reportId)}/versions`, body: { manual: { vocationalClasses: 1 } } };
    case 'GET /reporting/runs/{runId}/rollup': return { method: 'get', url: `/reporting/runs/${encodeURIComponent(t.runId)}/rollup` };
    case 'PUT /reporting/targets':
      return { method: 'put', url: '/reporting/targets', body: { year: 2026, jurisdictionId: t.province.communeId, targets: [{ metric: 'dossiersCompiled', target: 5 }] } };
    case 'GET /reporting/targets/progress': return { method: 'get', url: `/reporting/targets/progress?year=2026&jurisdictionId=${t.province.communeId}` };
    default:
      throw new Error(`no request built for ${route}`);
  }
}

const OVERRIDE_BODY = { kind: 'DAY_OFF', nameVi: 'Nghỉ thử ma trận', nameEn: 'Matrix test day off', source: 'Thông báo thử nghiệm' };

async function send(call: Call, user: string): Promise<request.Response> {
  if (call.prepare) await call.prepare();
  let req = request(stack.api.app)[call.method](call.url).set('Authorization', await auth(user)).set('Idempotency-Key', randomUUID());
  if (call.raw) req = req.set('Content-Type', call.raw.type).send(call.raw.bytes);
  else if (call.body !== undefined) req = req.send(call.body as object);
  return req;
}

const verdictOf = (status: number): Verdict => ([401, 403, 404].includes(status) ? 'refused' : status >= 500 ? 'error' : 'reached');

function expected(policy: RoutePolicy, role: Role, side: Side): Verdict {
  if (policy.scope === 'public') return 'reached';
  if (policy.roles !== 'all' && !policy.roles.includes(role)) return 'refused';
  if (policy.scope === 'any') return 'reached';
  if (NATIONAL_ROLES.includes(role)) return 'refused';
  return side === 'own' ? 'reached' : 'refused';
}

interface Mismatch {
  method: string;
  path: string;
  role: string;
  side: Side;
  expected: Verdict;
  got: string;
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

const table = (rows: Mismatch[]) =>
  rows
    .map((m) => `${m.method.padEnd(6)} ${m.path.padEnd(44)} ${m.role.padEnd(22)} ${m.side.padEnd(5)} expected ${m.expected.padEnd(7)} got ${m.got}`)
    .join('\n');

const describeResponse = (r: request.Response) => `${r.status}${r.body?.code ? ` ${String(r.body.code)}` : ''}`;

beforeAll(async () => {
  stack = await startCaseStack('permission-matrix', { apiLogger: pino({ level: 'error' }, { write: (line: string) => void apiErrors.push(line) }) });
  codecBody = await encryptedPayloadBody();
  await ensureNationalRoot(stack.api.db);
  sides.A = await setUpProvince('A');
  sides.B = await setUpProvince('B');
  await createResources(res('A'));
  await createResources(res('B'));
  const listed = await request(stack.api.app).get('/procedures').set('Authorization', await auth(res('A').users.COMMUNE_POLICE_OFFICER));
  procedures = listed.body.items ?? listed.body;
});

afterAll(async () => {
  for (const id of createdCycles) await stack.api.temporal.schedule.getHandle(reportScheduleId(id)).delete().catch(() => undefined);
  const admin = sides.A?.users.NATIONAL_ADMIN;
  if (admin)
    for (const date of overrideDates)
      await request(stack.api.app).delete(`/calendar/overrides/${date}`).set('Authorization', await auth(admin)).catch(() => undefined);
  await stack?.close();
});

const NOT_COVERED: string[] = [];

it('has a policy entry for every route of the OpenAPI document, and no entry for a route that is gone', async () => {
  const doc = await request(stack.api.app).get('/openapi.json');
  const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
  );
  const missing = routes.filter((route) => !(route in ROUTE_POLICY));
  const stale = Object.keys(ROUTE_POLICY).filter((route) => !routes.includes(route));
  expect({ missingFromPolicy: missing, policyForRoutesThatAreGone: stale }).toEqual({ missingFromPolicy: [], policyForRoutesThatAreGone: [] });
});

it('reaches every route the policy allows, and is refused every route it does not, for every role on own and other resources', async () => {
  const A = res('A');
  const B = res('B');
  const mismatches: Mismatch[] = [];
  const cells: { route: string; role: Role; side: Side }[] = [];
  for (const route of Object.keys(ROUTE_POLICY)) {
    const policy = ROUTE_POLICY[route] as RoutePolicy;
    if (policy.scope === 'per-action') continue; // the next test, per action type
    if (policy.scope === 'self') {
      NOT_COVERED.push(`${route}: acts on the caller’s own account (ends every token of it): accounts.test.ts covers it`);
      continue;
    }
    for (const role of ALL_ROLES) for (const side of ['own', 'other'] as const) cells.push({ route, role, side });
  }
  // Mutations that change a resource other cells read run last.
  const late = new Set(['PUT /reporting/cycles/{id}', 'POST /reporting/cycles/{id}/pause', 'POST /reporting/cycles/{id}/resume']);
  const ordered = [...cells.filter((c) => !late.has(c.route)), ...cells.filter((c) => late.has(c.route))];
  const started = Date.now();
  const odd: string[] = [];
  await pool(ordered, 8, async ({ route, role, side }) => {
    const [method, path] = route.split(' ') as [string, string];
    const target = side === 'own' ? A : B;
    const call = callFor(route, target, A, role);
    const response = await send(call, A.users[role]);
    const got = verdictOf(response.status);
    const want = expected(ROUTE_POLICY[route] as RoutePolicy, role, side);
    if (got === 'reached' && response.status >= 300) odd.push(`${route} ${role} ${side}: ${describeResponse(response)}`);
    if (got !== want) mismatches.push({ method, path, role, side, expected: want, got: describeResponse(response) });
  });
  // eslint-disable-next-line no-console
  console.log(
    `permission matrix: ${ordered.length} cells in ${Date.now() - started} ms; ${mismatches.length} mismatches\n` +
      `reached with a 3xx/4xx answer (after authorisation):\n${odd.sort().join('\n')}`,
  );
  const known = mismatches.map((m) => `${m.method} ${m.path} | ${m.role} | ${m.side} | ${m.got}`).sort();
  const unexpected = mismatches.filter((m) => !KNOWN_DEFECTS.includes(`${m.method} ${m.path} | ${m.role} | ${m.side} | ${m.got}`));
  // A server error says why: the API's error log (personal data is kept out of it) goes with the failure.
  if (unexpected.length > 0) throw new Error(`${unexpected.length} cells disagree with the policy:\n${table(unexpected)}\nAPI errors:\n${apiErrors.join('').slice(0, 6000)}`);
  expect(known).toEqual([...KNOWN_DEFECTS].sort());
});

// Every action of every procedure, while its step is open, with step owners, their colleagues and a
// successor court: procedure-forms.test.ts (test/policy/action-permission-check.ts). Here the dossier
// stage of procedure D, every allowed role taking it on a case of its own.
it('lets exactly the roles of each procedure-D dossier action take it, on their own province’s case only', async () => {
  const A = res('A');
  const B = res('B');
  const procedure = 'COMPULSORY_REHAB_ADULT';
  // The dossier stage, on cases of today: what each role may do then (the roles allowed only in agencies abolished in 2025 are refused).
  const actions = Object.fromEntries(
    ['FILE_DOSSIER', 'NOTIFY_PERSON', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER'].map((type) => {
      const past = ONLY_ABOLISHED_AGENCIES[procedure]?.[type] ?? [];
      return [type, (ACTION_POLICY[procedure]?.[type] ?? []).filter((role) => !past.includes(role))];
    }),
  ) as Record<string, readonly Role[]>;
  const maxAllowed = Math.max(...Object.values(actions).map((roles) => roles.length));
  const cases: string[] = [];
  for (let i = 0; i < maxAllowed; i += 1)
    cases.push(
      (
        await stack.driver.openCase(A.users.COMMUNE_POLICE_OFFICER, {
          jurisdictionId: A.province.communeId,
          residenceJurisdictionId: A.province.communeId,
          groundsFoundOn: daysBefore(today, 2),
        })
      ).caseRef,
    );
  const schemaOf = (type: string) => procedures.find((p) => p.code === procedure)?.actions.find((a) => a.type === type)?.schema as JsonSchema;
  const bodyOf = (type: string) => bodyFromSchema(schemaOf(type), { today, options: () => A.province.communeId }) as Record<string, unknown>;
  const mismatches: Mismatch[] = [];
  const path = `POST /cases/{caseRef}/actions ${procedure}`;
  for (const [type, allowed] of Object.entries(actions)) {
    // Refused roles first, while the step is open, on the first case: nothing changes.
    await pool(
      ALL_ROLES.flatMap((role) => (['own', 'other'] as const).map((side) => ({ role, side }))),
      8,
      async ({ role, side }) => {
        if (side === 'own' && allowed.includes(role)) return;
        const user = side === 'own' ? A.users[role] : B.users[role];
        const response = await stack.driver.act(cases[0] as string, user, bodyOf(type));
        const got = verdictOf(response.status);
        if (got !== 'refused') mismatches.push({ method: 'POST', path: `${path} ${type}`, role, side: side === 'own' ? 'own' : 'other', expected: 'refused', got: describeResponse(response) });
      },
    );
    // Each allowed role takes it on a case of its own (the step still open there); the others move on.
    for (let i = 0; i < cases.length; i += 1) {
      const role = allowed[i] ?? (allowed[0] as Role);
      const response = await stack.driver.act(cases[i] as string, A.users[role], bodyOf(type));
      if (i < allowed.length && response.status !== 200)
        mismatches.push({ method: 'POST', path: `${path} ${type}`, role, side: 'own', expected: 'reached', got: `${describeResponse(response)} ${JSON.stringify(response.body?.detail ?? '')}` });
      if (i >= allowed.length && response.status !== 200) throw new Error(`moving case ${String(cases[i])} on with ${type}: ${response.status}`);
    }
  }

  if (mismatches.length > 0) throw new Error(`${mismatches.length} action cells disagree with the policy:\n${table(mismatches)}`);
});

it('lists what it does not cover, and that list is the expected one', () => {
  const notCovered = NOT_COVERED;
  // eslint-disable-next-line no-console
  console.log(`NOT_COVERED:\n${notCovered.map((line) => `- ${line}`).join('\n')}`);
  expect(notCovered).toEqual(EXPECTED_NOT_COVERED);
});
