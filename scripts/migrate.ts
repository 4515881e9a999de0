import { applyMigrations } from '../db/migrate';

/** `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (what `npm start` does for the embedded database). */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  const applied = await applyMigrations(url);
  process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database schema is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
