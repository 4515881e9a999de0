import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './client';

export interface OrphanFile {
  name: string;
  bytes: number;
}

/**
 * Files in the document store that no case document points at: an upload whose record could
 * not be written (PostgreSQL down after the bytes were stored: the API answered 503 and the
 * official sends it again) or a half-written `.part` left by a crash. They hold personal data
 * the system can no longer show or delete, so an operator removes them (`npm run
 * documents:orphans -- --delete`). Files younger than `olderThanMs` are never counted: an upload
 * in flight writes its file before its record.
 */
export async function findOrphanDocuments(db: Db, directory: string, olderThanMs = 3_600_000): Promise<OrphanFile[]> {
  if (!fs.existsSync(directory)) return [];
  const cutoff = Date.now() - olderThanMs;
  const old = fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: entry.name, stat: fs.statSync(path.join(directory, entry.name)) }))
    .filter((file) => file.stat.mtimeMs < cutoff);
  const hashes = old.map((file) => file.name).filter((name) => /^[0-9a-f]{64}$/.test(name));
  const referenced = new Set(
    (await db.caseDocument.findMany({ where: { sha256: { in: hashes } }, select: { sha256: true }, distinct: ['sha256'] })).map((row) => row.sha256),
  );
  return old.filter((file) => !referenced.has(file.name)).map((file) => ({ name: file.name, bytes: file.stat.size }));
}

/** Removes the orphans found now; answers what it removed. */
export async function removeOrphanDocuments(db: Db, directory: string, olderThanMs = 3_600_000): Promise<OrphanFile[]> {
  const orphans = await findOrphanDocuments(db, directory, olderThanMs);
  for (const orphan of orphans) fs.rmSync(path.join(directory, orphan.name), { force: true });
  return orphans;
}
