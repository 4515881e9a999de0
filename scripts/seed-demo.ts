import { createDb } from '../db/client';
import { seedDemoData } from '../db/seed/seed-demo';

/**
 * The demo province's registry, users and rule book into DATABASE_URL (idempotent). `npm start`
 * runs it as a process of its own, so the launcher, which stays up for the system's whole life,
 * never loads the database client.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = createDb(url, { maxConnections: 2 });
  try {
    await seedDemoData(db);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo data: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
