/**
 * Backup and restore of the embedded system (`npm start`'s state), with the system stopped:
 *
 *   npm run backup -- <folder>     PostgreSQL, Temporal's history and the documents into <folder>
 *   npm run restore -- <folder>    the backup into a system with no state yet (then `npm start`)
 *
 * The payload key is not in the backup; a restore needs it in the environment (infra/backup.ts).
 */
import path from 'node:path';
import { loadPayloadKeys } from '../config/env';
import { backup, BackupRefused, restore } from '../infra/backup';
import { embeddedState } from '../infra/embedded-state';
import { parsePayloadKey } from '../temporal/payload-encryption';

async function main(): Promise<void> {
  const [command, folder] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !folder) {
    process.stderr.write('usage: npm run backup -- <folder>   |   npm run restore -- <folder>\n');
    process.exit(2);
  }
  const keys = loadPayloadKeys();
  const keyIds = [keys.PAYLOAD_ENCRYPTION_KEY, ...keys.PAYLOAD_PREVIOUS_KEYS].map((key) => parsePayloadKey(key).id);
  const state = embeddedState();
  const target = path.resolve(folder);
  const started = Date.now();
  const manifest = command === 'backup' ? await backup(state, target, keyIds) : await restore(target, state, keyIds);
  const bytes = Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  const { cases, openSteps, documents } = manifest.counts;
  process.stdout.write(
    `${command === 'backup' ? 'backed up into' : 'restored from'} ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${cases} cases, ${openSteps} open steps, ${documents} documents; ${(bytes / 1e6).toFixed(1)} MB; schema ${manifest.lastMigration ?? '(none)'}; ` +
      `payload key ${manifest.payloadKeyIds[0]} (not in the backup: keep it apart)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof BackupRefused ? 'refused' : 'failed'}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
