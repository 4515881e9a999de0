/**
 * API fuzzing (issue #17): schemathesis generates requests from the API's own /openapi.json and
 * sends them to the real API (scratch PostgreSQL + Temporal, a worker, the app on a free port of
 * 127.0.0.1), once per role with a bearer token obtained before the run, and once without a
 * token over the public /auth/* routes. Every answer is checked: no 5xx, a status the document
 * lists for the operation, a body matching the documented schema, a documented Content-Type.
 * The document itself is audited: every 2xx has a schema (but 204 and binary downloads), no
 * `default` response. Exits 1 unless every count is 0.
 *
 *   npx tsx fuzz/run.ts [maxExamplesPerOperation=10] [--seed N]
 *
 * Reports (NDJSON, JUnit, schemathesis' own output) are kept in test-results/fuzz/<pass>/.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startScratchStack } from '../infra/scratch-stack';
import { startFuzzTarget, FUZZ_ROLES } from './support/fuzz-target';
import { auditDocument, REPO_ROOT, runPass, shellLine, type PassResult } from './support/schemathesis';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const SEED = seedAt >= 0 ? Number(args[seedAt + 1]) : randomInt(1, 2 ** 31);
const positional = args.filter((_arg, i) => i !== seedAt && i !== seedAt + 1);
const MAX_EXAMPLES = Number(positional[0] ?? 10);
const REPORT_ROOT = path.join(REPO_ROOT, 'test-results/fuzz');
const MIN_REQUESTS = 10_000;

async function main(): Promise<number> {
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/ensure-schemathesis.sh')], { stdio: 'inherit' });
  process.env.TEST_PAYLOAD_KEY ??= `fuzz:${randomBytes(32).toString('base64')}`;
  console.log('Starting a scratch PostgreSQL and Temporal, a worker and the API…');
  const stack = await startScratchStack('fuzz');
  process.env.TEST_DATABASE_URL = stack.databaseUrl;
  process.env.TEST_TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.TEST_TMP_ROOT = stack.root;
  const target = await startFuzzTarget('run').catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  try {
    console.log(`API at ${target.url}; province ${target.provinceId}, case ${target.caseRef}, cycle ${target.cycleId}`);
    const document = (await (await fetch(`${target.url}/openapi.json`)).json()) as Record<string, unknown>;
    rmSync(REPORT_ROOT, { recursive: true, force: true });

    const passes: PassResult[] = [];
    const common = { baseUrl: target.url, maxExamples: MAX_EXAMPLES, seed: SEED };
    for (const role of FUZZ_ROLES) {
      process.stdout.write(`  fuzzing as ${role}… `);
      const result = await runPass({
        ...common,
        label: role,
        token: target.tokens[role],
        excludePathRegex: '^/auth/',
        reportDir: path.join(REPORT_ROOT, role),
      });
      console.log(`${result.requests} requests in ${result.seconds.toFixed(0)} s`);
      passes.push(result);
    }
    process.stdout.write('  fuzzing /auth/* without a token… ');
    const anonymous = await runPass({
      ...common,
      label: 'anonymous',
      includePathRegex: '^/auth/',
      reportDir: path.join(REPORT_ROOT, 'anonymous'),
    });
    console.log(`${anonymous.requests} requests in ${anonymous.seconds.toFixed(0)} s`);
    passes.push(anonymous);

    return report(passes, auditDocument(document));
  } finally {
    // A worker stuck in a failing activity may never stop; the scratch stack is stopped regardless.
    const closed = await Promise.race([
      target.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref()),
    ]);
    if (!closed) console.error('The worker did not stop within 30 s; stopping PostgreSQL and Temporal anyway.');
    await stack.stop();
  }
}

function report(passes: PassResult[], audit: ReturnType<typeof auditDocument>): number {
  const sum = (key: 'requests' | 'serverErrors' | 'schemaViolations' | 'undocumentedStatuses' | 'contentTypeViolations') =>
    passes.reduce((total, pass) => total + pass[key], 0);
  console.log('');
  console.log(`schemathesis fuzzing, seed ${SEED}, ${MAX_EXAMPLES} examples per operation and phase`);
  console.log(
    `  ${'pass'.padEnd(24)} ${'requests'.padStart(9)} ${'5xx'.padStart(6)} ${'schema'.padStart(7)} ${'status'.padStart(7)} ${'type'.padStart(6)}  statuses`,
  );
  for (const pass of passes) {
    const statuses = Object.entries(pass.statuses)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    console.log(
      `  ${pass.label.padEnd(24)} ${String(pass.requests).padStart(9)} ${String(pass.serverErrors).padStart(6)} ${String(pass.schemaViolations).padStart(7)} ${String(pass.undocumentedStatuses).padStart(7)} ${String(pass.contentTypeViolations).padStart(6)}  ${statuses}`,
    );
  }
  const figures: [string, number, boolean][] = [
    ['requests sent', sum('requests'), sum('requests') >= MIN_REQUESTS],
    ['5xx answers', sum('serverErrors'), sum('serverErrors') === 0],
    ['answers not matching the documented schema', sum('schemaViolations'), sum('schemaViolations') === 0],
    ['answers with an undocumented status', sum('undocumentedStatuses'), sum('undocumentedStatuses') === 0],
    ['answers with an undocumented Content-Type', sum('contentTypeViolations'), sum('contentTypeViolations') === 0],
    [`2xx responses without a schema (of ${audit.responses} responses, ${audit.operations} operations)`, audit.withoutSchema.length, audit.withoutSchema.length === 0],
    ['`default` responses', audit.defaults.length, audit.defaults.length === 0],
  ];
  console.log('');
  for (const [label, value, ok] of figures)
    console.log(`  ${label.padEnd(76)} ${String(value).padStart(7)}   ${ok ? 'OK' : label === 'requests sent' ? `UNDER ${MIN_REQUESTS}` : 'FAIL'}`);
  for (const name of audit.withoutSchema) console.log(`    no schema: ${name}`);
  for (const name of audit.defaults) console.log(`    default response: ${name}`);
  const findings = passes.flatMap((pass) => pass.findings.map((finding) => ({ ...finding, pass: pass.label })));
  if (findings.length > 0) {
    console.log('\nFindings (one example each):');
    for (const finding of findings)
      console.log(`  [${finding.pass}] ${finding.check} ${finding.operation} → ${finding.status}\n      ${finding.curl}`);
  }
  console.log('\nTo reproduce this run:');
  console.log(`  npx tsx fuzz/run.ts ${MAX_EXAMPLES} --seed ${SEED}`);
  console.log('Each pass, against a running API (token from POST /auth/login):');
  for (const pass of passes) console.log(`  ${shellLine(pass.command[0]!, pass.command.slice(1))}`);
  console.log(`Reports: ${path.relative(REPO_ROOT, REPORT_ROOT)}/<pass>/ (NDJSON, JUnit, output.txt)`);
  return figures.every(([, , ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
