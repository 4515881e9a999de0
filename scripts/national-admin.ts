/**
 * The first national administrator of a real deployment (the demo seed makes `national.admin`):
 *
 *   DATABASE_URL=… npm run national-admin -- <username> "<display name>"
 *
 * Adds the national root if it is missing and the account, and prints its one-time password once;
 * the administrator changes it at the first login, then adds the provinces (POST /national/provinces).
 */
import { createUserBody } from '../api/admin/admin.schemas';
import { createDb } from '../db/client';
import { bootstrapNationalAdmin, UsernameTaken } from '../db/national-root';

/** The same rules as an account made through the API. */
const input = createUserBody.pick({ username: true, displayName: true });

async function main(): Promise<number> {
  const [username, displayName] = process.argv.slice(2);
  const parsed = input.safeParse({ username, displayName });
  if (!process.env.DATABASE_URL || !parsed.success) {
    process.stderr.write('usage: DATABASE_URL=… npm run national-admin -- <username> "<display name>"\n');
    if (parsed.error) process.stderr.write(`${parsed.error.issues.map((issue) => `  ${issue.message}`).join('\n')}\n`);
    return 2;
  }
  const db = createDb(process.env.DATABASE_URL, { maxConnections: 1 });
  try {
    const { oneTimePassword } = await bootstrapNationalAdmin(db, parsed.data);
    process.stdout.write(`national administrator ${parsed.data.username} created; one-time password (shown once, changed at the first login): ${oneTimePassword}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsernameTaken) {
      process.stderr.write(`refused: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
