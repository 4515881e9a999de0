import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { createLogger } from '../../api/observability/logger';
import { foldName } from '../../domain/persons/name-folding';
import { vietnamDate } from '../../domain/time/legal-date';
import { parsePayloadKey, PayloadEncryptionCodec } from '../../temporal/payload-encryption';
import { caseWorkflowId } from '../../workflows/cases/case-contract';
import { newCitizenId, until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink';
import { SLOW_COURT } from '../support/slow-court';
import { leakFinder, lineBuffer } from '../support/personal-values';

/**
 * Personal data stays where it belongs (issue #17, item 6; README "Personal data"). One case of
 * procedure D is driven through the API for a person with a known name, identity number, birth
 * date and address: a document is uploaded, the person is searched for, the court's step goes
 * late so that reminders and escalations fire by inbox, e-mail and webhook, and bad requests
 * (400, 404, 409, 415, and a 422 refused by the workflow itself) carry the values where a handler
 * might echo them. Then everything the system emitted outside the `persons` table is searched for
 * those values:
 *   - the API's log lines (the production logger, at debug, in a buffer),
 *   - the worker's log lines (the production Temporal runtime logger: SDK, workflow and activity logs),
 *   - GET /metrics,
 *   - Temporal: search attributes, memo and raw description of every workflow on the test's task
 *     queue, and the raw (still encoded) bytes of their histories,
 *   - the notifications (rows, deliveries, inbox items), the e-mails and the webhook calls,
 *   - audit_events, case_events, steps and the case row.
 * Each corpus must be non-empty, and hold what it is expected to hold, so the test cannot pass on
 * nothing. Not covered: the Temporal server's own log (a separate process), the Rust core's log
 * below WARN (filtered out in production too), the document's bytes on disk and its title and
 * file name in case_documents (they are the document), the HTTP responses (they go to the
 * authorised caller), and a 500 (no request here can cause one; errorForLog has unit tests).
 */
jest.setTimeout(180_000);

const PERSON = {
  fullName: 'Trịnh Thị Bí Mật',
  birthDate: '1990-02-28',
  residenceAddress: 'Số 17 hẻm Hoa Sứ Tím',
};
const citizenId = newCitizenId();

/** What must not appear, by what it is. */
const personal: Record<string, string> = {
  'full name': PERSON.fullName,
  'name without diacritics': foldName(PERSON.fullName),
  'identity number': citizenId,
  'birth date (dd/mm/yyyy)': '28/02/1990',
  'birth date (ISO)': PERSON.birthDate,
  'residence address': PERSON.residenceAddress,
};

const { leaksIn, leakingLines } = leakFinder(personal);

const apiLog = lineBuffer();
const workerLog = lineBuffer();
let stack: CaseStack;
let province: TestProvince;
let smtp: SmtpSink;
let hooks: WebhookSink;
const users = { police: '', coordinator: '', judge: '' };
const HOOK_SECRET = 'webhook-secret-for-tests-0123456789';

/** What the run emitted, collected once the case is done. */
interface Corpora {
  caseRef: string;
  personId: string;
  metrics: string;
  temporal: {
    workflowIds: string[];
    descriptions: { workflowId: string; text: string; searchAttributes: Record<string, unknown> }[];
    histories: {
      workflowId: string;
      bytes: Buffer;
      events: number;
      payloads: ReturnType<typeof payloadsIn>;
    }[];
  };
  notifications: {
    rows: { kind: string; rung: number; text: string }[];
    deliveries: string[];
    inbox: string[];
    emails: string[];
    webhooks: string[];
  };
  records: { auditEvents: string[]; caseEvents: string[]; steps: string[]; caseRow: string };
}
let corpora: Corpora | undefined;
const collected = (): Corpora => {
  if (!corpora) throw new Error('the case did not run: see the first test');
  return corpora;
};

beforeAll(async () => {
  smtp = await startSmtpSink();
  hooks = await startWebhookSink();
  stack = await startCaseStack('personal-data', {
    apiLogger: createLogger('debug', 'api', apiLog.stream),
    workerLogger: createLogger('debug', 'worker', workerLog.stream),
    smtpUrl: smtp.url,
  });
  const db = stack.api.db;
  province = await createTestProvince(db, 'privacy');
  await province.setRule('CRA.D8', SLOW_COURT as never);
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  users.judge = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
  for (const agencyId of [province.agency.regionalCourt, province.agency.drugDivision])
    await db.webhookSubscription.create({ data: { agencyId, url: hooks.url, secret: HOOK_SECRET } });
});

afterAll(async () => {
  await stack?.close();
  await smtp?.close();
  await hooks?.close();
});

/** Every payload in a decoded proto message: where it sits, how it is encoded, and its data if not encrypted. */
function payloadsIn(value: unknown, path = ''): { path: string; encoding: string; clear?: string }[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  const metadata = (value as { metadata?: unknown }).metadata;
  if ('data' in value && metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const encoding = Buffer.from(
      (metadata as Record<string, Uint8Array | undefined>).encoding ?? [],
    ).toString();
    if (encoding === 'binary/encrypted') return [{ path, encoding }];
    return [{ path, encoding, clear: Buffer.from((value as { data?: Uint8Array }).data ?? []).toString() }];
  }
  return Object.entries(value).flatMap(([key, inner]) => payloadsIn(inner, path ? `${path}.${key}` : key));
}

it('drives a case of procedure D through the API, a late step, an upload, searches and bad requests', async () => {
  const { app, db, temporal: client } = stack.api;
  const { token, act, expectOk } = stack.driver;
  const today = vietnamDate();
  const as = async (user: string) => `Bearer ${await token(user)}`;
  const openingBody = (person: Record<string, unknown> = {}) => ({
    procedure: 'COMPULSORY_REHAB_ADULT',
    jurisdictionId: province.communeId,
    person: {
      ...PERSON,
      citizenId,
      residenceStatus: 'STABLE',
      residenceJurisdictionId: province.communeId,
      ...person,
    },
    legalGround: 1,
    groundsFoundOn: today,
  });
  const openCase = async (body: unknown, key = randomUUID()) =>
    request(app)
      .post('/cases')
      .set('Authorization', await as(users.police))
      .set('Idempotency-Key', key)
      .send(body as object);

  // Bad openings, each with the person's values in the body: a name too long, an identity number
  // of 13 digits, one written with spaces, an unknown unit, and JSON that does not parse.
  const badOpenings = [
    openingBody({ fullName: `${PERSON.fullName} `.repeat(10) }),
    openingBody({ citizenId: `${citizenId}7` }),
    openingBody({ citizenId: citizenId.replace(/(\d{3})(?=\d)/g, '$1 ') }),
    openingBody({ residenceJurisdictionId: PERSON.fullName }),
  ];
  for (const body of badOpenings) expect((await openCase(body)).status).toBe(400);
  const malformed = await request(app)
    .post('/cases')
    .set('Authorization', await as(users.police))
    .set('Idempotency-Key', randomUUID())
    .set('Content-Type', 'application/json')
    .send(`{"person":{"fullName":"${PERSON.fullName}","citizenId":"${citizenId}",}`);
  expect(malformed.status).toBe(400);

  // The case, and the same Idempotency-Key again with another body: 409.
  const key = randomUUID();
  const opened = await openCase(openingBody(), key);
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  const reused = await openCase(
    openingBody({ residenceAddress: `${PERSON.residenceAddress}, ${PERSON.fullName}` }),
    key,
  );
  expect(reused.status).toBe(409);

  // A document named after the person, as scans are; and one of a type that is refused (415).
  const upload = async (contentType: string) =>
    request(app)
      .post(`/cases/${caseRef}/documents`)
      .query({
        kind: 'CURRICULUM_VITAE',
        title: `Sơ yếu lý lịch ${PERSON.fullName}`,
        fileName: `CCCD ${citizenId} ${PERSON.fullName}.pdf`,
      })
      .set('Authorization', await as(users.police))
      .set('Content-Type', contentType)
      .send(Buffer.from(`%PDF-1.4\n${PERSON.fullName} ${citizenId} ${PERSON.birthDate}\n%%EOF\n`));
  expect((await upload('text/plain')).status).toBe(415);
  const uploaded = await upload('application/pdf');
  expect(uploaded.status).toBe(201);

  // Searches by number and by name (with and without accents), as the search screen sends them.
  for (const query of [{ citizenId }, { name: PERSON.fullName }, { name: foldName(PERSON.fullName) }]) {
    const found = await request(app)
      .get('/cases')
      .query(query)
      .set('Authorization', await as(users.coordinator));
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { caseRef: string }) => item.caseRef)).toEqual([caseRef]);
  }
  // An identity number typed where a case reference goes: 404.
  const notFound = await request(app)
    .get(`/cases/${citizenId}`)
    .set('Authorization', await as(users.coordinator));
  expect(notFound.status).toBe(404);
  // …and a name there: 400 (not a case reference).
  const notARef = await request(app)
    .get(`/cases/${encodeURIComponent(PERSON.fullName)}`)
    .set('Authorization', await as(users.coordinator));
  expect(notARef.status).toBe(400);
  const page = await request(app)
    .get(`/cases/${caseRef}`)
    .set('Authorization', await as(users.coordinator));
  expect(page.status).toBe(200);
  expect(page.body.person).toMatchObject({ fullName: PERSON.fullName, citizenId });
  const person = await request(app)
    .get(`/persons/${page.body.person.id as string}`)
    .set('Authorization', await as(users.coordinator));
  expect(person.status).toBe(200);

  // An action that fails validation with the name in it (400), one whose step is not open (409).
  const invalidAction = await act(caseRef, users.police, {
    type: 'FILE_DOSSIER',
    on: today,
    addictionResultRef: `KQ ${PERSON.fullName} ${citizenId} `.repeat(6),
    interimArrangement: { kind: 'FAMILY' },
  });
  expect(invalidAction.status).toBe(400);
  const early = await act(caseRef, users.judge, {
    type: 'RECORD_DECISION',
    on: today,
    outcome: 'NOT_APPLY',
    decisionRef: `QĐ ${PERSON.fullName} ${citizenId}`,
  });
  expect(early.status).toBe(409);

  // An action the workflow itself refuses (422), with the name in its arguments: the hold starts after the dossier.
  const refused = await act(caseRef, users.police, {
    type: 'FILE_DOSSIER',
    on: today,
    addictionResultRef: `KQ ${PERSON.fullName} ${citizenId}`,
    interimArrangement: {
      kind: 'FACILITY',
      heldFrom: new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10),
    },
  });
  expect([refused.status, refused.body.code]).toEqual([422, 'CASE.INVALID_ACTION']);

  // To the court, whose decision goes late: two reminders, three rungs.
  await expectOk(caseRef, users.police, {
    type: 'FILE_DOSSIER',
    on: today,
    addictionResultRef: 'KQ-7/2026',
    interimArrangement: { kind: 'FAMILY' },
    documentIds: [uploaded.body.id as string],
  });
  await expectOk(caseRef, users.police, { type: 'NOTIFY_PERSON', on: today });
  await expectOk(caseRef, users.coordinator, { type: 'TRANSFER_TO_COURT', on: today });
  await expectOk(caseRef, users.judge, { type: 'ACCEPT_DOSSIER', on: today });
  const courtStep = await db.step.findFirstOrThrow({ where: { caseRef, ruleKey: 'CRA.D8' } });
  await until(
    async () => {
      const rows = await db.notification.findMany({
        where: { stepId: courtStep.id },
        include: { deliveries: true },
      });
      const done =
        rows.length >= 5 && rows.every((row) => row.deliveries.every((d) => d.status !== 'PENDING'));
      return done ? rows : undefined;
    },
    'the reminders and rungs of the late court step, delivered',
    90_000,
  );
  await expectOk(caseRef, users.judge, {
    type: 'RECORD_DECISION',
    on: today,
    outcome: 'NOT_APPLY',
    decisionRef: '7/2026/QĐ-TA',
  });

  // What was emitted. E-mails: the court (2 reminders, rung 1), the division, the steering committee.
  const emails = await smtp.waitFor(5);
  const calls = await hooks.waitFor(4);
  const metrics = await request(app).get('/metrics');
  expect(metrics.status).toBe(200);

  const workflowIds = new Set([caseWorkflowId(caseRef)]);
  for (const step of await db.step.findMany({ where: { caseRef }, select: { workflowId: true } }))
    workflowIds.add(step.workflowId);
  await until(async () => {
    const listed: string[] = [];
    for await (const execution of client.workflow.list({ query: `TaskQueue = "${stack.taskQueue}"` }))
      listed.push(execution.workflowId);
    for (const id of listed) workflowIds.add(id);
    return listed.includes(caseWorkflowId(caseRef)) ? listed : undefined;
  }, 'the case workflow in the visibility store');

  const descriptions: Corpora['temporal']['descriptions'] = [];
  const histories: Corpora['temporal']['histories'] = [];
  for (const workflowId of workflowIds) {
    const description = await client.workflow.getHandle(workflowId).describe();
    const rawDescription = temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(
      description.raw,
    ).finish();
    descriptions.push({
      workflowId,
      searchAttributes: Object.fromEntries(
        description.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]),
      ),
      text: [
        workflowId,
        description.type,
        JSON.stringify(description.searchAttributes),
        JSON.stringify(description.memo ?? {}),
        Buffer.from(rawDescription).toString('utf8'),
      ].join('\n'),
    });
    const chunks: Uint8Array[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId },
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      chunks.push(temporal.api.history.v1.History.encode(page.history ?? {}).finish());
      nextPageToken = page.nextPageToken && page.nextPageToken.length > 0 ? page.nextPageToken : undefined;
    } while (nextPageToken);
    const decoded = chunks.map((chunk) => temporal.api.history.v1.History.decode(chunk));
    histories.push({
      workflowId,
      bytes: Buffer.concat(chunks),
      events: decoded.reduce((sum, history) => sum + history.events.length, 0),
      payloads: decoded.flatMap((history, n) => payloadsIn(history, `page${n}`)),
    });
  }

  const steps = await db.step.findMany({ where: { caseRef } });
  const notifications = await db.notification.findMany({
    where: { stepId: { in: steps.map((step) => step.id) } },
    include: { deliveries: true, inboxItems: true },
  });
  const agencies = Object.values(province.agency);
  corpora = {
    caseRef,
    personId: page.body.person.id as string,
    metrics: metrics.text,
    temporal: { workflowIds: [...workflowIds], descriptions, histories },
    notifications: {
      rows: notifications.map((n) => ({
        kind: n.kind,
        rung: n.rung,
        text: [n.titleVi, n.titleEn, n.bodyVi, n.bodyEn].join('\n'),
      })),
      deliveries: notifications.flatMap((n) => n.deliveries.map((d) => JSON.stringify(d))),
      inbox: notifications.flatMap((n) => n.inboxItems.map((item) => JSON.stringify(item))),
      emails: emails.map((mail) => JSON.stringify(mail)),
      webhooks: calls.map((call) => `${JSON.stringify(call.headers)}\n${call.body}`),
    },
    records: {
      auditEvents: (
        await db.auditEvent.findMany({
          where: {
            OR: [
              { subjectId: caseRef },
              { subjectId: page.body.person.id as string },
              { actorAgencyId: { in: agencies } },
            ],
          },
        })
      ).map((row) =>
        JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
      ),
      caseEvents: (await db.caseEvent.findMany({ where: { caseId: caseRef } })).map((row) =>
        JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)),
      ),
      steps: steps.map((row) => JSON.stringify(row)),
      caseRow: JSON.stringify(await db.case.findUniqueOrThrow({ where: { id: caseRef } })),
    },
  };
});

