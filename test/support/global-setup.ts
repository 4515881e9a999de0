import { randomBytes } from 'node:crypto';
import { startScratchStack } from '../../infra/scratch-stack';

/**
 * One real PostgreSQL and one real Temporal dev server for the whole run, on free ports and in a
 * temporary folder, so a running `npm start` is never touched. Workers inherit the env vars set here.
 */
export default async function globalSetup(): Promise<void> {
  const stack = await startScratchStack('test');
  if (process.env.TEMPORAL_PERSISTENCE === 'postgresql')
    process.stdout.write(`\nTemporal: the Temporal Server with PostgreSQL persistence at ${stack.temporalAddress}\n`);
  process.env.TEST_DATABASE_URL = stack.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.TEST_TMP_ROOT = stack.root;
  process.env.SCARF_ANALYTICS = 'false';
  // A fixed key may be given, to record replay fixtures with the fixtures' key.
  process.env.TEST_PAYLOAD_KEY ??= `test:${randomBytes(32).toString('base64')}`;
  (globalThis as Record<string, unknown>).__testStack = stack;
}
