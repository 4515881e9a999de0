import request from 'supertest';
import { TokenService } from '../../api/auth/tokens';
import { startApiHarness, TEST_JWT_SECRET, type ApiHarness } from '../support/api-harness';

/** Access control and error shape, through the real app on the real database and Temporal. */
let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(() => api.close());

function expectProblem(response: request.Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: `urn:problem:coordination-engine:${code}` });
  expect(typeof response.body.title).toBe('string');
  expect(typeof response.body.detail).toBe('string');
  // No stack trace, no internal path, in any field.
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//);
}

describe('authentication', () => {
  it('answers 401 without a token, in Vietnamese with English beside it', async () => {
    const response = await request(api.app).get('/registry/jurisdictions');
    expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
    expect(response.body.title).toBe('Chưa xác thực');
    expect(response.body.titleEn).toBe('Not authenticated');
  });

  it('answers 401 for a forged, an expired and a malformed token', async () => {
    const forged = await new TokenService('another-secret-0123456789-0123456789', 600).issue({
      userId: '00000000-0000-4000-8000-000000000000',
      username: 'admin',
      agencyId: 'SX-CA',
      roles: ['SYSTEM_ADMIN'],
      jurisdictionId: 'SX',
      jurisdictionPath: '/SX/',
    });
    const expiredService = new TokenService(TEST_JWT_SECRET, -120);
    const expired = await expiredService.issue({
      userId: '00000000-0000-4000-8000-000000000000',
      username: 'admin',
      agencyId: 'SX-CA',
      roles: ['SYSTEM_ADMIN'],
      jurisdictionId: 'SX',
      jurisdictionPath: '/SX/',
    });
    for (const header of [`Bearer ${forged.token}`, `Bearer ${expired.token}`, 'Bearer not-a-jwt', 'Basic abc']) {
      const response = await request(api.app).get('/me').set('Authorization', header);
      expectProblem(response, 401, 'AUTH.UNAUTHENTICATED');
    }
  });

  it('issues a token that carries user, agency, roles and jurisdiction', async () => {
    const token = await api.tokenFor('police.apl');
    const me = await request(api.app).get('/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: 'police.apl',
      agencyId: 'SX-APL-CA',
      roles: ['COMMUNE_POLICE_OFFICER'],
      jurisdictionId: 'SX-APL',
      jurisdictionPath: '/SX/SX-APL/',
    });
  });

  it('refuses a wrong password and an unknown user with the same answer, and audits both', async () => {
    const wrongPassword = await request(api.app).post('/auth/login').send({ username: 'admin', password: 'nope' });
    const unknownUser = await request(api.app).post('/auth/login').send({ username: 'nobody', password: 'nope' });
    expectProblem(wrongPassword, 401, 'AUTH.BAD_CREDENTIALS');
    expectProblem(unknownUser, 401, 'AUTH.BAD_CREDENTIALS');
    expect(unknownUser.body.detail).toBe(wrongPassword.body.detail);
    const failures = await api.db.auditEvent.count({
      where: { action: 'auth.login_failed', requestId: { in: [wrongPassword.body.instance, unknownUser.body.instance] } },
    });
    expect(failures).toBe(2);
  });

  it('rate-limits logins per client', async () => {
    const limited = await startApiHarness({ loginRateLimitPerMinute: 2 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push((await request(limited.app).post('/auth/login').send({ username: 'x', password: 'y' })).status);
      }
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('authorisation', () => {
  it('answers 403 when the role may not call the endpoint', async () => {
    const token = await api.tokenFor('police.apl');
    const response = await request(api.app)
      .post('/system/pings')
      .set('Authorization', `Bearer ${token}`)
      .send({ note: 'should not start' });
    expectProblem(response, 403, 'AUTH.ROLE_NOT_ALLOWED');
    expect(response.body.requiredRoles).toEqual(['SYSTEM_ADMIN', 'PROVINCIAL_COORDINATOR']);
  });

  it('answers 403 when the resource is in another commune', async () => {
    const token = await api.tokenFor('police.apl');
    const otherCommune = await request(api.app).get('/registry/jurisdictions/SX-BM').set('Authorization', `Bearer ${token}`);
    expectProblem(otherCommune, 403, 'AUTH.OUTSIDE_JURISDICTION');
    const otherAgency = await request(api.app).get('/registry/agencies/SX-BM-CA').set('Authorization', `Bearer ${token}`);
    expectProblem(otherAgency, 403, 'AUTH.OUTSIDE_JURISDICTION');
  });

  it('lets a commune see its own unit, the communes merged into it, and its province', async () => {
    const token = await api.tokenFor('police.apl');
    const response = await request(api.app)
      .get('/registry/jurisdictions?includeHistorical=true')
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    const ids = (response.body.items as Array<{ id: string }>).map((item) => item.id).sort();
    expect(ids).toEqual(['SX', 'SX-APL', 'SX-LV-AL', 'SX-LV-AP']);
  });
});

describe('validation and errors', () => {
  it('answers 400 naming the field, in both languages', async () => {
    const token = await api.tokenFor('admin');
    const response = await request(api.app).post('/system/pings').set('Authorization', `Bearer ${token}`).send({ note: 42 });
    expectProblem(response, 400, 'REQUEST.INVALID');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'body.note', message: expect.any(String), messageEn: expect.stringMatching(/string/) }),
    ]);
    expect(response.body.detail).toContain('body.note');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const token = await api.tokenFor('admin');
    const response = await request(api.app)
      .post('/system/pings')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"note": ');
    expectProblem(response, 400, 'REQUEST.MALFORMED_JSON');
  });

  it('answers 400 for a path whose percent-encoding cannot be decoded, not 500', async () => {
    const token = await api.tokenFor('admin');
    const response = await request(api.app).get('/cases/%ZZ').set('Authorization', `Bearer ${token}`);
    expectProblem(response, 400, 'REQUEST.MALFORMED_PATH');
  });

  it('names a bad query parameter', async () => {
    const token = await api.tokenFor('admin');
    const response = await request(api.app).get('/registry/jurisdictions?asOf=01/07/2025').set('Authorization', `Bearer ${token}`);
    expectProblem(response, 400, 'REQUEST.INVALID');
    expect(response.body.errors[0].field).toBe('query.asOf');
  });

  it('answers 404 as a problem for an unknown route, echoing the request id', async () => {
    const response = await request(api.app).get('/no/such/thing').set('X-Request-Id', 'trace-12345678');
    expectProblem(response, 404, 'ROUTE.NOT_FOUND');
    expect(response.headers['x-request-id']).toBe('trace-12345678');
    expect(response.body.instance).toBe('trace-12345678');
  });
});