it('finds each personal value in every form it could be written in (the search itself works)', () => {
  for (const [what, value] of Object.entries(personal)) {
    for (const text of [
      `{"msg":"x","v":${JSON.stringify(value)}}`,
      `/cases?q=${encodeURIComponent(value)}`,
      `/cases?${new URLSearchParams({ q: value }).toString()}`,
      value.normalize('NFD'),
      value.toUpperCase(),
    ])
      expect([what, text, leaksIn(text).some((found) => found.startsWith(what))]).toEqual([what, text, true]);
  }
  expect(leaksIn(foldName(PERSON.fullName).toUpperCase())).toContain(
    'name without diacritics (in another case or accents)',
  );
});

describe('the logs', () => {
  it('hold no form of the payload key that protects the personal data in Temporal', () => {
    const payloadKey = parsePayloadKey(process.env.TEST_PAYLOAD_KEY ?? '');
    const { key } = payloadKey;
    expect(key).toHaveLength(32);
    const forms = [key.toString('base64'), key.toString('hex'), [...key].join(','), JSON.stringify([...key])];
    const holdsKey = (text: string) => forms.some((form) => text.includes(form));
    const lines = [...apiLog.lines, ...workerLog.lines];
    expect(lines.filter(holdsKey)).toEqual([]);
    // The worker logs its options at debug, data converter included: the codec shows its key ids only.
    expect(workerLog.lines.some((line) => line.includes(`"currentKeyId":"${payloadKey.id}"`))).toBe(true);
    const codec = new PayloadEncryptionCodec({ current: payloadKey });
    expect([
      holdsKey(JSON.stringify(codec)),
      holdsKey(inspect(codec, { depth: 10, showHidden: true })),
    ]).toEqual([false, false]);
  });

  it('of the API hold the requests, and not one personal value', () => {
    const { caseRef } = collected();
    const requests = apiLog.lines.map(
      (line) => JSON.parse(line) as { req?: { url: string }; res?: { statusCode: number } },
    );
    const urls = requests.flatMap((line) => (line.req ? [line.req.url] : []));
    // Paths as they were asked, a query by its parameters' names only, a number or a name in the path masked.
    // (Compared as the list of those missing, so that a failure names them: one run once lost one, unknown which.)
    const expected = [
      '/auth/login',
      '/cases',
      `/cases/${caseRef}/actions`,
      `/cases/${caseRef}/documents?kind&title&fileName`,
      '/cases?citizenId',
      '/cases?name',
      '/cases/[number]',
      '/cases/[encoded]',
      `/persons/${collected().personId}`,
    ];
    expect({ missing: expected.filter((url) => !urls.includes(url)), logged: urls.length }).toEqual({ missing: [], logged: urls.length });
    const statuses = new Set(requests.flatMap((line) => (line.res ? [line.res.statusCode] : [])));
    for (const status of [200, 201, 400, 404, 409, 415, 422]) expect(statuses).toContain(status);
    expect(leakingLines(apiLog.lines)).toEqual([]);
  });

  it('of the worker hold the SDK and activity lines about the case, and not one personal value', () => {
    const { caseRef } = collected();
    expect(workerLog.lines.length).toBeGreaterThan(0);
    expect(workerLog.lines.some((line) => line.includes(caseWorkflowId(caseRef)))).toBe(true);
    expect(workerLog.lines.some((line) => line.includes('"activityType":"deliverNotification"'))).toBe(true);
    expect(leakingLines(workerLog.lines)).toEqual([]);
  });
});

