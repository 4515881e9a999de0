import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { SearchAttributeType } from '@temporalio/common';
import { customSearchAttributes } from '../workflows/search-attributes';
import { toolsBinDir } from './paths';

const run = promisify(execFile);

/**
 * The Temporal CLI, built by scripts/ensure-temporal-cli.sh. TEMPORAL_CLI, or a `temporal` on PATH,
 * may stand in for it. The launchers talk to Temporal through it rather than through the SDK's
 * client, which would stay in their memory for the system's whole life.
 */
export function temporalCliPath(): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const built = path.join(toolsBinDir, 'temporal');
  if (fs.existsSync(built)) return built;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('Temporal CLI not found: run scripts/ensure-temporal-cli.sh or set TEMPORAL_CLI');
}

/** Runs one CLI command against `address`; rejects with its error output. */
export async function temporalCli(address: string, args: string[]): Promise<string> {
  const { stdout } = await run(temporalCliPath(), [...args, '--address', address], { timeout: 15_000 });
  return stdout;
}

/** True when the frontend answers and the default namespace is ready for workflows. */
export async function isTemporalServing(address: string): Promise<boolean> {
  return temporalCli(address, ['operator', 'namespace', 'describe', '--namespace', 'default']).then(
    () => true,
    () => false,
  );
}

const typeNames: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** The workflows' search attributes as the CLI writes them: [name, type name]. */
export function searchAttributeDeclarations(): Array<[string, string]> {
  return customSearchAttributes.map((key) => [key.name, typeNames[key.type]!]);
}

/**
 * Server settings the engine counts on beyond what each server enables by itself, given to the
 * dev server and to the Temporal Server with PostgreSQL alike (and in the deployment guide): an
 * activity a workflow task schedules for its own worker (the one that puts an act's acceptance on
 * record) comes back in the answer to that task, instead of through the task queue.
 */
export const ENGINE_DYNAMIC_CONFIG: Record<string, boolean> = {
  'system.enableActivityEagerExecution': true,
};
