import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddedState } from './backup';
import { dataDir, projectRoot } from './paths';
import { reachableByClusterOwner } from './postgres-cluster';

/**
 * The PostgreSQL cluster's folder: .data/postgres, unless the clone sits where the postgres user
 * cannot enter (a clone under /root, mode 700): then a folder of its own under /var/lib/postgresql,
 * named after the clone, so each clone keeps its data and nothing is written into the clone as
 * another user.
 */
export function postgresClusterDir(): { dir: string; outsideClone: boolean } {
  const inClone = path.join(dataDir, 'postgres');
  if (reachableByClusterOwner(dataDir)) return { dir: inClone, outsideClone: false };
  const name = createHash('sha256').update(projectRoot).digest('hex').slice(0, 12);
  return { dir: path.join('/var/lib/postgresql/coordination-engine', name, 'postgres'), outsideClone: true };
}

/** Everything `npm start` keeps between runs (the logs aside). */
export function embeddedState(env: NodeJS.ProcessEnv = process.env): EmbeddedState {
  const cluster = postgresClusterDir();
  // Its parents open to the postgres user (the cluster folder itself is made 700 and theirs).
  if (cluster.outsideClone) fs.mkdirSync(path.dirname(cluster.dir), { recursive: true, mode: 0o755 });
  return {
    clusterDir: cluster.dir,
    temporalDb: path.join(dataDir, 'temporal.db'),
    documentsDir: env.DOCUMENT_STORE_DIR ? path.resolve(projectRoot, env.DOCUMENT_STORE_DIR) : path.join(dataDir, 'documents'),
  };
}