it('keeps personal values out of the metrics, which count the requests by route pattern', () => {
  const { metrics } = collected();
  expect(metrics).toMatch(
    /http_requests_total\{method="POST",route="\/cases\/:caseRef\/actions",status="200"\} \d+/,
  );
  for (const status of ['400', '404', '409', '415', '422'])
    expect(metrics).toMatch(new RegExp(`http_requests_total\\{[^}]*status="${status}"\\}`));
  expect(leakingLines(metrics.split('\n'))).toEqual([]);
});

/** Search attributes Temporal and the SDK set themselves: the worker's build and the workflow's patches. */
const SYSTEM_SEARCH_ATTRIBUTES = ['BuildIds', 'TemporalChangeVersion'];

/**
 * Payloads the SDK writes in clear, outside the data converter: search attributes, a patch
 * marker's id, and a local activity marker's bookkeeping (its sequence number, attempt, type and
 * times; its result is a payload of its own, encrypted).
 */
const CLEAR_PAYLOADS = [
  { where: /\.searchAttributes\.indexedFields\.[A-Za-z]+$/ },
  {
    where: /\.markerRecordedEventAttributes\.details\.patch-data\.payloads\.\d+$/,
    keys: ['id', 'deprecated'],
  },
  {
    where: /\.markerRecordedEventAttributes\.details\.data\.payloads\.\d+$/,
    keys: [
      'seq',
      'attempt',
      'activity_id',
      'activity_type',
      'complete_time',
      'backoff',
      'original_schedule_time',
    ],
  },
];

