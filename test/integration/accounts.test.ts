import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * Accounts (issue #17, item 4) through the real app on the real database: revocation, password
 * change and policy, the forced change after an issued password, administrator reset and
 * deactivation, the per-username delay that never locks, the login audit and the audit query.
 */
/**
 * Long enough that a loaded machine never lets a wait run out between two requests; the tests
 * move the last failure back in the database (`passTime`) instead of sleeping.
 */
const BASE_DELAY_MS = 10_000;
let api: ApiHarness;
let province: TestProvince;
let other: TestProvince;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  api = await startApiHarness({ loginDelayBaseMs: BASE_DELAY_MS, loginDelayMaxMs: 4 * BASE_DELAY_MS });
  province = await createTestProvince(api.db, 'accounts');
  other = await createTestProvince(api.db, 'accounts-other');
  admin = await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN']);
  otherAdmin = await other.addUser(other.agency.provincialPolice, ['SYSTEM_ADMIN']);
});
afterAll(() => api.close());

const login = (username: string, password = DEMO_PASSWORD) => request(api.app).post('/auth/login').send({ username, password });
const bearer = (token: string) => `Bearer ${token}`;
const me = (token: string) => request(api.app).get('/me').set('Authorization', bearer(token));
/** As if `ms` had passed since the account's last failed attempt. */
const passTime = (username: string, ms: number) =>
  api.db.$executeRaw`UPDATE "users" SET "last_failed_login_at" = "last_failed_login_at" - ${ms}::float8 * interval '1 millisecond' WHERE "username" = ${username}`;

async function tokenOf(username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await login(username, password);
  expect([username, response.status]).toEqual([username, 200]);
  return (response.body as { token: string }).token;
}

