import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { bodyFromSchema, type JsonSchema } from '../support/body-from-schema';
import { until } from '../support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { uniqueTaskQueue } from '../support/test-env';
import { vietnamDate } from '../../domain/time/legal-date';
import { ActionPermissionCheck } from '../policy/action-permission-check';

/**
 * `GET /procedures` describes every action well enough to build its form: each action of every
 * procedure is posted, with a body built from its JSON Schema alone, to a case where it is open,
 * by a demo user holding one of the roles the permission policy allows (test/policy), and answers
 * 2xx. The test only chooses which case, which legal date, and where an action has several
 * outcomes, which one. Before each action, while its step is open, the action half of the
 * permission matrix runs (test/policy/action-permission-check.ts): every role the policy refuses,
 * in the province and in another, is refused; every role it allows is offered the action.
 */
jest.setTimeout(240_000);

interface ActionView {
  type: string;
  schema: JsonSchema;
  by: { roles: string[] };
  when: { step?: unknown; phases?: string[] };
}
interface ProcedureView {
  code: string;
  opening: JsonSchema | null;
  openedBy: string[];
  actions: ActionView[];
}

let api: ApiHarness;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
let procedures: ProcedureView[];
let communes: string[];
let permissions: ActionPermissionCheck;
const users: { username: string; roles: string[] }[] = [];
const tokens = new Map<string, string>();
const covered = new Set<string>();
const taskQueue = uniqueTaskQueue('procedure-forms');
const today = vietnamDate();

async function token(username: string) {
  if (!tokens.has(username)) tokens.set(username, await api.tokenFor(username));
  return tokens.get(username) as string;
}

beforeAll(async () => {
  quietTemporalRuntime();
  api = await startApiHarness({ taskQueue });
  dependencies = testActivityDependencies(api.db);
  worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
  const listed = await request(api.app).get('/procedures').set('Authorization', `Bearer ${await token('police.apl')}`);
  expect(listed.status).toBe(200);
  procedures = listed.body.items;
  const units = await request(api.app)
    .get('/registry/jurisdictions?level=COMMUNE')
    .set('Authorization', `Bearer ${await token('coordinator.pc04')}`);
  communes = units.body.items.map((unit: { id: string }) => unit.id);
  for (const user of await api.db.user.findMany({ where: { agency: { jurisdictionId: { startsWith: 'SX' }, validTo: null } }, orderBy: { username: 'asc' } }))
    users.push({ username: user.username, roles: user.roles });
  permissions = new ActionPermissionCheck(api.app, api.db);
  await permissions.setUp('SX');
});
afterAll(async () => {
  await worker.stop();
  await dependencies.close();
  await api.close();
});

/** Posts as each user holding one of the roles until one is allowed (the owner of the step, the commune of the case). */
async function postAsSomeone(roles: string[], path: string, body: unknown) {
  let last: request.Response | undefined;
  for (const user of users.filter((u) => u.roles.some((role) => roles.includes(role)))) {
    last = await request(api.app)
      .post(path)
      .set('Authorization', `Bearer ${await token(user.username)}`)
      .set('Idempotency-Key', randomUUID())
      .send(body as object);
    if (last.status !== 403) return last;
  }
  throw new Error(`${path}: nobody with ${roles.join('/')} may post (last ${last?.status} ${JSON.stringify(last?.body)})`);
}

