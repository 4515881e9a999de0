/**
 * How late reminders and escalation rungs fire, on the real Temporal dev server and PostgreSQL:
 * opens STEPS steps whose rule (configured for a scratch province, as any province may) is due
 * 40 s after opening, with 2 reminders and 3 rungs; waits for every notification and prints the
 * lateness (recorded time minus scheduled time) at the median and the 99th percentile.
 *
 *   npx tsx bench/reminder-lateness.ts [steps=1000]
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createDb } from '../db/client';
import { percentile } from './support/stats';
import { startScratchStack } from '../infra/scratch-stack';
import { createTestProvince } from '../test/support/test-province';
import { testDataConverter } from '../test/support/test-env';
import {
  bundleWorkflows,
  RestartableWorker,
  testActivityDependencies,
} from '../test/support/deadline-worker';
import { DEADLINE_STEP_WORKFLOW, type OpenStepInput } from '../workflows/deadlines/contract';

const STEPS = Number(process.argv[2] ?? 1000);
const NOTIFICATIONS_PER_STEP = 5;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stack = await startScratchStack('bench');
  const db = createDb(stack.databaseUrl, { maxConnections: 20 });
  const connection = await Connection.connect({ address: stack.temporalAddress });
  // The bench's own payload key: its client and worker encrypt as production does.
  process.env.TEST_PAYLOAD_KEY ??= `bench:${randomBytes(32).toString('base64')}`;
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const dependencies = testActivityDependencies(db);
  const worker = new RestartableWorker('bench', await bundleWorkflows(), dependencies, stack.temporalAddress);
  try {
    const province = await createTestProvince(db, 'bench');
    await province.setRule('CRA.D3', {
      budget: { kind: 'ELAPSED', seconds: 40 },
      reminders: [
        { unit: 'SECONDS', amount: 20 },
        { unit: 'SECONDS', amount: 5 },
      ],
      escalations: [
        {
          after: { unit: 'SECONDS', amount: 2 },
          to: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_HEAD' },
        },
        {
          after: { unit: 'SECONDS', amount: 6 },
          to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' },
        },
        {
          after: { unit: 'SECONDS', amount: 10 },
          to: { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
        },
      ],
    });
    await worker.start();

    const startedAt = Date.now();
    const ids: string[] = [];
    for (let batch = 0; batch < STEPS; batch += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, STEPS - batch) }, (_, i) => {
          const input: OpenStepInput = {
            caseRef: `BENCH-${batch + i}`,
            stepKey: 'D3',
            ruleKey: 'CRA.D3',
            jurisdictionId: province.communeId,
            startDate: '2026-11-20',
          };
          const workflowId = `bench:${batch + i}`;
          ids.push(workflowId);
          return client.workflow.start(DEADLINE_STEP_WORKFLOW, {
            taskQueue: 'bench',
            workflowId,
            args: [input],
          });
        }),
      );
    }
    console.log(`started ${STEPS} steps in ${Date.now() - startedAt} ms`);

    const expected = STEPS * NOTIFICATIONS_PER_STEP;
    for (;;) {
      const count = await db.notification.count();
      if (count >= expected) break;
      if (Date.now() - startedAt > 15 * 60_000)
        throw new Error(`only ${count} of ${expected} notifications after 15 min`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const rows = await db.notification.findMany({
      select: { kind: true, scheduledAt: true, firedAt: true, key: true },
    });
    const keys = new Set(rows.map((r) => r.key));
    const report = (label: string, selected: typeof rows) => {
      const lateness = selected
        .map((r) => r.firedAt.getTime() - r.scheduledAt.getTime())
        .sort((a, b) => a - b);
      console.log(
        `${label.padEnd(12)} n=${String(lateness.length).padStart(5)}  p50=${percentile(lateness, 50)} ms  p99=${percentile(lateness, 99)} ms  max=${lateness.at(-1)} ms  early=${lateness.filter((l) => l < 0).length}`,
      );
    };
    console.log(`notifications: ${rows.length} recorded, ${keys.size} distinct keys (expected ${expected})`);
    report(
      'reminders',
      rows.filter((r) => r.kind === 'REMINDER'),
    );
    report(
      'escalations',
      rows.filter((r) => r.kind === 'ESCALATION'),
    );
    report('all', rows);
    await Promise.all(
      ids.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('benchmark finished')
          .catch(() => undefined),
      ),
    );
  } finally {
    await worker.stop();
    await dependencies.close();
    await connection.close();
    await db.$disconnect();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
