import { temporal as proto } from '@temporalio/proto';
import { startCaseStack, type CaseStack } from '../support/case-stack';

/**
 * An action's writes happen only once its acceptance is on record (workflows/support/acceptance.ts):
 * in the case's history, after each accepted Update a workflow task completes before the first
 * local activity writes. Without it, a Temporal server lost between the writes and that task
 * left the record ahead of the case and the case stuck (found by `npm run chaos`, issue #17).
 */
jest.setTimeout(120_000);

const { EventType } = proto.api.enums.v1;
let stack: CaseStack;

beforeAll(async () => {
  stack = await startCaseStack('update-acceptance');
});

afterAll(async () => {
  await stack?.close();
});

it('records each action’s acceptance before the action writes anything', async () => {
  const { caseRef } = await stack.driver.openCase('police.apl', { jurisdictionId: 'SX-APL', residenceJurisdictionId: 'SX-APL', groundsFoundOn: '2025-09-03' });
  await stack.driver.expectOk(caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: '2025-09-05', addictionResultRef: 'KQ-3/2025', interimArrangement: { kind: 'FAMILY' } });
  await stack.driver.expectOk(caseRef, 'police.apl', { type: 'NOTIFY_PERSON', on: '2025-09-06' });

  const { workflowId } = await stack.api.db.case.findUniqueOrThrow({ where: { id: caseRef } });
  const events = (await stack.api.temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const isAction = (event: (typeof events)[number]) =>
    event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED &&
    event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'case.act';
  const accepted = events.flatMap((event, index) => (isAction(event) ? [index] : []));
  expect(accepted).toHaveLength(2);
  for (const at of accepted) {
    const after = events.slice(at + 1);
    const firstWrite = after.findIndex(
      (event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && event.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    const taskCompleted = after.findIndex((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    expect(firstWrite).toBeGreaterThan(0);
    expect(taskCompleted).toBeGreaterThanOrEqual(0);
    expect(taskCompleted).toBeLessThan(firstWrite);
  }
});

it('writes each action in one local activity, after the activity that records its acceptance and checks its next steps', async () => {
  const { caseRef } = await stack.driver.openCase('police.apl', { jurisdictionId: 'SX-APL', residenceJurisdictionId: 'SX-APL', groundsFoundOn: '2025-09-03' });
  // Completes the dossier step, records the dossier, moves the phase and opens the next step: four writes.
  await stack.driver.expectOk(caseRef, 'police.apl', { type: 'FILE_DOSSIER', on: '2025-09-05', addictionResultRef: 'KQ-4/2025', interimArrangement: { kind: 'FAMILY' } });

  const { workflowId } = await stack.api.db.case.findUniqueOrThrow({ where: { id: caseRef } });
  const events = (await stack.api.temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const accepted = events.findIndex(
    (event) =>
      event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED &&
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'case.act',
  );
  const completed = events.findIndex((event, index) => index > accepted && event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
  expect(accepted).toBeGreaterThan(0);
  expect(completed).toBeGreaterThan(accepted);
  const during = events.slice(accepted + 1, completed);
  const activities = during
    .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name);
  expect(activities).toEqual(['actAccepted']);
  expect(during.filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && event.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);

  // …and all four are on record.
  const steps = await stack.api.db.step.findMany({ where: { caseRef }, orderBy: { openedAt: 'asc' } });
  expect(steps.map((step) => [step.stepKey, step.status])).toEqual([
    ['D2', 'COMPLETED'],
    ['D3', 'OPEN'],
  ]);
  const timeline = await stack.api.db.caseEvent.findMany({ where: { caseId: caseRef }, orderBy: { seq: 'asc' } });
  expect(timeline.map((entry) => entry.kind)).toEqual(['CASE_OPENED', 'DOSSIER_FILED']);
  expect((await stack.api.db.case.findUniqueOrThrow({ where: { id: caseRef } })).phase).toBe('NOTIFYING');
});