describe('Temporal', () => {
  it('sees operational search attributes only, and no personal value in ids, memo or descriptions', () => {
    const { caseRef, temporal: seen } = collected();
    expect(seen.workflowIds).toContain(caseWorkflowId(caseRef));
    const caseWorkflow = seen.descriptions.find((d) => d.workflowId === caseWorkflowId(caseRef));
    expect(caseWorkflow?.searchAttributes).toMatchObject({
      Procedure: 'COMPULSORY_REHAB_ADULT',
      JurisdictionId: province.communeId,
    });
    for (const description of seen.descriptions) {
      const ours = Object.keys(description.searchAttributes).filter(
        (key) => !SYSTEM_SEARCH_ATTRIBUTES.includes(key),
      );
      expect(ours.sort()).toEqual(['JurisdictionId', 'Procedure']);
      expect([description.workflowId, leaksIn(description.text)]).toEqual([description.workflowId, []]);
    }
  });

  it('keeps every payload of the histories encrypted: the raw bytes hold no personal value in clear', () => {
    const { temporal: seen } = collected();
    expect(seen.histories.length).toBeGreaterThan(0);
    for (const history of seen.histories) {
      expect(history.events).toBeGreaterThan(10);
      const encrypted = history.payloads.filter((payload) => payload.encoding === 'binary/encrypted');
      // The input, every update's arguments and result, every activity's arguments and result.
      expect(encrypted.length).toBeGreaterThan(20);
      const unexpected = history.payloads.filter((payload) => {
        if (payload.encoding === 'binary/encrypted') return false;
        const allowed = CLEAR_PAYLOADS.find((kind) => kind.where.test(payload.path));
        if (!allowed) return true;
        if (!allowed.keys) return false;
        return Object.keys(JSON.parse(payload.clear ?? '{}') as object).some(
          (key) => !allowed.keys.includes(key),
        );
      });
      expect(unexpected).toEqual([]);
      expect([
        history.workflowId,
        leaksIn(history.bytes.toString('utf8')),
        leaksIn(history.bytes.toString('latin1')),
      ]).toEqual([history.workflowId, [], []]);
    }
  });
});

