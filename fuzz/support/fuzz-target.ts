import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Role } from '../../generated/prisma/enums';
import { startApiHarness } from '../../test/support/api-harness';
import { serve } from '../../test/support/browser';
import { caseDriver, until } from '../../test/support/case-driver';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../../test/support/deadline-worker';
import { quietTemporalRuntime } from '../../test/support/quiet-temporal';
import { createTestProvince } from '../../test/support/test-province';
import { uniqueTaskQueue } from '../../test/support/test-env';

/** The roles the fuzzer signs in as, one run of schemathesis each, and the agency each works at. */
export const FUZZ_ROLES = ['COMMUNE_POLICE_OFFICER', 'PROVINCIAL_COORDINATOR', 'JUDGE', 'SYSTEM_ADMIN'] as const satisfies readonly Role[];
export type FuzzRole = (typeof FUZZ_ROLES)[number];

export interface FuzzTarget {
  /** The real API on a real socket: http://127.0.0.1:PORT */
  url: string;
  provinceId: string;
  caseRef: string;
  cycleId: string;
  /** A bearer token per role, obtained before any fuzzing (the login rate limit is never touched during it). */
  tokens: Record<FuzzRole, string>;
  close(): Promise<void>;
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The real API app listening on a free port of 127.0.0.1, on the PostgreSQL and Temporal named by
 * TEST_DATABASE_URL / TEST_TEMPORAL_ADDRESS (jest's global setup, or fuzz/run.ts's scratch stack),
 * with a worker on a task queue of its own, a province with a user of each fuzzed role, a case
 * opened through the API and a reporting cycle: something for the generated requests to find.
 */
export async function startFuzzTarget(name: string): Promise<FuzzTarget> {
  quietTemporalRuntime();
  const taskQueue = uniqueTaskQueue(name);
  // Tokens are issued before the run, but /auth/* may still be fuzzed: no 429 from the login limit.
  const api = await startApiHarness({ taskQueue, loginRateLimitPerMinute: 1_000_000, jwtTtlSeconds: 6 * 3600 });
  const dependencies = testActivityDependencies(api.db);
  const worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();

  const province = await createTestProvince(api.db, `fuzz-${name}`);
  const home: Record<FuzzRole, string> = {
    COMMUNE_POLICE_OFFICER: province.agency.communePolice,
    PROVINCIAL_COORDINATOR: province.agency.drugDivision,
    JUDGE: province.agency.regionalCourt,
    SYSTEM_ADMIN: province.agency.provincialPolice,
  };
  const users = {} as Record<FuzzRole, string>;
  for (const role of FUZZ_ROLES) users[role] = await province.addUser(home[role], [role]);
  const tokens = {} as Record<FuzzRole, string>;
  for (const role of FUZZ_ROLES) tokens[role] = await api.tokenFor(users[role]);

  const driver = caseDriver(api);
  const { caseRef } = await driver.openCase(users.COMMUNE_POLICE_OFFICER, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: isoDaysAgo(2),
  });
  await until(() => api.db.step.findFirst({ where: { caseRef } }).then((step) => step ?? undefined), 'the case’s first step');

  const cycleId = `FUZZ-${randomUUID().slice(0, 8).toUpperCase()}`;
  const cycle = await request(api.app)
    .post('/reporting/cycles')
    .set('Authorization', `Bearer ${tokens.PROVINCIAL_COORDINATOR}`)
    .send({
      id: cycleId,
      provinceId: province.provinceId,
      periodKind: 'QUARTERLY',
      nameVi: 'Báo cáo quý (thử nghiệm fuzz)',
      nameEn: 'Quarterly report (fuzz)',
      ruleKey: 'REPORT.QUARTERLY',
      receiverAgencyId: province.agency.drugDivision,
      config: { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'EVERY', seconds: 86_400 }, receiverRuleKey: 'REPORT.PROVINCE.QUARTERLY' },
    });
  if (cycle.status !== 201) throw new Error(`reporting cycle: ${cycle.status} ${JSON.stringify(cycle.body)}`);

  const server = await serve(api.app);
  return {
    url: server.url,
    provinceId: province.provinceId,
    caseRef,
    cycleId,
    tokens,
    async close() {
      await server.close();
      await worker.stop();
      await dependencies.close();
      await api.close();
    },
  };
}