async function auditActions(subjectId: string): Promise<string[]> {
  const rows = await api.db.auditEvent.findMany({ where: { subjectType: 'user', subjectId }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.action);
}

const asText = (rows: unknown) => JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
const userId = async (username: string) => (await api.db.user.findUniqueOrThrow({ where: { username } })).id;

describe('revocation', () => {
  it('ends every token of the user on POST /auth/logout, at once', async () => {
    const username = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
    const first = await tokenOf(username);
    const second = await tokenOf(username);
    expect((await me(first)).status).toBe(200);
    const out = await request(api.app).post('/auth/logout').set('Authorization', bearer(first));
    expect(out.status).toBe(204);
    for (const token of [first, second]) {
      const response = await me(token);
      expect([response.status, response.body.code]).toEqual([401, 'AUTH.UNAUTHENTICATED']);
    }
    expect((await me(await tokenOf(username))).status).toBe(200);
    expect(await auditActions(await userId(username))).toEqual(['auth.login', 'auth.login', 'auth.logout', 'auth.login']);
  });

  it('ends every session on DELETE /auth/session with the CSRF value, bearer tokens included', async () => {
    const username = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_HEAD']);
    const bearerToken = await tokenOf(username);
    const session = await request(api.app).post('/auth/session').send({ username, password: DEMO_PASSWORD });
    expect(session.status).toBe(200);
    expect(session.body.mustChangePassword).toBe(false);
    const jar = (session.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    // Without the CSRF value the cookies are cleared but nothing is revoked.
    expect((await request(api.app).delete('/auth/session').set('Cookie', jar)).status).toBe(204);
    expect((await request(api.app).get('/me').set('Cookie', jar)).status).toBe(200);
    const out = await request(api.app).delete('/auth/session').set('Cookie', jar).set('X-CSRF-Token', session.body.csrfToken);
    expect(out.status).toBe(204);
    expect((await request(api.app).get('/me').set('Cookie', jar)).status).toBe(401);
    expect((await me(bearerToken)).status).toBe(401);
  });

  it('refuses every token of a deactivated account at once, and its logins, until reactivated', async () => {
    const username = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
    const token = await tokenOf(username);
    const adminToken = await tokenOf(admin);
    const off = await request(api.app)
      .put(`/admin/users/${username}/active`)
      .set('Authorization', bearer(adminToken))
      .send({ active: false });
    expect([off.status, off.body]).toEqual([200, { username, active: false }]);
    expect((await me(token)).status).toBe(401);
    const refused = await login(username);
    expect([refused.status, refused.body.code]).toEqual([401, 'AUTH.BAD_CREDENTIALS']);
    const on = await request(api.app).put(`/admin/users/${username}/active`).set('Authorization', bearer(adminToken)).send({ active: true });
    expect(on.status).toBe(200);
    expect((await me(token)).status).toBe(401); // the old token stays revoked
    expect((await me(await tokenOf(username))).status).toBe(200);
    const actions = await auditActions(await userId(username));
    expect(actions).toEqual(expect.arrayContaining(['auth.account_deactivated', 'auth.account_reactivated', 'auth.login_failed']));

    const self = await request(api.app).put(`/admin/users/${admin}/active`).set('Authorization', bearer(adminToken)).send({ active: false });
    expect([self.status, self.body.code]).toEqual([422, 'AUTH.SELF_DEACTIVATION']);
    const foreign = await request(api.app)
      .put(`/admin/users/${username}/active`)
      .set('Authorization', bearer(await tokenOf(otherAdmin)))
      .send({ active: false });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
    const bad = await request(api.app).put(`/admin/users/${username}/active`).set('Authorization', bearer(adminToken)).send({ active: 'no' });
    expect([bad.status, bad.body.code]).toEqual([400, 'REQUEST.INVALID']);
    const missing = await request(api.app).put('/admin/users/nobody-here/active').set('Authorization', bearer(adminToken)).send({ active: false });
    expect([missing.status, missing.body.code]).toEqual([404, 'RESOURCE.NOT_FOUND']);
  });
});

describe('password change', () => {
  it('refuses a new password against the policy, naming what is missing in Vietnamese and English', async () => {
    const username = await province.addUser(province.agency.communeCommittee, ['COMMUNE_OFFICIAL']);
    const token = await tokenOf(username);
    const change = (newPassword: string, currentPassword = DEMO_PASSWORD) =>
      request(api.app).post('/me/password').set('Authorization', bearer(token)).send({ currentPassword, newPassword });
    const cases: Array<[string, string[]]> = [
      ['short1', ['at least 10 characters']],
      ['onlyletterslong', ['at least one digit']],
      ['12345678901234', ['at least one letter']],
      [`${username}9`, ['the username']],
      ['Password123', ['common password']],
      ['abc', ['at least 10 characters', 'at least one digit']],
    ];
    for (const [password, expected] of cases) {
      const response = await change(password);
      expect([password, response.status, response.body.code]).toEqual([password, 422, 'AUTH.PASSWORD_POLICY']);
      for (const text of expected) expect(response.body.detailEn).toContain(text);
      expect(response.body.violations.length).toBe(expected.length);
      expect(response.body.detail).toMatch(/Mật khẩu mới chưa đạt yêu cầu/);
    }
    expect((await change('ab')).body.detail).toContain('cần ít nhất 10 ký tự');
    const wrong = await change('Tot-hon-2027x', 'not-the-password');
    expect([wrong.status, wrong.body.code]).toEqual([403, 'AUTH.WRONG_CURRENT_PASSWORD']);
    expect((await change('ab')).status).toBe(422);
    const missing = await request(api.app).post('/me/password').set('Authorization', bearer(token)).send({ currentPassword: DEMO_PASSWORD });
    expect([missing.status, missing.body.errors[0].field]).toEqual([400, 'body.newPassword']);
  });

  it('changes the password, revokes the old tokens and hands the caller a fresh one', async () => {
    const username = await province.addUser(province.agency.communeCommittee, ['COMMUNE_CHAIRMAN']);
    const old = await tokenOf(username);
    const response = await request(api.app)
      .post('/me/password')
      .set('Authorization', bearer(old))
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'Song-Hong-2027' });
    expect(response.status).toBe(200);
    expect((await me(old)).status).toBe(401);
    expect((await me(response.body.token as string)).status).toBe(200);
    expect((await login(username)).status).toBe(401);
    expect((await me(await tokenOf(username, 'Song-Hong-2027'))).status).toBe(200);
    expect(await auditActions(await userId(username))).toContain('auth.password_changed');
  });

  it('re-issues the session cookie of a browser, which stays logged in while its old cookie stops working', async () => {
    const username = await province.addUser(province.agency.regionalCourt, ['JUDGE']);
    const session = await request(api.app).post('/auth/session').send({ username, password: DEMO_PASSWORD });
    const jar = (session.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const noCsrf = await request(api.app).post('/me/password').set('Cookie', jar).send({ currentPassword: DEMO_PASSWORD, newPassword: 'Toa-An-2027x' });
    expect([noCsrf.status, noCsrf.body.code]).toEqual([403, 'AUTH.CSRF_REJECTED']);
    const changed = await request(api.app)
      .post('/me/password')
      .set('Cookie', jar)
      .set('X-CSRF-Token', session.body.csrfToken)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'Toa-An-2027x' });
    expect(changed.status).toBe(200);
    expect(changed.body).not.toHaveProperty('token');
    const newJar = (changed.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    expect((await request(api.app).get('/me').set('Cookie', jar)).status).toBe(401);
    expect((await request(api.app).get('/me').set('Cookie', newJar)).status).toBe(200);
    const read = await request(api.app).post(`/inbox/${randomUUID()}/read`).set('Cookie', newJar).set('X-CSRF-Token', changed.body.csrfToken);
    expect(read.status).toBe(404); // authenticated, CSRF accepted; no such inbox item
  });
});