describe('the notifications', () => {
  it('name the case, never the person: rows, deliveries, inbox, e-mails and webhook calls', () => {
    const { caseRef, notifications } = collected();
    const kinds = new Set(notifications.rows.map((row) => row.kind));
    expect(kinds).toEqual(new Set(['REMINDER', 'ESCALATION']));
    expect(notifications.rows.length).toBe(5);
    for (const row of notifications.rows) expect(row.text).toContain(caseRef);
    expect(notifications.deliveries).toHaveLength(9);
    expect(notifications.inbox).toHaveLength(5);
    expect(notifications.emails).toHaveLength(5);
    expect(notifications.webhooks).toHaveLength(4);
    for (const text of [...notifications.emails, ...notifications.webhooks]) expect(text).toContain(caseRef);
    const all = [
      ...notifications.rows.map((row) => row.text),
      ...notifications.deliveries,
      ...notifications.inbox,
      ...notifications.emails,
      ...notifications.webhooks,
    ];
    expect(leakingLines(all)).toEqual([]);
  });
});

it('keeps personal values out of the audit log, the timeline, the steps and the case row', () => {
  const { caseRef, records } = collected();
  const auditActions = records.auditEvents.map((row) => (JSON.parse(row) as { action: string }).action);
  expect(auditActions).toEqual(
    expect.arrayContaining(['case.read', 'case.search', 'person.read', 'auth.login']),
  );
  expect(records.caseEvents.length).toBeGreaterThanOrEqual(5);
  expect(records.steps.length).toBeGreaterThanOrEqual(4);
  expect(records.caseRow).toContain(caseRef);
  expect(
    leakingLines([...records.auditEvents, ...records.caseEvents, ...records.steps, records.caseRow]),
  ).toEqual([]);
});