async function open(code: string, choose: Record<string, unknown> = {}) {
  const procedure = procedures.find((p) => p.code === code) as ProcedureView;
  const body = bodyFromSchema(procedure.opening as JsonSchema, {
    today,
    choose: { jurisdictionId: 'SX-APL', residenceJurisdictionId: 'SX-APL', ...choose },
    options: () => 'SX-APL',
  });
  const answer = await postAsSomeone(procedure.openedBy, '/cases', body);
  if (answer.status !== 201) throw new Error(`open ${code}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.caseRef as string;
}

async function take(caseRef: string, type: string, choose: Record<string, unknown> = {}, on = today) {
  const row = await until(() => api.db.case.findUnique({ where: { id: caseRef } }).then((r) => r ?? undefined), `case ${caseRef}`);
  const action = procedures.find((p) => p.code === row.procedure)?.actions.find((a) => a.type === type) as ActionView;
  const body = bodyFromSchema(action.schema, {
    today: on,
    choose,
    options: () => communes.find((id) => id !== row.jurisdictionId) as string,
  });
  await permissions.check(caseRef, row.procedure, type, body, Boolean(action.when.step ?? action.when.phases));
  const answer = await postAsSomeone([...permissions.allowed(row.procedure, type)], `/cases/${caseRef}/actions`, body);
  if (answer.status !== 200) throw new Error(`${caseRef} ${type}: ${answer.status} ${JSON.stringify(answer.body)}`);
  covered.add(`${row.procedure}:${type}`);
  return answer.body as { phase: string; allowedActions: string[] };
}

it('takes every action of every procedure with a body built from its schema', async () => {
  // A: management, a check, a move and its two steps, then a determination (B) and its monitoring.
  const managed = await open('DRUG_USER_MANAGEMENT');
  for (const type of ['DECIDE_MANAGEMENT', 'RECORD_RESIDENCE_CHECK', 'RECORD_MOVE', 'NOTIFY_RECEIVING_COMMUNE', 'CONFIRM_ARRIVAL', 'SEND_FOR_DETERMINATION'])
    await take(managed, type);
  const determination = `XD-${managed}-1`;
  await take(determination, 'RECORD_CONCLUSION', { result: 'FURTHER_MONITORING' });
  await take(determination, 'CONCLUDE_MONITORING', { result: 'ADDICTED' });
  await take(determination, 'REGISTER_TREATMENT', { programme: 'FACILITY' });
  // C at a facility (started by the registration), and at the community with a violation.
  const atFacility = `TN-${determination}`;
  await take(atFacility, 'ADMIT_VOLUNTARY');
  await take(atFacility, 'COMPLETE_FACILITY_TREATMENT');
  const community = await open('VOLUNTARY_REHAB', { setting: 'COMMUNITY' });
  await take(community, 'DECIDE_VOLUNTARY_TREATMENT');
  await take(community, 'COMPLETE_VOLUNTARY_TREATMENT');
  const violating = await open('VOLUNTARY_REHAB', { setting: 'COMMUNITY' });
  await take(violating, 'DECIDE_VOLUNTARY_TREATMENT');
  await take(violating, 'RECORD_VIOLATION');

  // D from the dossier through suspension, appeal, postponement, absconding and early release; F after it.
  const compulsory = await open('COMPULSORY_REHAB_ADULT');
  for (const type of ['FILE_DOSSIER', 'NOTIFY_PERSON', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER', 'SCHEDULE_HEARING', 'REQUEST_DOCUMENTS', 'SUPPLY_DOCUMENTS'])
    await take(compulsory, type);
  await take(compulsory, 'RECORD_DECISION', { outcome: 'TEMPORARILY_SUSPEND' });
  await take(compulsory, 'RESUME_PROCEEDINGS');
  await take(compulsory, 'RECORD_DECISION', { outcome: 'APPLY' });
  for (const type of ['FILE_COMPLAINT', 'DECIDE_APPEAL', 'POSTPONE_EXECUTION', 'END_POSTPONEMENT', 'ADMIT', 'ABSCOND', 'RETURN_TO_FACILITY', 'EARLY_RELEASE', 'COMPLETE_TREATMENT'])
    await take(compulsory, type);
  const postRehab = `PR-${compulsory}`;
  await until(async () => ((await api.db.step.count({ where: { caseRef: postRehab, ruleKey: 'PR.CHECK_IN' } })) > 0 ? true : undefined), 'the first check-in');
  for (const type of ['RECORD_CHECK_IN', 'RECORD_MOVE', 'RECORD_RELAPSE']) await take(postRehab, type);

  // D: a returned dossier, an exemption, and a reduction after half of a term begun in 2024.
  const returned = await open('COMPULSORY_REHAB_ADULT');
  for (const type of ['FILE_DOSSIER', 'NOTIFY_PERSON', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER', 'REQUEST_DOCUMENTS', 'RETURN_DOSSIER'])
    await take(returned, type);
  const exempted = await open('COMPULSORY_REHAB_ADULT');
  for (const type of ['FILE_DOSSIER', 'NOTIFY_PERSON', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER']) await take(exempted, type);
  await take(exempted, 'RECORD_DECISION', { outcome: 'APPLY' });
  await take(exempted, 'FILE_COMPLAINT');
  await take(exempted, 'DECIDE_APPEAL');
  await take(exempted, 'EXEMPT');
  // Before the 2025 reorganisation the case belongs to the commune of the day (An Phú, now part of An Phú Lạc).
  const tooEarly = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${await token('police.apl')}`)
    .set('Idempotency-Key', randomUUID())
    .send(
      bodyFromSchema(procedures.find((p) => p.code === 'COMPULSORY_REHAB_ADULT')?.opening as JsonSchema, {
        today,
        choose: { jurisdictionId: 'SX-APL', residenceJurisdictionId: 'SX-APL', groundsFoundOn: '2024-12-02' },
        options: () => 'SX-APL',
      }) as object,
    );
  expect(tooEarly.status).toBe(422);
  expect(tooEarly.body).toMatchObject({ code: 'CASE.UNIT_NOT_IN_FORCE' });
  expect(tooEarly.body.unitsThen).toContain('SX-LV-AP');
  const early = await open('COMPULSORY_REHAB_ADULT', { groundsFoundOn: '2024-12-02', jurisdictionId: 'SX-LV-AP' });
  await take(early, 'FILE_DOSSIER', {}, '2024-12-03');
  await take(early, 'NOTIFY_PERSON', {}, '2024-12-04');
  // Before 1 March 2025 the district labour division sent the dossier to the district court.
  const owners = async () =>
    (await api.db.step.findMany({ where: { caseRef: early, status: 'OPEN' } })).map((step) => [step.ruleKey, step.ownerAgencyId]);
  expect(await owners()).toEqual([['CRA.D5', 'SX-LV-LDTBXH']]);
  await take(early, 'TRANSFER_TO_COURT', {}, '2024-12-05');
  expect(await owners()).toEqual([['CRA.D6', 'SX-LV-TA']]);
  // The district court was abolished: its successor's judge accepts the dossier; a judge of a court that did not succeed it is refused.
  const notSuccessor = await request(api.app)
    .post(`/cases/${early}/actions`)
    .set('Authorization', `Bearer ${await token('solo.judge.sx-tat')}`)
    .set('Idempotency-Key', randomUUID())
    .send({ type: 'ACCEPT_DOSSIER', on: '2024-12-06' });
  expect(notSuccessor.status).toBe(403);
  await take(early, 'ACCEPT_DOSSIER', {}, '2024-12-06');
  const accepted = await api.db.step.findFirstOrThrow({ where: { caseRef: early, ruleKey: 'CRA.D6' } });
  expect((await api.db.user.findUniqueOrThrow({ where: { id: accepted.completedBy as string } })).agencyId).toBe('SX-TAKV1');

  // A reduction after half of a 24-month term begun in March 2025.
  const reduced = await open('COMPULSORY_REHAB_ADULT', { groundsFoundOn: '2025-03-03', jurisdictionId: 'SX-LV-AP' });
  const dates = ['2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'];
  for (const [index, type] of ['FILE_DOSSIER', 'NOTIFY_PERSON', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER'].entries())
    await take(reduced, type, {}, dates[index]);
  await take(reduced, 'RECORD_DECISION', { outcome: 'APPLY', months: 24 }, '2025-03-10');
  await until(async () => ((await api.db.case.findUnique({ where: { id: reduced } }))?.phase === 'AWAITING_ADMISSION' ? true : undefined), 'the decision to take effect');
  await take(reduced, 'ADMIT', {}, '2025-03-20');
  await take(reduced, 'REDUCE_TERM');

  // D under the 2014–2021 regime (§5.4): grounds found in 2021 in An Phú (now part of An Phú Lạc). The commune
  // chairman compiles, the district justice division checks legality, the district labour division sends the
  // dossier to the district court: the owners of the time, whose successors act today. The court's part is today's.
  const old = await open('COMPULSORY_REHAB_ADULT_2014', { groundsFoundOn: '2021-11-01', jurisdictionId: 'SX-LV-AP', legalGround: 2 });
  const oldOwners = async (caseRef: string) =>
    (await api.db.step.findMany({ where: { caseRef, status: 'OPEN', ruleKey: { not: 'CRO.LIMIT' } } })).map((step) => [step.ruleKey, step.ownerAgencyId]);
  expect(await oldOwners(old)).toEqual([['CRO.D2', 'SX-LV-AP-UBND']]);
  await take(old, 'FILE_DOSSIER', {}, '2021-11-03');
  await take(old, 'NOTIFY_PERSON', {}, '2021-11-04');
  expect(await oldOwners(old)).toEqual([['CRO.LEGALITY', 'SX-LV-TUPHAP']]);
  await take(old, 'CHECK_LEGALITY', {}, '2021-11-08');
  expect(await oldOwners(old)).toEqual([['CRO.TRANSFER', 'SX-LV-LDTBXH']]);
  await take(old, 'TRANSFER_TO_COURT', {}, '2021-11-10');
  expect(await oldOwners(old)).toEqual([['CRO.D6', 'SX-LV-TA']]);
  await take(old, 'ACCEPT_DOSSIER', {}, '2021-11-12');
  for (const type of ['SCHEDULE_HEARING', 'REQUEST_DOCUMENTS', 'SUPPLY_DOCUMENTS']) await take(old, type);
  await take(old, 'RECORD_DECISION', { outcome: 'TEMPORARILY_SUSPEND' });
  await take(old, 'RESUME_PROCEEDINGS');
  await take(old, 'RECORD_DECISION', { outcome: 'APPLY' });
  for (const type of ['FILE_COMPLAINT', 'DECIDE_APPEAL', 'POSTPONE_EXECUTION', 'END_POSTPONEMENT', 'ADMIT', 'ABSCOND', 'RETURN_TO_FACILITY', 'EARLY_RELEASE', 'COMPLETE_TREATMENT'])
    await take(old, type);
  const oldFront = [['FILE_DOSSIER', '2021-10-04'], ['NOTIFY_PERSON', '2021-10-05'], ['CHECK_LEGALITY', '2021-10-06'], ['TRANSFER_TO_COURT', '2021-10-07'], ['ACCEPT_DOSSIER', '2021-10-08']] as const;
  // A decision of 2021 whose window closed long ago; the person is admitted in March 2025 and the term reduced after half of it.
  const oldReduced = await open('COMPULSORY_REHAB_ADULT_2014', { groundsFoundOn: '2021-10-01', jurisdictionId: 'SX-LV-AP', legalGround: 1 });
  for (const [type, on] of oldFront) await take(oldReduced, type, {}, on);
  await take(oldReduced, 'RECORD_DECISION', { outcome: 'APPLY', months: 24 }, '2021-10-20');
  await until(async () => ((await api.db.case.findUnique({ where: { id: oldReduced } }))?.phase === 'AWAITING_ADMISSION' ? true : undefined), 'the 2021 decision to take effect');
  await take(oldReduced, 'ADMIT', {}, '2025-03-20');
  await take(oldReduced, 'REDUCE_TERM');
  // Returned to the commune after documents were asked for; exempted before admission.
  const oldReturned = await open('COMPULSORY_REHAB_ADULT_2014', { groundsFoundOn: '2021-10-01', jurisdictionId: 'SX-LV-AP', legalGround: 1 });
  for (const [type, on] of oldFront) await take(oldReturned, type, {}, on);
  await take(oldReturned, 'REQUEST_DOCUMENTS', {}, '2021-10-11');
  await take(oldReturned, 'RETURN_DOSSIER', {}, '2021-10-29');
  const oldExempted = await open('COMPULSORY_REHAB_ADULT_2014', { groundsFoundOn: '2021-10-01', jurisdictionId: 'SX-LV-AP', legalGround: 1 });
  for (const [type, on] of oldFront) await take(oldExempted, type, {}, on);
  await take(oldExempted, 'RECORD_DECISION', { outcome: 'APPLY', months: 12 }, '2021-10-20');
  await until(async () => ((await api.db.case.findUnique({ where: { id: oldExempted } }))?.phase === 'AWAITING_ADMISSION' ? true : undefined), 'the 2021 decision to take effect');
  await take(oldExempted, 'EXEMPT');

  // E, a minor's case: every court step, then a term begun in 2025 that has ended.
  const minorBirth = `${Number(today.slice(0, 4)) - 15}-01-01`;
  const minor = await open('COMPULSORY_REHAB_MINOR', { birthDate: minorBirth });
  for (const type of ['FILE_DOSSIER', 'NOTIFY_GUARDIAN_OF_DOSSIER', 'RECORD_GUARDIAN_NOTICE', 'ASSIGN_DEFENDER', 'TRANSFER_TO_COURT', 'ACCEPT_DOSSIER', 'REQUEST_DOCUMENTS', 'SUPPLY_DOCUMENTS', 'EXTEND_DECISION_PERIOD'])
    await take(minor, type);
  await take(minor, 'RECORD_DECISION', { outcome: 'TEMPORARILY_SUSPEND' });
  await take(minor, 'RESUME_PROCEEDINGS');
  await take(minor, 'RECORD_DECISION', { outcome: 'SEND', months: 6 });
  await take(minor, 'FILE_COMPLAINT');
  await take(minor, 'DECIDE_APPEAL');
  await take(minor, 'ADMIT');
  const served = await open('COMPULSORY_REHAB_MINOR', { birthDate: '2010-01-01', groundsFoundOn: '2025-08-04' });
  for (const [type, on] of [['FILE_DOSSIER', '2025-08-05'], ['NOTIFY_GUARDIAN_OF_DOSSIER', '2025-08-06'], ['TRANSFER_TO_COURT', '2025-08-07'], ['ACCEPT_DOSSIER', '2025-08-08']] as const)
    await take(served, type, {}, on);
  await take(served, 'RECORD_DECISION', { outcome: 'SEND', months: 6 }, '2025-08-20');
  await until(async () => ((await api.db.step.count({ where: { caseRef: served, ruleKey: 'CRM.ADMISSION' } })) > 0 ? true : undefined), 'the decision to take effect');
  await take(served, 'ADMIT', {}, '2025-09-08');
  await until(async () => ((await api.db.step.count({ where: { caseRef: served, ruleKey: 'CRM.COMPLETION' } })) > 0 ? true : undefined), 'the term to end');
  await take(served, 'COMPLETE_TREATMENT');

  // G: an education measure through every step, and one served in 2025 that needs its certificate.
  const educated = await open('EDUCATION_AT_COMMUNE', { basis: 'OTHER_PUBLIC_ORDER' });
  for (const type of ['FILE_DOSSIER', 'NOTIFY_PERSON', 'COMPLETE_LEGAL_CHECK', 'HOLD_ADVISORY_MEETING', 'DECIDE_MEASURE', 'RECORD_REVIEW', 'FILE_COMPLAINT', 'RECORD_DRUG_USE'])
    await take(educated, type);
  const servedMeasure = await open('EDUCATION_AT_COMMUNE', { basis: 'OTHER_PUBLIC_ORDER', violationOn: '2025-10-06' });
  for (const [type, on] of [['FILE_DOSSIER', '2025-10-07'], ['NOTIFY_PERSON', '2025-10-07'], ['COMPLETE_LEGAL_CHECK', '2025-10-08'], ['HOLD_ADVISORY_MEETING', '2025-10-10'], ['DECIDE_MEASURE', '2025-10-15']] as const)
    await take(servedMeasure, type, {}, on);
  await until(async () => ((await api.db.step.count({ where: { caseRef: servedMeasure, ruleKey: 'EDU.CERTIFICATE' } })) > 0 ? true : undefined), 'the measure to end');
  await take(servedMeasure, 'ISSUE_CERTIFICATE');

  // H: a victim verified further, supported; another who refuses support.
  const victim = await open('TRAFFICKING_VICTIM');
  await take(victim, 'BRING_TO_COMMUNE');
  await take(victim, 'NOTIFY_ONWARD');
  await take(victim, 'RECORD_VERIFICATION', { result: 'FURTHER_VERIFICATION' });
  await take(victim, 'CONCLUDE_FURTHER_VERIFICATION');
  await take(victim, 'AGREE_SUPPORT', { measures: ['ESSENTIAL_NEEDS'] });
  await take(victim, 'PROVIDE_SUPPORT');
  const refusing = await open('TRAFFICKING_VICTIM');
  for (const type of ['BRING_TO_COMMUNE', 'NOTIFY_ONWARD', 'RECORD_VERIFICATION']) await take(refusing, type);
  await take(refusing, 'REFUSE_SUPPORT');
  // A child victim (in Bình Minh: An Phú Lạc's small counts stay small for the suppression test).
  const child = await open('TRAFFICKING_VICTIM', { jurisdictionId: 'SX-BM', residenceJurisdictionId: 'SX-BM', birthDate: `${Number(today.slice(0, 4)) - 12}-01-01` });
  await take(child, 'RECORD_CHILD_PROTECTION');

  // J: a commune's assessment of last year on the example criteria (the demo province entered none).
  const year = Number(today.slice(0, 4)) - 1;
  const assessed = await open('COMMUNE_ASSESSMENT', { programme: 'DRUG_FREE_COMMUNE', year });
  const full = ['KMT1', 'KMT2', 'KMT3', 'KMT4'].map((criterion) => ({ criterion, score: 25 }));
  await take(assessed, 'SUBMIT_SELF_ASSESSMENT', { scores: full });
  await take(assessed, 'RECORD_COUNCIL_SCORES', { scores: full });
  await take(assessed, 'RECORD_DECISION', { level: 'RECOGNISED' });

  // I: a surprise inspection of the demo's complex karaoke finds a violation; the sanction, then the re-inspection.
  const inspection = await open('INSPECTION_178', { establishmentId: '5a7e0000-0178-4000-8000-000000000001', result: 'VIOLATION', violations: ['GUESTS_NOT_REGISTERED'] });
  await take(inspection, 'RECORD_SANCTION');
  await take(inspection, 'RECORD_REINSPECTION');

  // F's certificate: a year of post-rehabilitation that ended (treatment completed on 10/11/2025).
  const earlier = await open('VOLUNTARY_REHAB', { setting: 'COMMUNITY', registeredOn: '2025-07-07' });
  await take(earlier, 'DECIDE_VOLUNTARY_TREATMENT', {}, '2025-07-08');
  await take(earlier, 'COMPLETE_VOLUNTARY_TREATMENT', {}, '2025-11-10');
  const ended = `PR-${earlier}`;
  await until(async () => ((await api.db.step.count({ where: { caseRef: ended, ruleKey: 'PR.CERTIFICATE' } })) > 0 ? true : undefined), 'the period to end');
  await take(ended, 'ISSUE_COMPLETION_CERTIFICATE');

  const every = procedures.flatMap((p) => p.actions.map((a) => `${p.code}:${a.type}`));
  expect(every.filter((key) => !covered.has(key))).toEqual([]);
  expect(every.filter((key) => !permissions.checked.has(key))).toEqual([]);
  expect(permissions.mismatches).toEqual([]);
});

it('names what exists when a procedure or an action is unknown, and refuses a person outside the ages', async () => {
  const police = await token('police.apl');
  const unknownProcedure = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${police}`)
    .set('Idempotency-Key', randomUUID())
    .send({ procedure: 'NO_SUCH_PROCEDURE' });
  expect(unknownProcedure.status).toBe(400);
  expect(unknownProcedure.body.errors[0].field).toBe('body.procedure');
  expect(unknownProcedure.body.errors[0].messageEn).toContain('COMPULSORY_REHAB_ADULT');

  const managed = await open('DRUG_USER_MANAGEMENT');
  const unknownAction = await request(api.app)
    .post(`/cases/${managed}/actions`)
    .set('Authorization', `Bearer ${police}`)
    .set('Idempotency-Key', randomUUID())
    .send({ type: 'ADMIT', on: today });
  expect(unknownAction.status).toBe(400);
  expect(unknownAction.body.errors[0].messageEn).toContain('DECIDE_MANAGEMENT');

  const procedure = procedures.find((p) => p.code === 'COMPULSORY_REHAB_ADULT') as ProcedureView;
  const sixteen = bodyFromSchema(procedure.opening as JsonSchema, {
    today,
    choose: { jurisdictionId: 'SX-APL', residenceJurisdictionId: 'SX-APL', birthDate: `${Number(today.slice(0, 4)) - 16}-01-01` },
    options: () => 'SX-APL',
  });
  const refused = await request(api.app).post('/cases').set('Authorization', `Bearer ${police}`).set('Idempotency-Key', randomUUID()).send(sixteen as object);
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ code: 'CASE.AGE_NOT_APPLICABLE' });
  expect(refused.body.detailEn).toContain('aged 18 or over');
});

it('points a compulsory case of adults to the regime of the day its grounds were found', async () => {
  const police = await token('police.apl');
  const bodyOf = (code: string, groundsFoundOn: string) =>
    bodyFromSchema(procedures.find((p) => p.code === code)?.opening as JsonSchema, {
      today,
      choose: { jurisdictionId: 'SX-LV-AP', residenceJurisdictionId: 'SX-APL', groundsFoundOn, legalGround: 1 },
      options: () => 'SX-APL',
    }) as object;
  const post = (body: object) => request(api.app).post('/cases').set('Authorization', `Bearer ${police}`).set('Idempotency-Key', randomUUID()).send(body);

  const todaysIn2019 = await post(bodyOf('COMPULSORY_REHAB_ADULT', '2019-05-06'));
  expect(todaysIn2019.status).toBe(422);
  expect(todaysIn2019.body).toMatchObject({ code: 'CASE.EARLIER_REGIME', procedure: 'COMPULSORY_REHAB_ADULT_2014', field: 'body.groundsFoundOn' });
  expect(todaysIn2019.body.detail).toContain('COMPULSORY_REHAB_ADULT_2014');

  const oldIn2023 = await post({ ...bodyOf('COMPULSORY_REHAB_ADULT_2014', '2023-02-01'), jurisdictionId: 'SX-APL' });
  expect(oldIn2023.status).toBe(422);
  expect(oldIn2023.body).toMatchObject({ code: 'CASE.PROCEDURE_NOT_APPLICABLE', errors: [{ field: 'body.groundsFoundOn' }] });
  expect(oldIn2023.body.errors[0].messageEn).toContain('COMPULSORY_REHAB_ADULT');

  // Before ND 221/2013 took effect there is no rule book at all.
  const before2014 = await post(bodyOf('COMPULSORY_REHAB_ADULT_2014', '2014-02-14'));
  expect(before2014.status).toBe(422);
  expect(before2014.body).toMatchObject({ code: 'CASE.RULES_NOT_IN_FORCE', firstRulesOn: '2014-02-15' });
});