describe('administrator reset', () => {
  it('issues a one-time password that forces a change before anything else, and works only until changed', async () => {
    const username = await province.addUser(province.agency.medicalFacility, ['FACILITY_OFFICER']);
    const before = await tokenOf(username);
    const adminToken = await tokenOf(admin);

    const foreign = await request(api.app).post(`/admin/users/${username}/password-reset`).set('Authorization', bearer(await tokenOf(otherAdmin)));
    expect([foreign.status, foreign.body.code]).toEqual([403, 'AUTH.OUTSIDE_JURISDICTION']);
    const notAdmin = await request(api.app).post(`/admin/users/${admin}/password-reset`).set('Authorization', bearer(before));
    expect([notAdmin.status, notAdmin.body.code]).toEqual([403, 'AUTH.ROLE_NOT_ALLOWED']);

    const reset = await request(api.app).post(`/admin/users/${username}/password-reset`).set('Authorization', bearer(adminToken));
    expect(reset.status).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const oneTime = reset.body.oneTimePassword as string;
    expect(oneTime).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await me(before)).status).toBe(401);
    expect((await login(username)).status).toBe(401);

    const first = await login(username, oneTime);
    expect([first.status, first.body.mustChangePassword]).toEqual([200, true]);
    const token = first.body.token as string;
    expect((await me(token)).body).toMatchObject({ username, mustChangePassword: true });
    const elsewhere = await request(api.app).get('/inbox').set('Authorization', bearer(token));
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'AUTH.PASSWORD_CHANGE_REQUIRED']);
    expect(elsewhere.body.detailEn).toContain('POST /me/password');

    const changed = await request(api.app)
      .post('/me/password')
      .set('Authorization', bearer(token))
      .send({ currentPassword: oneTime, newPassword: 'Benh-Vien-2027' });
    expect(changed.status).toBe(200);
    const fresh = changed.body.token as string;
    expect((await me(fresh)).body.mustChangePassword).toBe(false);
    expect((await request(api.app).get('/inbox').set('Authorization', bearer(fresh))).status).toBe(200);
    expect((await login(username, oneTime)).status).toBe(401);

    const audit = await api.db.auditEvent.findFirstOrThrow({ where: { action: 'auth.password_reset', subjectId: await userId(username) } });
    expect(audit.actorUserId).toBe(await userId(admin));
    expect(audit.jurisdictionId).toBe(province.provinceId);
    expect(asText(await api.db.auditEvent.findMany({ where: { subjectId: await userId(username) } }))).not.toContain(oneTime);
  });

  it('lets a user who must change only log out besides', async () => {
    const username = await province.addUser(province.agency.medicalFacility, ['FACILITY_DIRECTOR']);
    const reset = await request(api.app).post(`/admin/users/${username}/password-reset`).set('Authorization', bearer(await tokenOf(admin)));
    const token = await tokenOf(username, reset.body.oneTimePassword as string);
    expect((await request(api.app).post('/auth/logout').set('Authorization', bearer(token))).status).toBe(204);
    expect((await me(token)).status).toBe(401);
  });
});

describe('per-username delay after failed logins', () => {
  it('slows further attempts with a growing wait, never locks, and resets on success', async () => {
    const username = await province.addUser(province.agency.healthDepartment, ['DOCTOR']);
    for (let i = 0; i < 3; i += 1) expect((await login(username, 'wrong-password')).status).toBe(401);
    // Fourth failure now: the wait begins at the base delay.
    const early = await login(username);
    expect([early.status, early.body.code]).toEqual([429, 'AUTH.TOO_SOON']);
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await passTime(username, BASE_DELAY_MS);
    expect((await login(username, 'wrong-password')).status).toBe(401); // failure 4: next wait is 2 × base
    await passTime(username, BASE_DELAY_MS);
    expect((await login(username)).status).toBe(429); // still waiting
    await passTime(username, BASE_DELAY_MS);
    // A stranger's many attempts never lock the owner out: after the wait, the right password works.
    const ok = await login(username);
    expect(ok.status).toBe(200);
    const row = await api.db.user.findUniqueOrThrow({ where: { username } });
    expect([row.failedLogins, row.lastFailedLoginAt]).toEqual([0, null]);
    expect((await login(username, 'wrong-password')).status).toBe(401);
    expect((await login(username)).status).toBe(200);
    expect(await auditActions(row.id)).toContain('auth.login_too_soon');
  });

  it('caps the wait', async () => {
    const username = await province.addUser(province.agency.healthDepartment, ['LABOUR_OFFICER']);
    await api.db.user.update({ where: { username }, data: { failedLogins: 50, lastFailedLoginAt: new Date() } });
    const early = await login(username);
    expect(early.status).toBe(429);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(40); // 4 × base = 40 s, not 2^47 × base
    await passTime(username, 4 * BASE_DELAY_MS);
    expect((await login(username)).status).toBe(200);
  });

  it('answers an unknown username exactly as a known one: same statuses, codes and texts', async () => {
    const known = await province.addUser(province.agency.steeringCommittee, ['PROVINCIAL_COORDINATOR']);
    const unknown = `nobody-${randomUUID()}`;
    const answers = async (username: string) => {
      const seen: Array<[number, string, string]> = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await login(username, 'wrong-password');
        seen.push([response.status, response.body.code as string, response.body.detailEn as string]);
      }
      return seen;
    };
    const [a, b] = await Promise.all([answers(known), answers(unknown)]);
    expect(b.map(([status, code]) => [status, code])).toEqual(a.map(([status, code]) => [status, code]));
    expect(a.map(([status]) => status)).toEqual([401, 401, 401, 429]);
    expect(b[0]?.[2]).toBe(a[0]?.[2]);
    const unknownRows = await api.db.auditEvent.findMany({ where: { action: 'auth.login_failed', subjectId: 'unknown' }, take: 5, orderBy: { id: 'desc' } });
    expect(asText(unknownRows)).not.toContain(unknown);
  });
});

