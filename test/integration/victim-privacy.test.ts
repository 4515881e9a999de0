import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createLogger } from '../../api/observability/logger';
import { vietnamDate } from '../../domain/time/legal-date';
import { caseWorkflowId } from '../../workflows/cases/case-contract';
import { reportScheduleId } from '../../workflows/reporting/reporting-contract';
import { binaryBody } from '../support/binary-body';
import { newCitizenId, until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { leakFinder, lineBuffer } from '../support/personal-values';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { quarterlyCycleBody } from '../support/reporting-cycle-body';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink';

/**
 * A trafficking victim's identity goes nowhere but the record its readers open (issue #16): a
 * child victim without papers is received, searched for by name, read, and left late so that a
 * reminder and an escalation go out by inbox, e-mail and webhook; the province's quarterly report
 * is run and exported (roll-up and the commune's report, CSV and Excel). Then the victim's name,
 * identity number and papers are searched for in every form in: the API's and the worker's log
 * lines (production loggers at debug), the Temporal search attributes, memo and descriptions of
 * the case's workflows, the notifications, e-mails and webhook calls, and the exports. Each corpus
 * must hold what it should, so the test cannot pass on nothing; the reads are in the audit log.
 */
jest.setTimeout(180_000);

const VICTIM = { fullName: 'Lò Thị Kín Đáo', otherIdentification: 'Hộ chiếu C9988776', citizenId: newCitizenId() };
const { leakingLines } = leakFinder({
  'full name': VICTIM.fullName,
  'identity number': VICTIM.citizenId,
  'other identification': VICTIM.otherIdentification,
});

const apiLog = lineBuffer();
const workerLog = lineBuffer();
let stack: CaseStack;
let province: TestProvince;
let smtp: SmtpSink;
let hooks: WebhookSink;
const users = { police: '', official: '', coordinator: '' };
const cycleIds: string[] = [];
const corpora: Record<'apiLog' | 'workerLog' | 'temporal' | 'notifications' | 'emails' | 'webhooks' | 'exports', string[]> = {
  apiLog: [],
  workerLog: [],
  temporal: [],
  notifications: [],
  emails: [],
  webhooks: [],
  exports: [],
};
let caseRef = '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  hooks = await startWebhookSink();
  stack = await startCaseStack('victim-privacy', {
    apiLogger: createLogger('debug', 'api', apiLog.stream),
    workerLogger: createLogger('debug', 'worker', workerLog.stream),
    smtpUrl: smtp.url,
  });
  const db = stack.api.db;
  province = await createTestProvince(db, 'victim-privacy');
  await province.setRule('TRF.VERIFICATION', {
    budget: { kind: 'ELAPSED', seconds: 2 },
    reminders: [{ unit: 'SECONDS', amount: 1 }],
    escalations: [{ after: { unit: 'SECONDS', amount: 1 }, to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' } }],
  });
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  users.official = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  await db.webhookSubscription.create({ data: { agencyId: province.agency.drugDivision, url: hooks.url, secret: 'webhook-secret-for-tests-0123456789' } });
});
afterAll(async () => {
  for (const id of cycleIds) await stack?.api.temporal.schedule.getHandle(reportScheduleId(id)).delete().catch(() => undefined);
  await stack?.close();
  await smtp?.close();
  await hooks?.close();
});

/** The text of every cell of a workbook, a line per row. */
async function workbookText(bytes: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => lines.push((row.values as unknown[]).map((value) => (value === null || value === undefined ? '' : String(value))).join(' | '))),
  );
  return lines;
}

