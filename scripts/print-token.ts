import { TokenService } from '../api/auth/tokens';
import { findSignInAccount } from '../api/auth/principal-lookup';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';

/**
 * `npm run token -- <username>`: prints a bearer token for an account, for scripts and curl.
 * Uses the same DATABASE_URL and JWT_SECRET as the API (defaults: the embedded database).
 */
async function main(): Promise<void> {
  const username = process.argv[2];
  if (!username) throw new Error('usage: npm run token -- <username>');
  const config = loadConfig({ DATABASE_URL: 'postgresql://engine:engine@127.0.0.1:5433/engine', ...process.env });
  const db = createDb(config.DATABASE_URL, { maxConnections: 1 });
  try {
    const account = await findSignInAccount(db, username);
    if (!account?.usable) throw new Error(`no active account "${username}"`);
    const { token } = await new TokenService(config.JWT_SECRET, config.JWT_TTL_SECONDS).issue(account.principal, { version: account.tokenVersion });
    process.stdout.write(`${token}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