describe('audit query', () => {
  it('answers who read a person’s record, newest first, within the administrator’s jurisdiction', async () => {
    const reader = await province.addUser(province.agency.communePolice, ['PROVINCIAL_COORDINATOR']);
    const person = await api.db.person.create({
      data: {
        fullName: 'Người Kiểm Tra',
        otherIdentification: 'test person',
        birthDate: new Date('1990-01-01'),
        residenceStatus: 'STABLE',
        residenceJurisdictionId: province.communeId,
      },
    });
    const caseRef = `QL-${province.provinceId}-${randomUUID().slice(0, 8)}`;
    await api.db.case.create({
      data: {
        id: caseRef,
        procedure: 'DRUG_USER_MANAGEMENT',
        workflowId: `case-${caseRef}`,
        personId: person.id,
        jurisdictionId: province.communeId,
        provinceId: province.provinceId,
        phase: 'DOSSIER',
      },
    });
    const readerToken = await tokenOf(reader);
    const personRead = await request(api.app).get(`/persons/${person.id}`).set('Authorization', bearer(readerToken));
    expect(personRead.status).toBe(200);
    await api.db.auditEvent.create({
      data: { action: 'case.read', actorUserId: await userId(reader), subjectType: 'case', subjectId: caseRef, jurisdictionId: province.communeId },
    });

    const adminToken = await tokenOf(admin);
    const query = (q: string, token = adminToken) => request(api.app).get(`/admin/audit?${q}`).set('Authorization', bearer(token));
    const about = await query(`personId=${person.id}`);
    expect(about.status).toBe(200);
    expect(about.body.items.map((i: { action: string }) => i.action)).toEqual(['case.read', 'person.read']);
    expect(about.body.items[1]).toMatchObject({ actorUsername: reader, subjectType: 'person', subjectId: person.id });
    expect(about.body.total).toBe(2);

    const foreign = await query(`personId=${person.id}`, await tokenOf(otherAdmin));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'RESOURCE.NOT_FOUND']);

    const logins = await query(`action=auth.login&actorUserId=${await userId(reader)}`);
    expect(logins.status).toBe(200);
    expect(logins.body.items.length).toBeGreaterThanOrEqual(1);
    expect(logins.body.items.every((i: { action: string }) => i.action === 'auth.login')).toBe(true);
    const otherSees = await query(`actorUserId=${await userId(reader)}`, await tokenOf(otherAdmin));
    expect(otherSees.body.items).toEqual([]);

    const paged = await query(`subjectType=user&pageSize=2&page=1`);
    expect(paged.body.items.length).toBe(2);
    expect(paged.body.total).toBeGreaterThan(2);
    const times = paged.body.items.map((i: { occurredAt: string }) => i.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const future = await query(`from=2999-01-01&subjectType=user`);
    expect(future.body.items).toEqual([]);

    for (const bad of ['page=0', 'from=yesterday', 'actorUserId=x', `personId=${person.id}&subjectType=case`]) {
      const response = await query(bad);
      expect([bad, response.status, response.body.code]).toEqual([bad, 400, 'REQUEST.INVALID']);
    }
    const notAdmin = await query('action=auth.login', readerToken);
    expect([notAdmin.status, notAdmin.body.code]).toEqual([403, 'AUTH.ROLE_NOT_ALLOWED']);
  });
});
