import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * schemathesis (pinned in scripts/ensure-schemathesis.sh, installed into the ignored .venv-fuzz/)
 * run against the API's own /openapi.json, and its NDJSON report read back into figures.
 */
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const ST_BIN = path.join(REPO_ROOT, '.venv-fuzz/bin/st');

/** The checks every response is judged by (names as the pinned version's `st run --help` spells them). */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
] as const;

export interface PassOptions {
  /** A name for the pass (the role, or "anonymous"), used for its report folder. */
  label: string;
  baseUrl: string;
  /** Sent as "Authorization: Bearer <token>" with every request; none for the public pass. */
  token?: string;
  /** Only paths matching this are fuzzed. */
  includePathRegex?: string;
  /** Paths matching this are left out. */
  excludePathRegex?: string;
  maxExamples: number;
  seed: number;
  /** Test phases (`--phases`); schemathesis' default (all) when absent. */
  phases?: string[];
  reportDir: string;
}

export interface Finding {
  check: string;
  operation: string;
  status: number;
  curl: string;
}

export interface PassResult {
  label: string;
  requests: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  serverErrors: number;
  /** Responses whose body does not match the documented schema (response_schema_conformance). */
  schemaViolations: number;
  /** Responses with a status the document does not list for the operation (status_code_conformance). */
  undocumentedStatuses: number;
  /** Responses whose Content-Type the document does not list (content_type_conformance). */
  contentTypeViolations: number;
  /** One example per (check, operation, status). */
  findings: Finding[];
  exitCode: number;
  command: string[];
  outputFile: string;
  seconds: number;
}

/** The `st run` arguments of one pass; the token is shown as $TOKEN when `forDisplay`. */
export function schemathesisArgs(options: PassOptions, forDisplay = false): string[] {
  const args = ['run', `${options.baseUrl}/openapi.json`];
  if (options.token) args.push('-H', `Authorization: Bearer ${forDisplay ? '$TOKEN' : options.token}`);
  args.push('--checks', FUZZ_CHECKS.join(','));
  if (options.includePathRegex) args.push('--include-path-regex', options.includePathRegex);
  if (options.excludePathRegex) args.push('--exclude-path-regex', options.excludePathRegex);
  if (options.phases) args.push('--phases', options.phases.join(','));
  args.push('--max-examples', String(options.maxExamples), '--seed', String(options.seed));
  // Every failing case is kept and counted; no shrinking (each request counts once, as sent).
  args.push('--continue-on-failure', '--no-shrink', '--generation-database', 'none');
  args.push('--report', 'ndjson,junit', '--report-dir', options.reportDir, '--no-color');
  return args;
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
export const shellLine = (command: string, args: string[]) => [command, ...args].map(quote).join(' ');

/** Runs one pass of schemathesis and counts what its NDJSON report recorded. */
export async function runPass(options: PassOptions): Promise<PassResult> {
  if (!existsSync(ST_BIN)) throw new Error(`${ST_BIN} is missing: run bash scripts/ensure-schemathesis.sh`);
  mkdirSync(options.reportDir, { recursive: true });
  const outputFile = path.join(options.reportDir, 'output.txt');
  const args = schemathesisArgs(options);
  const started = Date.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(ST_BIN, args, { cwd: options.reportDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = createWriteStream(outputFile);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const seconds = (Date.now() - started) / 1000;
  const ndjson = readdirSync(options.reportDir).find((name) => name.startsWith('ndjson-') && name.endsWith('.ndjson'));
  if (!ndjson) throw new Error(`schemathesis wrote no NDJSON report (exit ${exitCode}): see ${outputFile}`);
  const counts = await countReport(path.join(options.reportDir, ndjson));
  return {
    label: options.label,
    ...counts,
    exitCode,
    command: [ST_BIN, ...schemathesisArgs(options, true)],
    outputFile,
    seconds,
  };
}

interface RecordedInteraction {
  request: { method: string; uri: string; body?: { $base64?: string } | null };
  response: { status_code: number } | null;
}
interface RecordedCheck {
  name: string;
  status: string;
}
interface Recorder {
  label: string;
  checks?: Record<string, RecordedCheck[]>;
  interactions?: Record<string, RecordedInteraction>;
}

async function countReport(file: string) {
  const statuses: Record<string, number> = {};
  const findings = new Map<string, Finding>();
  let requests = 0;
  let serverErrors = 0;
  let schemaViolations = 0;
  let undocumentedStatuses = 0;
  let contentTypeViolations = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const recorder = (JSON.parse(line) as { ScenarioFinished: { recorder: Recorder } }).ScenarioFinished.recorder;
    for (const [caseId, interaction] of Object.entries(recorder.interactions ?? {})) {
      requests += 1;
      const status = interaction.response?.status_code ?? 0;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 500) serverErrors += 1;
      for (const check of recorder.checks?.[caseId] ?? []) {
        if (check.status !== 'failure') continue;
        if (check.name === 'response_schema_conformance') schemaViolations += 1;
        else if (check.name === 'status_code_conformance') undocumentedStatuses += 1;
        else if (check.name === 'content_type_conformance') contentTypeViolations += 1;
        else if (check.name !== 'not_a_server_error') continue;
        const key = `${check.name} ${recorder.label} ${status}`;
        if (!findings.has(key)) findings.set(key, { check: check.name, operation: recorder.label, status, curl: curlOf(interaction) });
      }
    }
  }
  return {
    requests,
    statuses,
    serverErrors,
    schemaViolations,
    undocumentedStatuses,
    contentTypeViolations,
    findings: [...findings.values()],
  };
}

function curlOf({ request }: RecordedInteraction): string {
  const body = request.body?.$base64 ? Buffer.from(request.body.$base64, 'base64').toString('utf8') : undefined;
  const parts = ['curl', '-X', request.method, request.uri, '-H', 'Authorization: Bearer $TOKEN'];
  if (body !== undefined) parts.push('-H', 'Content-Type: application/json', '-d', body.length > 300 ? `${body.slice(0, 300)}…` : body);
  return parts.map(quote).join(' ');
}

// ---------------------------------------------------------------------------------------------
// The document itself

type Json = Record<string, unknown>;

export interface DocumentAudit {
  operations: number;
  responses: number;
  /** "GET /path 200": a 2xx that is neither 204 nor a binary download and has no JSON schema. */
  withoutSchema: string[];
  /** "GET /path": operations with a `default` response. */
  defaults: string[];
}

/**
 * Every operation's responses: each 2xx must carry a schema (for application/json or a problem),
 * except 204 No Content and binary downloads (a content type other than JSON, described by a
 * binary string schema or none); no `default` response may stand in for the statuses.
 */
export function auditDocument(document: Json): DocumentAudit {
  const audit: DocumentAudit = { operations: 0, responses: 0, withoutSchema: [], defaults: [] };
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [route, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method)) continue;
      audit.operations += 1;
      const name = `${method.toUpperCase()} ${route}`;
      const responses = (operation.responses ?? {}) as Record<string, Json>;
      for (const [status, response] of Object.entries(responses)) {
        audit.responses += 1;
        if (status === 'default') {
          audit.defaults.push(name);
          continue;
        }
        if (!/^2\d\d$/.test(status) || status === '204') continue;
        const content = (response.content ?? {}) as Record<string, Json>;
        const types = Object.keys(content);
        const json = types.filter((type) => /json/.test(type));
        const binaryOnly = types.length > 0 && json.length === 0;
        if (binaryOnly) continue;
        if (json.length === 0 || json.some((type) => !content[type]?.schema)) audit.withoutSchema.push(`${name} ${status}`);
      }
    }
  }
  return audit;
}
