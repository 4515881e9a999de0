import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { until } from '../support/case-driver';
import { bootstrapNationalAdmin, UsernameTaken } from '../../db/national-root';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../notifications';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startWebhookSink } from '../support/webhook-sink';

/**
 * A province's administrator through the HTTP API on the real stack (issue #18): a new user
 * created with a role their agency allows, logging in with the one-time password, changing it and
 * acting on a case; deactivated, unable to log in, their past act still showing their name; then
 * a reorganisation entered as data merging their commune into another, after which the open step
 * of the merged commune is the successor's to act on, the users moved, and nothing overwritten.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let api: ApiHarness;
let province: TestProvince;
let other: TestProvince;
let second: Awaited<ReturnType<TestProvince['addCommune']>>;
let third: Awaited<ReturnType<TestProvince['addCommune']>>;
const users = { admin: '', otherAdmin: '', police1: '' };

let mail: SmtpSink;

beforeAll(async () => {
  mail = await startSmtpSink({ rejectRecipients: /refused@/ });
  stack = await startCaseStack('administration', { smtpUrl: mail.url });
  api = stack.api;
  province = await createTestProvince(api.db, 'admin');
  other = await createTestProvince(api.db, 'admin-other');
  second = await province.addCommune('X2');
  // Created before the API reads the registry: a unit added later reaches its cache within a second.
  third = await province.addCommune('X3');
  users.admin = await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN']);
  users.otherAdmin = await other.addUser(other.agency.provincialPolice, ['SYSTEM_ADMIN']);
  users.police1 = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
});
afterAll(async () => {
  await stack.close();
  await mail.close();
});

const as = async (user: string) => `Bearer ${await stack.driver.token(user)}`;
const login = (username: string, password: string) => request(api.app).post('/auth/login').send({ username, password });

it('creates a user who logs in, changes the one-time password and acts; deactivated, they cannot log in and their act keeps their name', async () => {
  const today = vietnamDate();
  const create = (body: Record<string, unknown>, user = users.admin) =>
    as(user).then((auth) => request(api.app).post('/admin/users').set('Authorization', auth).send({ username: 'ca.x2.le', displayName: 'Lê Văn Mới (CA xã X2)', agencyId: second.communePolice, roles: ['COMMUNE_POLICE_OFFICER'], ...body }));

  // A role the agency does not have, an agency of another province, a name taken: refused, nothing created.
  const judgeInPolice = await create({ roles: ['JUDGE'] });
  expect([judgeInPolice.status, judgeInPolice.body.code, judgeInPolice.body.roles]).toEqual([422, 'ADMIN.ROLE_NOT_FOR_AGENCY', ['JUDGE']]);
  expect((await create({}, users.otherAdmin)).status).toBe(403);
  expect((await create({ roles: ['COMMUNE_POLICE_OFFICER'] }, users.police1)).status).toBe(403);
  expect(await api.db.user.count({ where: { username: 'ca.x2.le' } })).toBe(0);
  const created = await create({});
  expect(created.status).toBe(201);
  expect(created.headers['cache-control']).toBe('no-store');
  expect((await create({})).status).toBe(409);
  expect(await api.db.auditEvent.count({ where: { action: 'admin.user_created', details: { path: ['username'], equals: 'ca.x2.le' } } })).toBe(1);

  // The one-time password opens only the password change; then the officer works.
  const first = await login('ca.x2.le', created.body.oneTimePassword);
  expect(first.status).toBe(200);
  expect(first.body.mustChangePassword).toBe(true);
  const changed = await request(api.app)
    .post('/me/password')
    .set('Authorization', `Bearer ${first.body.token}`)
    .send({ currentPassword: created.body.oneTimePassword, newPassword: 'Song-Hau-2026-moi' });
  expect(changed.status).toBe(200);
  const token = changed.body.token as string;
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'COMPULSORY_REHAB_ADULT',
      jurisdictionId: second.communeId,
      person: { fullName: 'Nguyễn Văn Sáp Nhập', birthDate: '1991-04-04', otherIdentification: 'Giấy khai sinh 12/1991', residenceStatus: 'STABLE', residenceJurisdictionId: second.communeId },
      legalGround: 1,
      groundsFoundOn: today,
    });
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  expect(opened.body.openSteps).toEqual([expect.objectContaining({ ruleKey: 'CRA.D2', ownerAgencyId: second.communePolice })]);

  // Deactivated: no login, the token refused; the case's timeline still names them.
  expect((await request(api.app).put('/admin/users/ca.x2.le/active').set('Authorization', await as(users.admin)).send({ active: false })).status).toBe(200);
  expect((await login('ca.x2.le', 'Song-Hau-2026-moi')).status).toBe(401);
  expect((await request(api.app).get('/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  // Another commune's police do not read it; a coordinator does, and sees who acted.
  expect((await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(users.police1))).status).toBe(403);
  const coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const asCoordinator = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(coordinator));
  expect(asCoordinator.body.timeline[0].actor).toMatchObject({ name: 'Lê Văn Mới (CA xã X2)', agencyId: second.communePolice });

  // A change is audited with what changed; an administrator keeps their own administrator role.
  const renamed = await request(api.app).patch('/admin/users/ca.x2.le').set('Authorization', await as(users.admin)).send({ displayName: 'Lê Văn Mới' });
  expect(renamed.status).toBe(200);
  const audit = await api.db.auditEvent.findFirstOrThrow({ where: { action: 'admin.user_changed' }, orderBy: { id: 'desc' } });
  expect(audit.details).toMatchObject({ changed: { displayName: { from: 'Lê Văn Mới (CA xã X2)', to: 'Lê Văn Mới' } } });
  const selfDemotion = await request(api.app).patch(`/admin/users/${users.admin}`).set('Authorization', await as(users.admin)).send({ roles: ['PROVINCIAL_COORDINATOR'] });
  expect([selfDemotion.status, selfDemotion.body.code]).toEqual([422, 'ADMIN.SELF_DEMOTION']);
});

it('merges a commune into another as data: its open step becomes the successor’s, its users move, nothing is overwritten', async () => {
  const today = vietnamDate();
  // A case of the second commune, its dossier step open with that commune's police.
  const police2 = await province.addUser(second.communePolice, ['COMMUNE_POLICE_HEAD']);
  const opened = await stack.driver.openCase(police2, { jurisdictionId: second.communeId, residenceJurisdictionId: second.communeId, groundsFoundOn: today });
  const caseRef = opened.caseRef;
  await until(() => api.db.step.findFirst({ where: { caseRef, status: 'OPEN' } }).then((row) => row ?? undefined), 'the dossier step');
  // Before the merger the first commune's police cannot act on it.
  const before = await stack.driver.act(caseRef, users.police1, { type: 'FILE_DOSSIER', on: today, addictionResultRef: 'KQ-1', interimArrangement: { kind: 'FAMILY' } });
  expect(before.status).toBe(403);

  const body = { effectiveOn: today, reason: 'Nghị quyết thử về sắp xếp đơn vị hành chính cấp xã', merges: [{ from: [second.communeId], into: { existing: province.communeId } }] };
  expect((await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.otherAdmin)).send(body)).status).toBe(403);
  const future = await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send({ ...body, effectiveOn: '2099-01-01' });
  expect([future.status, future.body.code]).toEqual([422, 'ADMIN.REORGANISATION_IN_FUTURE']);
  const done = await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send(body);
  expect(done.status).toBe(201);
  expect(done.body.unitsEnded).toEqual([{ id: second.communeId, successorId: province.communeId }]);
  expect(done.body.agenciesEnded).toEqual(
    expect.arrayContaining([
      { id: second.communePolice, successorId: province.agency.communePolice },
      { id: second.communeCommittee, successorId: province.agency.communeCommittee },
    ]),
  );
  expect(done.body.openStepsTakenOver).toBeGreaterThanOrEqual(1);
  expect(done.body.usersMoved).toEqual(expect.arrayContaining([{ username: police2, from: second.communePolice, to: province.agency.communePolice }]));
  // A second time: the commune has ended, so nothing changes twice.
  expect((await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send(body)).body.code).toBe('ADMIN.UNIT_NOT_IN_FORCE');

  // Nothing overwritten: the unit and the step keep their ids; the unit ends yesterday.
  const unit = await api.db.jurisdiction.findUniqueOrThrow({ where: { id: second.communeId } });
  expect(unit.validTo?.toISOString().slice(0, 10)).toBe(new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  const step = await api.db.step.findFirstOrThrow({ where: { caseRef, status: 'OPEN' } });
  expect(step.ownerAgencyId).toBe(second.communePolice);

  // The successor's police find it among their tasks and act on it.
  const tasks = await request(api.app).get('/me/tasks').set('Authorization', await as(users.police1));
  expect(tasks.body.items.map((row: { caseRef: string }) => row.caseRef)).toContain(caseRef);
  const filed = await stack.driver.expectOk(caseRef, users.police1, { type: 'FILE_DOSSIER', on: today, addictionResultRef: 'KQ-1', interimArrangement: { kind: 'FAMILY' } });
  expect(filed.phase).toBe('NOTIFYING');
  // A new case in the ended commune is refused (the unit did not exist on that day), naming its successor's day.
  const late = await stack.driver.openCase(users.police1, { jurisdictionId: second.communeId, residenceJurisdictionId: second.communeId, groundsFoundOn: today }).catch((error: Error) => error.message);
  expect(String(late)).toContain('CASE.UNIT_NOT_IN_FORCE');
  expect(await api.db.auditEvent.count({ where: { action: 'admin.reorganisation', jurisdictionId: province.provinceId } })).toBe(1);
});

it('splits a commune between two as data: the principal successor takes over its agencies, users and open step; a new one gets agencies of the same kinds; both are on record', async () => {
  const today = vietnamDate();
  const police3 = await province.addUser(third.communePolice, ['COMMUNE_POLICE_HEAD']);
  const { caseRef } = await stack.driver.openCase(police3, { jurisdictionId: third.communeId, residenceJurisdictionId: third.communeId, groundsFoundOn: today });
  await until(() => api.db.step.findFirst({ where: { caseRef, status: 'OPEN' } }).then((row) => row ?? undefined), 'the dossier step');

  const newUnit = `${province.provinceId}-X4`;
  const body = {
    effectiveOn: today,
    reason: 'Nghị quyết thử về chia tách đơn vị hành chính cấp xã',
    splits: [{ from: third.communeId, into: [{ existing: province.communeId }, { id: newUnit, nameVi: 'Xã mới X4', nameEn: 'New commune X4' }] }],
  };
  const twice = await request(api.app)
    .post('/admin/reorganisations')
    .set('Authorization', await as(users.admin))
    .send({ ...body, splits: [{ from: third.communeId, into: [{ existing: province.communeId }, { existing: province.communeId }] }] });
  expect([twice.status, twice.body.code]).toEqual([422, 'ADMIN.SUCCESSOR_INVALID']);
  expect(await api.db.jurisdiction.count({ where: { id: newUnit } })).toBe(0);
  const notEnough = await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send({ ...body, splits: [{ from: third.communeId, into: [{ existing: province.communeId }] }] });
  expect(notEnough.status).toBe(400);

  const done = await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send(body);
  expect(done.status).toBe(201);
  expect(done.body).toMatchObject({
    unitsSplit: [{ id: third.communeId, successorIds: [province.communeId, newUnit] }],
    unitsEnded: [{ id: third.communeId, successorId: province.communeId }],
    unitsCreated: [newUnit],
  });
  expect(done.body.agenciesEnded).toEqual(expect.arrayContaining([{ id: third.communePolice, successorId: province.agency.communePolice }]));
  expect([...done.body.agenciesCreated].sort()).toEqual([`${newUnit}-CA`, `${newUnit}-UBND`]);
  expect(done.body.usersMoved).toEqual([{ username: police3, from: third.communePolice, to: province.agency.communePolice }]);
  expect(done.body.openStepsTakenOver).toBeGreaterThanOrEqual(1);

  // On record: where the unit went, the principal one first; the new unit and its agencies in force from today.
  const unit = await request(api.app).get(`/registry/jurisdictions/${third.communeId}`).set('Authorization', await as(users.admin));
  expect(unit.body).toMatchObject({ successorId: province.communeId, splitInto: [province.communeId, newUnit] });
  const created = await request(api.app).get(`/registry/jurisdictions/${newUnit}`).set('Authorization', await as(users.admin));
  expect(created.body).toMatchObject({ validFrom: today, validTo: null, splitInto: [] });
  expect(await api.db.agency.count({ where: { jurisdictionId: newUnit, validTo: null } })).toBe(2);

  // The principal successor's police act on the open step.
  const filed = await stack.driver.expectOk(caseRef, users.police1, { type: 'FILE_DOSSIER', on: today, addictionResultRef: 'KQ-1', interimArrangement: { kind: 'FAMILY' } });
  expect(filed.phase).toBe('NOTIFYING');
  expect((await request(api.app).post('/admin/reorganisations').set('Authorization', await as(users.admin)).send(body)).body.code).toBe('ADMIN.UNIT_NOT_IN_FORCE');
});

it('lets a national administrator add a province and its first administrator, who builds its registry; the national one sees nothing inside it', async () => {
  // The deployment's first national administrator, as `npm run national-admin` makes one.
  const nationalName = `national.${randomUUID().slice(0, 6)}`;
  const { oneTimePassword } = await bootstrapNationalAdmin(api.db, { username: nationalName, displayName: 'Quản trị quốc gia' });
  await expect(bootstrapNationalAdmin(api.db, { username: nationalName, displayName: 'Người khác' })).rejects.toThrow(UsernameTaken);
  expect(await api.db.auditEvent.count({ where: { action: 'national.admin_bootstrapped', subjectId: nationalName } })).toBe(1);
  const firstNational = await login(nationalName, oneTimePassword);
  expect([firstNational.status, firstNational.body.mustChangePassword]).toEqual([200, true]);
  const nationalChanged = await request(api.app)
    .post('/me/password')
    .set('Authorization', `Bearer ${firstNational.body.token}`)
    .send({ currentPassword: oneTimePassword, newPassword: 'Quoc-Gia-2026-manh' });
  expect(nationalChanged.status).toBe(200);
  const nationalAuth = `Bearer ${nationalChanged.body.token as string}`;

  const code = `P${randomUUID().slice(0, 5).toUpperCase()}`;
  const body = { id: code, nameVi: 'Tỉnh Mới', nameEn: 'New Province', administrator: { username: `admin.${code.toLowerCase()}`, displayName: 'Quản trị tỉnh mới' } };
  expect((await request(api.app).post('/national/provinces').set('Authorization', await as(users.admin)).send(body)).status).toBe(403);
  const created = await request(api.app).post('/national/provinces').set('Authorization', nationalAuth).send(body);
  expect(created.status).toBe(201);
  expect(created.headers['cache-control']).toBe('no-store');
  expect(created.body.province).toMatchObject({ id: code, communes: 0, agencies: 1, activeUsers: 1, administrators: [body.administrator.username] });
  expect((await request(api.app).post('/national/provinces').set('Authorization', nationalAuth).send(body)).status).toBe(409);
  expect(await api.db.auditEvent.count({ where: { action: 'national.province_created', subjectId: code } })).toBe(1);

  // The first administrator changes the one-time password, then adds a commune and its police.
  const first = await login(body.administrator.username, created.body.administrator.oneTimePassword);
  expect(first.body.mustChangePassword).toBe(true);
  const changed = await request(api.app)
    .post('/me/password')
    .set('Authorization', `Bearer ${first.body.token}`)
    .send({ currentPassword: created.body.administrator.oneTimePassword, newPassword: 'Tinh-Moi-2026-manh' });
  expect(changed.status).toBe(200);
  const provinceAdmin = `Bearer ${changed.body.token as string}`;
  const commune = { id: `${code}-X1`, level: 'COMMUNE', nameVi: 'Xã Đầu Tiên', nameEn: 'First Commune', parentId: code, validFrom: '2025-07-01' };
  const unit = await request(api.app).post('/admin/units').set('Authorization', provinceAdmin).send(commune);
  expect([unit.status, unit.body.id, unit.body.validTo]).toEqual([201, commune.id, null]);
  expect((await request(api.app).post('/admin/units').set('Authorization', provinceAdmin).send(commune)).status).toBe(409);
  const underCommune = await request(api.app).post('/admin/units').set('Authorization', provinceAdmin).send({ ...commune, id: `${code}-X9`, parentId: commune.id });
  expect([underCommune.status, underCommune.body.code]).toEqual([422, 'ADMIN.LEVEL_NOT_BELOW']);
  expect((await request(api.app).post('/admin/units').set('Authorization', await as(users.admin)).send({ ...commune, id: `${code}-X2` })).status).toBe(403);
  const police = await request(api.app)
    .post('/admin/agencies')
    .set('Authorization', provinceAdmin)
    .send({ id: `${code}-X1-CA`, kind: 'COMMUNE_POLICE', nameVi: 'Công an xã Đầu Tiên', nameEn: 'First Commune Police', jurisdictionId: commune.id, validFrom: '2025-07-01' });
  expect(police.status).toBe(201);
  // No province makes a national body (its accounts would be national administrators).
  const madeNational = await request(api.app)
    .post('/admin/agencies')
    .set('Authorization', provinceAdmin)
    .send({ id: `${code}-BCA`, kind: 'NATIONAL_AGENCY', nameVi: 'Cơ quan', nameEn: 'Body', jurisdictionId: code, validFrom: '2025-07-01' });
  expect(madeNational.status).toBe(400);

  // The national administrator sees the province grow, and nothing inside it.
  const listed = await request(api.app).get('/national/provinces').set('Authorization', nationalAuth);
  expect(listed.body.items.find((item: { id: string }) => item.id === code)).toMatchObject({ communes: 1, agencies: 2, activeUsers: 1 });
  expect((await request(api.app).get('/admin/users').set('Authorization', nationalAuth)).status).toBe(403);
  expect([403, 404]).toContain((await request(api.app).get(`/registry/jurisdictions/${commune.id}`).set('Authorization', nationalAuth)).status);
  expect((await request(api.app).get('/national/provinces').set('Authorization', provinceAdmin)).status).toBe(403);
});

it('lets a deputy hold an absent chairman’s role between two dates, with the token they already have, until it is ended', async () => {
  const today = vietnamDate();
  const chairman = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
  const deputy = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
  const police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
  const opened = await request(api.app)
    .post('/cases')
    .set('Authorization', await as(police))
    .set('Idempotency-Key', randomUUID())
    .send({
      procedure: 'DRUG_USER_MANAGEMENT',
      jurisdictionId: province.communeId,
      person: { fullName: 'Đặng Văn Vắng', birthDate: '1990-09-09', otherIdentification: 'Giấy khai sinh 9/1990', residenceStatus: 'STABLE', residenceJurisdictionId: province.communeId },
      testedOn: today,
      testResultRef: 'XN-9/2026',
      violationRecordRef: 'BB-9/2026',
    });
  expect(opened.status).toBe(201);
  const caseRef = opened.body.caseRef as string;
  const decide = () => stack.driver.act(caseRef, deputy, { type: 'DECIDE_MANAGEMENT', on: today, decisionRef: '9/QĐ-UBND' });
  // The official may not take the chairman's decision…
  expect((await decide()).status).toBe(403);

  const name = (body: Record<string, unknown>) =>
    as(users.admin).then((auth) => request(api.app).post('/admin/deputations').set('Authorization', auth).send({ deputyUsername: deputy, forUsername: chairman, role: 'COMMUNE_CHAIRMAN', from: today, to: '2099-12-31', reason: 'Chủ tịch đi công tác', ...body }));
  // …and a deputation must make sense: the same agency, a role the absent colleague holds, dates in order.
  expect((await name({ deputyUsername: police })).body.code).toBe('ADMIN.DEPUTY_OTHER_AGENCY');
  expect((await name({ role: 'CHIEF_JUDGE' })).body.code).toBe('ADMIN.ROLE_NOT_HELD');
  expect((await name({ from: '2030-01-02', to: '2030-01-01' })).status).toBe(400);
  const later = await name({ from: '2099-01-01' });
  expect(later.body).toMatchObject({ inForce: false });
  expect((await decide()).status).toBe(403);

  const named = await name({});
  expect(named.status).toBe(201);
  expect(named.body).toMatchObject({ inForce: true, agencyId: province.agency.communeCommittee });
  // The same token, now holding the role: the deputy's tasks show the step, and the decision is theirs to record.
  const me = await request(api.app).get('/me').set('Authorization', await as(deputy));
  expect(me.body.roles).toEqual(expect.arrayContaining(['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN']));
  const ended = await request(api.app).delete(`/admin/deputations/${named.body.id}`).set('Authorization', await as(users.admin));
  expect(ended.body).toMatchObject({ inForce: false });
  expect((await decide()).status).toBe(403);
  // Named again, the deputy decides; the timeline names the deputy.
  expect((await name({})).status).toBe(201);
  const decided = await decide();
  expect(decided.status).toBe(200);
  const page = await request(api.app).get(`/cases/${caseRef}`).set('Authorization', await as(police));
  expect(page.body.timeline.at(-1).actor).toMatchObject({ name: 'COMMUNE_OFFICIAL admin' });
  expect(await api.db.auditEvent.count({ where: { action: { in: ['admin.deputation_created', 'admin.deputation_ended'] }, jurisdictionId: province.communeId } })).toBe(4);
});

it('subscribes an agency to a webhook, keeps its secret unseen, sends a signed test message, and ends it', async () => {
  const sink = await startWebhookSink({ respondWith: (n) => (n === 2 ? 500 : 204) });
  try {
    const secret = 'webhook-secret-for-the-admin-test-0123456789';
    const auth = await as(users.admin);
    const base = `/admin/agencies/${province.agency.communeCommittee}/webhooks`;
    const badUrl = await request(api.app).post(base).set('Authorization', auth).send({ url: 'ftp://example.invalid/hook', secret });
    expect(badUrl.status).toBe(400);
    expect((await request(api.app).post(base).set('Authorization', await as(users.otherAdmin)).send({ url: sink.url, secret })).status).toBe(404);
    const created = await request(api.app).post(base).set('Authorization', auth).send({ url: sink.url, secret });
    expect(created.status).toBe(201);
    const listed = await request(api.app).get(base).set('Authorization', auth);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, url: sink.url, active: true })]);

    // The test message arrives signed with the secret; a receiver's failure is reported, not thrown.
    const tried = await request(api.app).post(`${base}/${created.body.id}/test`).set('Authorization', auth).send({});
    expect(tried.body).toMatchObject({ delivered: true, status: 204 });
    const [call] = await sink.waitFor(1);
    expect(call!.json).toMatchObject({ type: 'TEST', agencyId: province.agency.communeCommittee });
    expect(verifyWebhookSignature({ secret, header: String(call!.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]), body: call!.body, toleranceSeconds: 300 })).toBe(true);
    const failing = await request(api.app).post(`${base}/${created.body.id}/test`).set('Authorization', auth).send({});
    expect([failing.status, failing.body.delivered, failing.body.status]).toEqual([200, false, 500]);

    // Ended: kept on record, inactive, no more test messages.
    const ended = await request(api.app).delete(`${base}/${created.body.id}`).set('Authorization', auth);
    expect(ended.body).toMatchObject({ active: false });
    expect((await request(api.app).post(`${base}/${created.body.id}/test`).set('Authorization', auth).send({})).status).toBe(409);
    const audited = await api.db.auditEvent.findMany({ where: { subjectId: created.body.id }, orderBy: { id: 'asc' } });
    expect(audited.map((row) => row.action)).toEqual(['admin.webhook_subscribed', 'admin.webhook_tested', 'admin.webhook_tested', 'admin.webhook_ended']);
    expect(JSON.stringify(audited.map((row) => row.details))).not.toContain(secret);
  } finally {
    await sink.close();
  }
});

it('sends a test e-mail to an agency’s notification address and shows what the mail server answered', async () => {
  const agency = province.agency.drugDivision;
  const send = async (user = users.admin) => request(api.app).post(`/admin/agencies/${agency}/test-email`).set('Authorization', await as(user));
  expect((await send(users.otherAdmin)).status).toBe(404);
  expect((await send(users.police1)).status).toBe(403);

  await api.db.agency.update({ where: { id: agency }, data: { email: null } });
  const none = await send();
  expect([none.status, none.body.code]).toEqual([422, 'ADMIN.AGENCY_HAS_NO_EMAIL']);

  await request(api.app).patch(`/admin/agencies/${agency}`).set('Authorization', await as(users.admin)).send({ email: 'pc04.thu@test.invalid' });
  const sent = await send();
  expect(sent.status).toBe(200);
  expect(sent.body).toMatchObject({ delivered: true, to: 'pc04.thu@test.invalid', error: null });
  // The sink may also hold notifications the cases above sent: the test message by its Message-ID.
  const received = await until(async () => mail.messages.find((message) => message.messageId === sent.body.messageId), 'the test e-mail');
  expect(received.to).toEqual(['pc04.thu@test.invalid']);
  expect(received.subject).toContain('Thư thử');

  // An address the server refuses: the answer says so, the request was right.
  await request(api.app).patch(`/admin/agencies/${agency}`).set('Authorization', await as(users.admin)).send({ email: 'refused@test.invalid' });
  const refused = await send();
  expect(refused.status).toBe(200);
  expect(refused.body).toMatchObject({ delivered: false, to: 'refused@test.invalid' });
  expect(refused.body.error).toEqual(expect.any(String));
  expect(await api.db.auditEvent.count({ where: { action: 'admin.email_tested', subjectId: agency } })).toBe(2);
});