it('receives a child victim, reads and searches the record, lets a step go late and exports the reports', async () => {
  const { app, db, temporal: client } = stack.api;
  const as = async (user: string) => `Bearer ${await stack.driver.token(user)}`;
  const today = vietnamDate();
  const opened = await request(app)
    .post('/cases')
    .set('Authorization', await as(users.police))
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'TRAFFICKING_VICTIM',
      jurisdictionId: province.communeId,
      person: {
        fullName: VICTIM.fullName,
        birthDate: `${Number(today.slice(0, 4)) - 14}-03-03`,
        citizenId: VICTIM.citizenId,
        otherIdentification: VICTIM.otherIdentification,
        residenceStatus: 'NO_STABLE_RESIDENCE',
        residenceJurisdictionId: province.communeId,
      },
      channel: 'RETURNED_FROM_ABROAD',
      receivedOn: today,
    });
  expect(opened.status).toBe(201);
  caseRef = opened.body.caseRef;
  await stack.driver.expectOk(caseRef, users.police, { type: 'BRING_TO_COMMUNE', on: today });
  await stack.driver.expectOk(caseRef, users.official, { type: 'NOTIFY_ONWARD', on: today });
  // Its readers search for it by name and number, and read it (each read audited).
  for (const query of [{ name: VICTIM.fullName }, { citizenId: VICTIM.citizenId }]) {
    const found = await request(app).get('/cases').query({ ...query, procedure: 'TRAFFICKING_VICTIM' }).set('Authorization', await as(users.coordinator));
    expect(found.body.items.map((item: { caseRef: string }) => item.caseRef)).toEqual([caseRef]);
  }
  const page = await request(app).get(`/cases/${caseRef}`).set('Authorization', await as(users.coordinator));
  expect(page.body.person).toMatchObject({ fullName: VICTIM.fullName });
  expect(await db.auditEvent.count({ where: { action: 'case.read', subjectId: caseRef } })).toBe(1);

  // The verification goes late: a reminder to the police, an escalation to PC04 by e-mail and webhook.
  expect(await stack.records.notificationsOf(caseRef, 'TRF.VERIFICATION', 2)).toHaveLength(2);
  corpora.emails = (await smtp.waitFor(2)).map((mail) => JSON.stringify(mail));
  corpora.webhooks = (await hooks.waitFor(1)).map((call) => `${JSON.stringify(call.headers)}\n${call.body}`);
  const steps = await db.step.findMany({ where: { caseRef } });
  corpora.notifications = (await db.notification.findMany({ where: { stepId: { in: steps.map((step) => step.id) } }, include: { deliveries: true, inboxItems: true } })).map((row) =>
    JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
  );

  // The province's quarterly report, run on a window that holds the reception, and its exports.
  const cycleId = `${province.provinceId}-Q`;
  const created = await request(app)
    .post('/reporting/cycles')
    .set('Authorization', await as(users.coordinator))
    .send(quarterlyCycleBody(province, cycleId, { window: { preset: 'CALENDAR' }, schedule: { kind: 'PERIOD_START' } }));
  expect(created.status).toBe(201);
  cycleIds.push(cycleId);
  const run = await request(app).post(`/reporting/cycles/${cycleId}/runs`).set('Authorization', await as(users.coordinator)).send({ adHoc: { from: `${today.slice(0, 4)}-01-01`, to: today } });
  expect(run.status).toBe(202);
  const report = await until(() => db.report.findFirst({ where: { run: { cycleId } } }).then((row) => row ?? undefined), 'the commune’s report');
  const exports: string[] = [];
  for (const [user, path] of [
    [users.coordinator, `/reporting/runs/${encodeURIComponent(report.runId)}/rollup`],
    [users.official, `/reports/${encodeURIComponent(report.id)}`],
  ] as const) {
    const csv = await request(app).get(path).query({ format: 'csv' }).set('Authorization', await as(user));
    expect(csv.status).toBe(200);
    exports.push(...csv.text.split('\r\n'));
    const xlsx = await request(app).get(path).query({ format: 'xlsx' }).set('Authorization', await as(user)).buffer(true).parse(binaryBody);
    expect(xlsx.status).toBe(200);
    exports.push(...(await workbookText(xlsx.body as Buffer)));
  }
  corpora.exports = exports;

  // Temporal: what operators see of the case's workflows.
  const workflowIds = [caseWorkflowId(caseRef), ...new Set(steps.map((step) => step.workflowId))];
  for (const workflowId of workflowIds) {
    const description = await client.workflow.getHandle(workflowId).describe();
    corpora.temporal.push(
      JSON.stringify(Object.fromEntries(description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]))),
      JSON.stringify(description.searchAttributes),
      JSON.stringify(description.memo ?? {}),
      workflowId,
    );
  }
  corpora.apiLog = [...apiLog.lines];
  corpora.workerLog = [...workerLog.lines];
});

describe('the victim’s name, identity number and papers', () => {
  it.each(Object.keys(corpora) as (keyof typeof corpora)[])('appear nowhere in %s', (corpus) => {
    const lines = corpora[corpus];
    // Each corpus holds what it should: the case, its steps, its figures.
    expect(lines.length).toBeGreaterThan(0);
    expect(leakingLines(lines)).toEqual([]);
  });

  it('are absent from corpora that do hold the case and its figures', () => {
    expect(corpora.apiLog.join('\n')).toContain(caseRef);
    expect(corpora.notifications.join('\n')).toContain(caseRef);
    expect(corpora.temporal.join('\n')).toContain('TRAFFICKING_VICTIM');
    // The exports carry the victims' figures (exact for the province's roll-up), never who they are.
    expect(corpora.exports.join('\n')).toContain('Số người được tiếp nhận (nghi là nạn nhân bị mua bán)');
  });
});
