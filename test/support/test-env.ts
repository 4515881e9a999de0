import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { encryptedDataConverter, parsePayloadKey } from '../../temporal/payload-encryption';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (test/support/global-setup.ts)`);
  return value;
}

export const testDatabaseUrl = () => required('TEST_DATABASE_URL');
export const testTemporalAddress = () => required('TEST_TEMPORAL_ADDRESS');
export const testTmpRoot = () => required('TEST_TMP_ROOT');

/** Every test client and worker encrypts payloads with the run's key, as production does. */
export const testDataConverter = () => encryptedDataConverter({ current: parsePayloadKey(required('TEST_PAYLOAD_KEY')) });

/** A new empty database on the test server, for tests that migrate or break things. */
export async function createEmptyDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgClient({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A task queue no other test polls. */
export const uniqueTaskQueue = (name: string) => `test-${name}-${randomUUID()}`;
