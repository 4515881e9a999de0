import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
import { PayloadEncryptionCodec, parsePayloadKey } from '../../temporal/payload-encryption';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { uniqueTaskQueue } from '../support/test-env';

/**
 * POST /codec/decode (issue #17, item 7): Temporal's remote codec protocol for the Web UI, with
 * the API's own payload key, for a SYSTEM_ADMIN only, CORS for the Temporal UI's origin only,
 * and every call audited.
 */
jest.setTimeout(60_000);

let api: ApiHarness;
let adminToken: string;
let codec: PayloadEncryptionCodec;

const UI_ORIGIN = 'http://localhost:8233';

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromJson = (p: { metadata: Record<string, string>; data: string }) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()])),
  data: Buffer.from(p.data, 'base64').toString(),
});

async function encrypted(value: unknown) {
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
  return toJson(sealed as Payload);
}

const decode = (body: unknown, token = adminToken, namespace = 'default') =>
  request(api.app).post('/codec/decode').set('Authorization', `Bearer ${token}`).set('X-Namespace', namespace).send(body as object);

beforeAll(async () => {
  api = await startApiHarness();
  adminToken = await api.tokenFor('admin');
  codec = new PayloadEncryptionCodec({ current: parsePayloadKey(process.env.TEST_PAYLOAD_KEY as string) });
});
afterAll(() => api.close());

