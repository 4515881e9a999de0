import { seedDemoCases } from '../db/seed/demo-cases';

/**
 * `npm start`'s demo cases, driven through the API at API_URL: a process of its own, so the
 * launcher, which runs as long as the system, does not keep an HTTP client's memory for a
 * one-off step. Each line it says goes to stdout; what was refused, to stderr with exit code 1.
 */
async function main(): Promise<void> {
  const apiUrl = process.env.API_URL;
  if (!apiUrl) throw new Error('set API_URL');
  await seedDemoCases(apiUrl, (line) => process.stdout.write(`${line}\n`));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
