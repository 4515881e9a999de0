import path from 'node:path';
import { startFuzzTarget, type FuzzTarget } from '../../fuzz/support/fuzz-target';
import { auditDocument, REPO_ROOT, runPass, shellLine } from '../../fuzz/support/schemathesis';

/**
 * A bounded run of the API fuzzer (fuzz/run.ts runs the full one): schemathesis, installed by
 * scripts/ensure-deps.sh (NEEDS_FUZZ=true, set by scripts/test.sh), sends a few hundred requests
 * generated from /openapi.json to the real API as a provincial coordinator, with a fixed seed.
 * No answer may be a 5xx, have an undocumented status or Content-Type, or mismatch its schema;
 * the document must give every 2xx a schema and have no `default` response.
 */
let target: FuzzTarget;

beforeAll(async () => {
  target = await startFuzzTarget('smoke');
}, 120_000);

afterAll(async () => {
  await target?.close();
});

it('answers a few hundred generated requests as documented', async () => {
  const result = await runPass({
    label: 'smoke',
    baseUrl: target.url,
    token: target.tokens.PROVINCIAL_COORDINATOR,
    excludePathRegex: '^/auth/',
    phases: ['examples', 'fuzzing'],
    maxExamples: 6,
    seed: 17,
    reportDir: path.join(REPO_ROOT, 'test-results/fuzz-smoke'),
  });
  const summary = {
    serverErrors: result.serverErrors,
    schemaViolations: result.schemaViolations,
    undocumentedStatuses: result.undocumentedStatuses,
    contentTypeViolations: result.contentTypeViolations,
  };
  const findings = result.findings.map((f) => `${f.check} ${f.operation} → ${f.status}: ${f.curl}`);
  expect({ ...summary, findings }).toEqual({
    serverErrors: 0,
    schemaViolations: 0,
    undocumentedStatuses: 0,
    contentTypeViolations: 0,
    findings: [],
  });
  expect(result.requests).toBeGreaterThanOrEqual(200);
  // Reproduce: the same command against `npm start`, with a token from POST /auth/login.
  expect(shellLine(result.command[0]!, result.command.slice(1))).toContain('--seed 17');
}, 180_000);

it('gives every 2xx a schema and no operation a `default` response', async () => {
  const document = (await (await fetch(`${target.url}/openapi.json`)).json()) as Record<string, unknown>;
  const audit = auditDocument(document);
  expect(audit.operations).toBeGreaterThan(40);
  expect({ withoutSchema: audit.withoutSchema, defaults: audit.defaults }).toEqual({ withoutSchema: [], defaults: [] });
});
