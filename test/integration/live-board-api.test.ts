import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * The API the screens stand on: the browser session and its CSRF check, the live board (whose
 * columns must add up to the steps listed behind them), my tasks, and their answers to bad input.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let province: TestProvince;
let other: TestProvince;
const users = { police: '', coordinator: '' };
let caseRef = '';

beforeAll(async () => {
  stack = await startCaseStack('live-board-api');
  province = await createTestProvince(stack.api.db, 'board');
  other = await createTestProvince(stack.api.db, 'board other');
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  ({ caseRef } = await stack.driver.openCase(users.police, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: vietnamDate(),
  }));
});
afterAll(async () => {
  await stack?.close();
});

const get = async (user: string, path: string) =>
  request(stack.api.app).get(path).set('Authorization', `Bearer ${await stack.driver.token(user)}`);

it('counts each unfinished step in exactly one column, and lists behind each number the steps it counts', async () => {
  const board = await get(users.coordinator, `/deadlines/board?jurisdictionId=${province.provinceId}`);
  expect(board.status).toBe(200);
  const totals = board.body.totals as Record<string, number>;
  const open = await stack.api.db.step.count({ where: { jurisdictionId: province.communeId, status: { in: ['OPEN', 'SUSPENDED'] } } });
  expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(open);
  expect(open).toBeGreaterThan(0);
  for (const [bucket, count] of Object.entries(totals)) {
    const steps = await get(users.coordinator, `/deadlines/board/steps?bucket=${bucket}&jurisdictionId=${province.provinceId}`);
    expect([bucket, steps.status, steps.body.total]).toEqual([bucket, 200, count]);
  }
  expect(board.body.byUnit.map((row: { jurisdictionId: string }) => row.jurisdictionId)).toEqual([province.communeId]);
});

it('puts the dossier step, owned by the head of police, on the officer’s tasks (the officer may file it)', async () => {
  const tasks = await get(users.police, '/me/tasks');
  expect(tasks.status).toBe(200);
  expect(tasks.body.items.map((row: { caseRef: string; howComputed: { ruleKey: string } }) => [row.caseRef, row.howComputed.ruleKey])).toContainEqual([caseRef, 'CRA.D2']);
  expect(tasks.body.total).toBe(Object.values(tasks.body.counts as Record<string, number>).reduce((a, b) => a + b, 0));
});

it('answers bad board and task queries with 400, an unknown unit with 404, another province with 403', async () => {
  for (const path of ['/deadlines/board?withinDays=abc', '/deadlines/board/steps?bucket=nope', '/deadlines/board/steps', '/me/tasks?pageSize=0', '/me/tasks?bucket=late%00']) {
    const response = await get(users.coordinator, path);
    expect([path, response.status]).toEqual([path, 400]);
  }
  expect((await get(users.coordinator, '/deadlines/board?jurisdictionId=NO-SUCH-UNIT')).status).toBe(404);
  expect((await get(users.coordinator, `/deadlines/board?jurisdictionId=${other.provinceId}`)).status).toBe(403);
});

it('keeps the browser session in an httpOnly cookie and refuses a change made with it but without the CSRF header', async () => {
  const app = stack.api.app;
  const login = await request(app).post('/auth/session').send({ username: users.police, password: 'wrong' });
  expect(login.status).toBe(401);
  const session = await request(app).post('/auth/session').send({ username: users.police, password: DEMO_PASSWORD });
  expect(session.status).toBe(200);
  const cookies = session.headers['set-cookie'] as unknown as string[];
  expect(cookies.find((c) => c.startsWith('ce_session='))).toMatch(/HttpOnly/);
  expect(cookies.find((c) => c.startsWith('ce_session='))).toMatch(/SameSite=Strict/);
  expect(cookies.find((c) => c.startsWith('ce_csrf='))).not.toMatch(/HttpOnly/);
  expect(session.body).not.toHaveProperty('token');
  const jar = cookies.map((c) => c.split(';')[0]).join('; ');

  expect((await request(app).get('/me').set('Cookie', jar)).body.username).toBe(users.police);
  const forged = await request(app).post(`/inbox/${randomUUID()}/read`).set('Cookie', jar);
  expect([forged.status, forged.body.code]).toEqual([403, 'AUTH.CSRF_REJECTED']);
  const wrong = await request(app).post(`/inbox/${randomUUID()}/read`).set('Cookie', jar).set('X-CSRF-Token', 'not-it');
  expect([wrong.status, wrong.body.code]).toEqual([403, 'AUTH.CSRF_REJECTED']);
  const honest = await request(app).post(`/inbox/${randomUUID()}/read`).set('Cookie', jar).set('X-CSRF-Token', session.body.csrfToken);
  expect(honest.status).toBe(404);
  expect((await request(app).get('/me').set('Cookie', 'ce_session=garbage')).status).toBe(401);

  const logout = await request(app).delete('/auth/session');
  expect(logout.status).toBe(204);
  expect((logout.headers['set-cookie'] as unknown as string[]).join()).toMatch(/ce_session=;.*Expires=Thu, 01 Jan 1970/);
});

it('documents every status the new routes answer, and serves the web application for deep links', async () => {
  const document = (await request(stack.api.app).get('/openapi.json')).body as { paths: Record<string, Record<string, { responses: object }>> };
  const statuses = (path: string, method: string) => Object.keys(document.paths[path]?.[method]?.responses ?? {}).sort();
  expect(statuses('/auth/session', 'post')).toEqual(['200', '400', '401', '429', '503']);
  expect(statuses('/auth/session', 'delete')).toEqual(['204', '503']);
  expect(statuses('/me/tasks', 'get')).toEqual(['200', '400', '401', '403', '503']);
  expect(statuses('/deadlines/board', 'get')).toEqual(['200', '400', '401', '403', '404', '503']);
  expect(statuses('/deadlines/board/steps', 'get')).toEqual(['200', '400', '401', '403', '404', '503']);
  const deep = await request(stack.api.app).get('/app/cases/CRA-X-2026-000001');
  expect(deep.status).toBe(200);
  expect(deep.headers['content-type']).toMatch(/text\/html/);
  expect(deep.headers['content-security-policy']).toMatch(/script-src 'self';/);
  // The first screen's script goes gzipped, and is kept by the browser (its name changes with it).
  const script = /<script type="module"[^>]* src="([^"]+)"/.exec(deep.text)?.[1];
  expect(script).toMatch(/^\/app\/assets\/index-.*\.js$/);
  const served = await request(stack.api.app).get(script!).set('Accept-Encoding', 'gzip');
  expect([served.status, served.headers['content-encoding']]).toEqual([200, 'gzip']);
  expect(served.headers['cache-control']).toMatch(/immutable/);
});
