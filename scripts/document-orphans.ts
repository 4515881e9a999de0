/**
 * Files in the document store that no case document points at (db/document-orphans.ts):
 *
 *   npm run documents:orphans             lists them (older than an hour)
 *   npm run documents:orphans -- --delete removes them
 *
 * DATABASE_URL and DOCUMENT_STORE_DIR as the API has them (defaults: the embedded database and .data/documents).
 */
import path from 'node:path';
import { createDb } from '../db/client';
import { findOrphanDocuments, removeOrphanDocuments } from '../db/document-orphans';
import { projectRoot } from '../infra/paths';

async function main(): Promise<void> {
  const remove = process.argv.includes('--delete');
  const db = createDb(process.env.DATABASE_URL ?? 'postgresql://engine:engine@127.0.0.1:5433/engine', { maxConnections: 1 });
  const directory = path.resolve(projectRoot, process.env.DOCUMENT_STORE_DIR ?? '.data/documents');
  try {
    const orphans = remove ? await removeOrphanDocuments(db, directory) : await findOrphanDocuments(db, directory);
    const bytes = orphans.reduce((sum, orphan) => sum + orphan.bytes, 0);
    for (const orphan of orphans) process.stdout.write(`${orphan.name}\t${orphan.bytes}\n`);
    process.stdout.write(`${orphans.length} file(s) no case document points at, ${bytes} bytes, in ${directory}${remove ? ': removed' : ' (--delete removes them)'}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
