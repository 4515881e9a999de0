import { loadConfig } from '../../config/env';

const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/db' };

describe('loadConfig', () => {
  it('fills the embedded defaults', () => {
    expect(loadConfig(base)).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_TASK_QUEUE: 'coordination', TRUST_PROXY: false });
  });

  it('reads "false" as false, not as a truthy string', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', TRUST_PROXY: 'yes' })).toThrow(/DATABASE_URL[\s\S]*PORT[\s\S]*TRUST_PROXY|PORT[\s\S]*DATABASE_URL/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const payloadKey = `prod:${Buffer.alloc(32, 7).toString('base64')}`;
    expect(
      loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PAYLOAD_ENCRYPTION_KEY: payloadKey }).NODE_ENV,
    ).toBe('production');
  });

  it('refuses the development payload key in production, and a key that is not 32 bytes', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(
      /PAYLOAD_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ ...base, PAYLOAD_ENCRYPTION_KEY: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(
      /PAYLOAD_ENCRYPTION_KEY/,
    );
  });
});