describe('public endpoints', () => {
  it('reports both dependencies healthy', async () => {
    const response = await request(api.app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and its docs page', async () => {
    const response = await request(api.app).get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/auth/login', '/registry/jurisdictions/{id}', '/system/pings']),
    );
    expect(response.body.paths['/registry/agencies'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(response.body.components.schemas.LoginRequest.required).toEqual(['username', 'password']);
    const docs = await request(api.app).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('exposes Prometheus metrics labelled by route pattern, never by concrete id', async () => {
    const token = await api.tokenFor('admin');
    await request(api.app).get('/registry/jurisdictions/SX-APL').set('Authorization', `Bearer ${token}`);
    const response = await request(api.app).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toContain('http_requests_total{method="GET",route="/registry/jurisdictions/:id",status="200"}');
    expect(response.text).not.toContain('SX-APL');
  });
});

describe('input the database cannot store', () => {
  it('answers 400, never 500, for a NUL byte in a query or a body (found by fuzzing)', async () => {
    const token = await api.tokenFor('coordinator.pc04');
    const rule = await request(api.app).get('/rules/CRA.D2/effective').query({ provinceId: 'SX\u0000' }).set('Authorization', `Bearer ${token}`);
    expect(rule.status).toBe(400);
    expect(rule.body.errors[0].field).toBe('query.provinceId');
    const targets = await request(api.app)
      .put('/reporting/targets')
      .set('Authorization', `Bearer ${token}`)
      .send({ year: 2026, jurisdictionId: 'SX', targets: [{ metric: 'admissions', target: 1, source: 'KH\u0000' }] });
    expect(targets.status).toBe(400);
    expect(targets.body.errors[0].field).toBe('body.targets.0.source');
  });
});
