import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { createDb, type Db } from '../../db/client';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../notifications';
import {
  completeStepUpdate,
  DEADLINE_STEP_WORKFLOW,
  resumeStepUpdate,
  StepFailure,
  type OpenStepInput,
  type StepPlan,
} from '../../workflows/deadlines/contract';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflows, RestartableWorker, testActivityDependencies } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { testDatabaseUrl, testDataConverter, testTemporalAddress, uniqueTaskQueue } from '../support/test-env';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink';

/**
 * The deadline primitive on the real Temporal server and PostgreSQL, with a real SMTP server and
 * a real webhook receiver. Durations are shortened through the province's rule configuration
 * (an ELAPSED budget and offsets in seconds), never by changing workflow code.
 */
jest.setTimeout(120_000);

let db: Db;
let province: TestProvince;
let smtp: SmtpSink;
let hooks: WebhookSink;
let connection: Connection;
let client: Client;
let worker: RestartableWorker;
let dependencies: ReturnType<typeof testActivityDependencies>;
const taskQueue = uniqueTaskQueue('deadlines');
const HOOK_SECRET = 'webhook-secret-for-tests-0123456789';

// Due 8 s after opening; reminders 5 s and 2 s before; rungs 1, 2 and 3 s after.
const LADDER_RULE = 'CRA.D3';
const ladder = {
  budget: { kind: 'ELAPSED', seconds: 8 },
  reminders: [
    { unit: 'SECONDS', amount: 5 },
    { unit: 'SECONDS', amount: 2 },
  ],
  escalations: [
    {
      after: { unit: 'SECONDS', amount: 1 },
      to: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_HEAD' },
    },
    {
      after: { unit: 'SECONDS', amount: 2 },
      to: { agencyKind: 'PROVINCIAL_POLICE_DRUG_DIVISION', role: 'PROVINCIAL_COORDINATOR' },
    },
    {
      after: { unit: 'SECONDS', amount: 3 },
      to: { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
    },
  ],
} as const;

beforeAll(async () => {
  quietTemporalRuntime();
  db = createDb(testDatabaseUrl(), { maxConnections: 4 });
  province = await createTestProvince(db, 'ladder');
  await province.setRule(LADDER_RULE, ladder as never);
  smtp = await startSmtpSink();
  hooks = await startWebhookSink();
  await db.webhookSubscription.create({
    data: { agencyId: province.agency.drugDivision, url: hooks.url, secret: HOOK_SECRET },
  });
  dependencies = testActivityDependencies(db, smtp.url);
  worker = new RestartableWorker(taskQueue, await bundleWorkflows(), dependencies);
  await worker.start();
  connection = await Connection.connect({ address: testTemporalAddress() });
  client = new Client({ connection, dataConverter: testDataConverter() });
});

afterAll(async () => {
  await worker.stop();
  await dependencies.close();
  await connection.close();
  await smtp.close();
  await hooks.close();
  await db.$disconnect();
});

let caseCounter = 0;
function stepInput(overrides: Partial<OpenStepInput> = {}): OpenStepInput {
  caseCounter += 1;
  return {
    caseRef: `${province.provinceId}-2026-${caseCounter}`,
    stepKey: 'D3',
    ruleKey: LADDER_RULE,
    jurisdictionId: province.communeId,
    startDate: '2026-11-20',
    ...overrides,
  };
}

async function startStep(input: OpenStepInput) {
  return client.workflow.start(DEADLINE_STEP_WORKFLOW, {
    taskQueue,
    workflowId: `step:${input.caseRef}:${input.stepKey}`,
    args: [input],
  });
}

async function notificationsOf(stepId: string) {
  return db.notification.findMany({
    where: { stepId },
    orderBy: [{ scheduledAt: 'asc' }, { rung: 'asc' }],
    include: { deliveries: true },
  });
}

async function waitForNotifications(stepId: string, count: number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await notificationsOf(stepId);
    const delivered = rows.every((row) => row.deliveries.every((d) => d.status !== 'PENDING'));
    if (rows.length >= count && delivered) return rows;
    if (Date.now() > deadline)
      throw new Error(`step ${stepId}: ${rows.length} of ${count} notifications after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function openedPlan(workflowId: string): Promise<StepPlan> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const step = await db.step.findFirst({ where: { workflowId } });
    if (step)
      return (await client.workflow.getHandle(workflowId).query<{ plan?: StepPlan }>('step.state'))
        .plan as StepPlan;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`step of ${workflowId} never opened`);
}

it('fires each reminder at its offset and every rung once, in order, to the right owner', async () => {
  const handle = await startStep(stepInput());
  const plan = await openedPlan(handle.workflowId);
  const rows = await waitForNotifications(plan.stepId, 5);

  // What fired is exactly what the rule configured, in the configured order.
  expect(rows.map((r) => [r.kind, r.rung])).toEqual([
    ['REMINDER', 0],
    ['REMINDER', 1],
    ['ESCALATION', 1],
    ['ESCALATION', 2],
    ['ESCALATION', 3],
  ]);
  const due = Date.parse(plan.dueAt);
  const expectedOffsets = [-5, -2, 1, 2, 3].map((s) => due + s * 1000);
  expect(rows.map((r) => r.scheduledAt.getTime())).toEqual(expectedOffsets);
  // Never early; and fired in the order scheduled (a generous bound guards against a stuck timer, not speed).
  for (const row of rows) {
    expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(row.scheduledAt.getTime());
    expect(row.firedAt.getTime() - row.scheduledAt.getTime()).toBeLessThan(15_000);
  }
  expect([...rows].sort((a, b) => a.firedAt.getTime() - b.firedAt.getTime()).map((r) => r.id)).toEqual(
    rows.map((r) => r.id),
  );

  expect(rows.map((r) => [r.recipientAgencyId, r.recipientRole])).toEqual([
    [province.agency.communePolice, 'COMMUNE_POLICE_OFFICER'],
    [province.agency.communePolice, 'COMMUNE_POLICE_OFFICER'],
    [province.agency.communePolice, 'COMMUNE_POLICE_HEAD'],
    [province.agency.drugDivision, 'PROVINCIAL_COORDINATOR'],
    [province.agency.steeringCommittee, 'PROVINCIAL_COORDINATOR'],
  ]);

  // One inbox item each, one e-mail each to the recipient agency, one signed webhook for the division.
  expect(await db.inboxItem.count({ where: { notificationId: { in: rows.map((r) => r.id) } } })).toBe(5);
  const mails = smtp.messages.filter((m) => rows.some((r) => m.messageId === `<${r.id}@test.invalid>`));
  expect(mails).toHaveLength(5);
  expect(mails.map((m) => m.to)).toEqual(
    expect.arrayContaining([[province.emailOf(province.agency.steeringCommittee)]]),
  );
  expect(mails[0]?.subject).toContain('Nhắc hạn');
  const calls = hooks.requests.filter(
    (call) => (call.json as { notificationId?: string }).notificationId === rows[3]?.id,
  );
  expect(calls).toHaveLength(1);
  const call = calls[0] as (typeof calls)[number];
  expect(
    verifyWebhookSignature({
      secret: HOOK_SECRET,
      header: String(call.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]),
      body: call.body,
      toleranceSeconds: 300,
    }),
  ).toBe(true);

  const done = await handle.executeUpdate(completeStepUpdate, { args: [{ outcome: 'late but done' }] });
  expect(done.status).toBe('COMPLETED');
  expect((await handle.result()).status).toBe('COMPLETED');
});

it('cancels what has not fired when the step is completed before its deadline', async () => {
  const handle = await startStep(stepInput());
  const plan = await openedPlan(handle.workflowId);
  const [first] = await waitForNotifications(plan.stepId, 1);
  expect(first?.kind).toBe('REMINDER');

  // A change the step is not in a state for is refused, with the reason as the failure's type.
  const refused = await handle.executeUpdate(resumeStepUpdate, { args: [{}] }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe(StepFailure.NOT_SUSPENDED);

  const completed = await handle.executeUpdate(completeStepUpdate, { args: [{}] });
  expect(completed.status).toBe('COMPLETED');
  await handle.result();
  // Wait until well past the last rung's time; nothing else may appear.
  const lastPlanned = Math.max(...plan.firePoints.map((p) => Date.parse(p.at)));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastPlanned - Date.now()) + 2_000));
  expect((await notificationsOf(plan.stepId)).map((r) => r.kind)).toEqual(['REMINDER']);
  const step = await db.step.findUniqueOrThrow({ where: { id: plan.stepId } });
  expect(step.status).toBe('COMPLETED');

  // The workflow is over: nothing is left to fire, and no further change can reach it.
  expect((await handle.describe()).status.name).toBe('COMPLETED');
});

it('sends nothing twice when the worker is stopped and restarted in the middle of the ladder', async () => {
  const handle = await startStep(stepInput());
  const plan = await openedPlan(handle.workflowId);
  await waitForNotifications(plan.stepId, 2);
  await worker.stop();
  // While no worker runs, the due instant and the first rungs pass.
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Date.parse(plan.dueAt) + 2_500 - Date.now())),
  );
  await worker.start();
  const rows = await waitForNotifications(plan.stepId, 5);

  expect(new Set(rows.map((r) => r.key)).size).toBe(5);
  expect(rows.map((r) => [r.kind, r.rung])).toEqual([
    ['REMINDER', 0],
    ['REMINDER', 1],
    ['ESCALATION', 1],
    ['ESCALATION', 2],
    ['ESCALATION', 3],
  ]);
  for (const row of rows) {
    expect(smtp.messages.filter((m) => m.messageId === `<${row.id}@test.invalid>`)).toHaveLength(1);
    expect(row.deliveries.every((d) => d.status === 'SENT')).toBe(true);
  }
  await handle.executeUpdate(completeStepUpdate, { args: [{}] });
  await handle.result();
});

it('records and sends a notification once when its activities run again (a retry after a crash)', async () => {
  const activities = createActivities(dependencies);
  const plan = await activities.openStep({
    ...stepInput(),
    workflowId: `direct-${Date.now()}`,
    openedAt: new Date().toISOString(),
  });
  const again = await activities.openStep({
    ...stepInput({ caseRef: 'ignored' }),
    stepKey: 'D3',
    workflowId: plan.stepId.split('/')[0] as string,
    openedAt: new Date().toISOString(),
  });
  expect(again.stepId).toBe(plan.stepId);
  expect(again.dueAt).toBe(plan.dueAt);

  const point = plan.firePoints.find((p) => p.kind === 'ESCALATION' && p.rung === 2);
  if (!point) throw new Error('no rung 2 planned');
  const first = await activities.recordNotification({ stepId: plan.stepId, firePoint: point });
  const second = await activities.recordNotification({ stepId: plan.stepId, firePoint: point });
  expect(first.created).toBe(true);
  expect(second).toMatchObject({ notificationId: first.notificationId, created: false });
  expect(first.pendingDeliveryIds).toHaveLength(2); // e-mail and the division's webhook

  for (const deliveryId of first.pendingDeliveryIds) {
    expect(await activities.deliverNotification({ deliveryId })).toEqual({ status: 'SENT' });
    expect(await activities.deliverNotification({ deliveryId })).toEqual({ status: 'SENT' });
  }
  await smtp.waitFor(1);
  expect(smtp.messages.filter((m) => m.messageId === `<${first.notificationId}@test.invalid>`)).toHaveLength(
    1,
  );
  expect(
    hooks.requests.filter(
      (r) => (r.json as { notificationId?: string }).notificationId === first.notificationId,
    ),
  ).toHaveLength(1);
});