describe('POST /codec/decode', () => {
  it('decrypts payloads for a SYSTEM_ADMIN: JSON back in clear, encoding json/plain', async () => {
    const input = { note: 'Nguyễn Văn Thử', n: 42 };
    const sealed = await encrypted(input);
    expect(Buffer.from(sealed.data, 'base64').toString()).not.toContain('Thử');
    const response = await decode({ payloads: [sealed] });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const [payload] = response.body.payloads;
    const clear = fromJson(payload);
    expect(clear.metadata.encoding).toBe('json/plain');
    expect(JSON.parse(clear.data)).toEqual(input);
  });

  it('returns a payload that is not encrypted, or that no configured key opens, as it was sent', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload({ a: 1 }));
    const otherKey = new PayloadEncryptionCodec({ current: { id: 'other', key: Buffer.alloc(32, 7) } });
    const foreign = toJson((await otherKey.encode([defaultPayloadConverter.toPayload('secret')]))[0] as Payload);
    const ours = await encrypted('ours');
    const response = await decode({ payloads: [plain, foreign, ours] });
    expect(response.status).toBe(200);
    expect(response.body.payloads[0]).toEqual(plain);
    expect(response.body.payloads[1]).toEqual(foreign);
    expect(JSON.parse(fromJson(response.body.payloads[2]).data)).toBe('ours');
  });

  it('refuses other roles (403) and callers without a token (401)', async () => {
    const body = { payloads: [await encrypted('x')] };
    const coordinator = await decode(body, await api.tokenFor('coordinator.pc04'));
    expect(coordinator.status).toBe(403);
    expect(coordinator.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    const police = await decode(body, await api.tokenFor('police.apl'));
    expect(police.status).toBe(403);
    const anonymous = await request(api.app).post('/codec/decode').send(body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('answers a malformed body with a bilingual 400, never a 500', async () => {
    const bad = [
      {},
      { payloads: 'x' },
      { payloads: [{ data: 'not base64 !' }] },
      { payloads: [{ metadata: { encoding: 42 }, data: '' }] },
      { payloads: Array.from({ length: 1001 }, () => ({ data: '' })) },
    ];
    for (const body of bad) {
      const response = await decode(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(typeof response.body.title).toBe('string');
      expect(typeof response.body.titleEn).toBe('string');
    }
    const broken = await request(api.app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('Content-Type', 'application/json')
      .send('{"payloads": [');
    expect(broken.status).toBe(400);
    const badNamespace = await decode({ payloads: [] }, adminToken, 'a b/c');
    expect(badNamespace.status).toBe(400);
  });

  it('audits every call: actor, request id, namespace and count, never the content', async () => {
    const requestId = `codec-${randomUUID()}`;
    const response = await request(api.app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${adminToken}`)
      .set('X-Namespace', 'default')
      .set('X-Request-Id', requestId)
      .send({ payloads: [await encrypted('Trần Thị Bí Mật'), await encrypted(2)] });
    expect(response.status).toBe(200);
    const rows = await api.db.auditEvent.findMany({ where: { requestId } });
    expect(rows).toHaveLength(1);
    const admin = await api.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(rows[0]).toMatchObject({
      action: 'codec.decode',
      actorUserId: admin.id,
      subjectType: 'temporal_namespace',
      subjectId: 'default',
      details: { namespace: 'default', payloadCount: 2, undecryptable: 0 },
    });
    expect(JSON.stringify(rows[0]?.details)).not.toContain('Bí Mật');
  });

  it('decodes the input of a real workflow history', async () => {
    const input = { caseRef: 'QL-TEST-1', name: 'Lê Văn Lịch Sử' };
    const workflowId = `codec-${randomUUID()}`;
    const handle = await api.temporal.workflow.start('noSuchWorkflow', { workflowId, taskQueue: uniqueTaskQueue('codec'), args: [input] });
    try {
      const history = await handle.fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      const payloads = (started?.input?.payloads ?? []).map((p) => toJson(p as Payload));
      expect(payloads).toHaveLength(1);
      expect(Buffer.from(payloads[0]?.data ?? '', 'base64').toString()).not.toContain('Lịch Sử');
      const response = await decode({ payloads });
      expect(response.status).toBe(200);
      expect(JSON.parse(fromJson(response.body.payloads[0]).data)).toEqual(input);
    } finally {
      await handle.terminate('test over').catch(() => undefined);
    }
  });
});

describe('CORS on /codec', () => {
  const preflight = (origin: string) =>
    request(api.app)
      .options('/codec/decode')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace');

  it('allows the Temporal UI’s origin, with credentials and the headers the UI sends', async () => {
    for (const origin of [UI_ORIGIN, 'http://127.0.0.1:8233']) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(origin);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      expect(response.headers['access-control-allow-methods']).toContain('POST');
      expect(response.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Namespace');
    }
    const actual = await decode({ payloads: [await encrypted('x')] }).set('Origin', UI_ORIGIN);
    expect(actual.status).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    // A refusal must be readable by the UI too.
    const refused = await request(api.app).post('/codec/decode').set('Origin', UI_ORIGIN).send({ payloads: [] });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });

  it('allows no other origin, and no CORS anywhere else in the API', async () => {
    const response = await preflight('http://evil.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const actual = await decode({ payloads: [] }).set('Origin', 'http://evil.example');
    expect(actual.headers['access-control-allow-origin']).toBeUndefined();
    const elsewhere = await request(api.app).get('/health').set('Origin', UI_ORIGIN);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const elsewherePreflight = await request(api.app)
      .options('/me')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'GET');
    expect(elsewherePreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('honours TEMPORAL_UI_ORIGIN (the configured origins replace the defaults)', async () => {
    const other = await startApiHarness({ temporalUiOrigins: ['https://temporal.example.gov.vn'] });
    try {
      const allowed = await request(other.app).options('/codec/decode').set('Origin', 'https://temporal.example.gov.vn').set('Access-Control-Request-Method', 'POST');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://temporal.example.gov.vn');
      const dev = await request(other.app).options('/codec/decode').set('Origin', UI_ORIGIN).set('Access-Control-Request-Method', 'POST');
      expect(dev.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

it('is in the OpenAPI document with its statuses, for SYSTEM_ADMIN', async () => {
  const doc = await request(api.app).get('/openapi.json');
  const operation = doc.body.paths['/codec/decode']?.post;
  expect(operation).toBeDefined();
  expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '503']);
  expect(operation.description).toContain('Roles: SYSTEM_ADMIN.');
  expect(operation.security).toEqual([{ bearerAuth: [] }]);
  expect(doc.body.paths['/codec/encode']).toBeUndefined();
});
