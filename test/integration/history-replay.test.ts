import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../support/deadline-worker';
import { quietTemporalRuntime } from '../support/quiet-temporal';
import { encryptedDataConverter, parsePayloadKey } from '../../temporal/payload-encryption';

/**
 * Histories recorded by earlier versions of the workflows must replay through the current code,
 * or every case still open at a deployment would fail its next workflow task. Each fixture is a
 * real history from the end-to-end case test, taken before the change it guards.
 *
 * The fixtures' payloads are encrypted with this test-only key; the people in them are fictional.
 */
const FIXTURE_KEY = 'replay-fixture:JjigAOEKF8AnPjCYjV69lZ0dgauRCT99oeFTCl16hrU=';

type History = temporal.api.history.v1.IHistory;
const EventType = temporal.api.enums.v1.EventType;

function fixture(name: string): History {
  const file = path.resolve(__dirname, '../fixtures/histories', name);
  // Written with protobufjs' toJSON (enums by name, 64-bit numbers as strings, bytes as base64).
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(file, 'utf8')));
}

const scheduledActivities = (history: History): string[] =>
  (history.events ?? [])
    .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    .map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? '');

let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;

beforeAll(async () => {
  quietTemporalRuntime();
  bundle = await bundleWorkflows();
});

describe('histories recorded before the database writes became local activities', () => {
  const cases = [
    { name: 'compulsory-rehab-case.before-local-writes.json', writes: ['registerCase', 'recordCaseEvent', 'openStep'] },
    { name: 'post-rehab.before-local-writes.json', writes: ['registerCase', 'recordCaseEvent', 'openStep'] },
  ];

  it.each(cases)('$name schedules its writes as ordinary activities', ({ name, writes }) => {
    const scheduled = scheduledActivities(fixture(name));
    for (const write of writes) expect(scheduled).toContain(write);
  });

  it.each(cases)('$name replays through the current workflow code', ({ name }) => replaysThroughTodaysCode(name));
});

/** A recorded history (encrypted with the fixtures' key) replays through today's bundle without non-determinism. */
async function replaysThroughTodaysCode(name: string) {
  const history = fixture(name);
  const workflowId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowId ?? name;
  await expect(
    Worker.runReplayHistory(
      { workflowBundle: bundle, dataConverter: encryptedDataConverter({ current: parsePayloadKey(FIXTURE_KEY) }) },
      history,
      workflowId,
    ),
  ).resolves.toBeUndefined();
}

describe('histories recorded before procedures became modules on one case engine', () => {
  // Recorded by the end-to-end case test on the code just before the move (RECORD_HISTORY_FIXTURES).
  const cases = ['compulsory-rehab-case.before-procedure-modules.json', 'post-rehab.before-procedure-modules.json'];

  it.each(cases)('%s replays through the current workflow code', replaysThroughTodaysCode);
});

describe('histories with a case moved to another commune', () => {
  // Recorded by the case-move test (RECORD_HISTORY_FIXTURES=moved-to-another-commune): a split
  // commune's case moved through the `case.move` Update, its open step handed on, then its dossier filed.
  const cases = ['compulsory-rehab-case.moved-to-another-commune.json'];

  it.each(cases)('%s replays through the current workflow code', replaysThroughTodaysCode);
});

describe('a reporting run recorded before report tasks were kept in batches', () => {
  // Recorded on the code before batches (a run of four communes and the province's own report,
  // each task a workflow of its own): a run in flight at the deployment replays the same way.
  const name = 'reporting-run.before-report-task-batches.json';

  it('started a workflow per task', () => {
    const started = (fixture(name).events ?? [])
      .filter((event) => event.eventType === EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
      .map((event) => event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name);
    expect(started).toEqual(Array(5).fill('deadlineStepWorkflow'));
  });

  it('replays through the current workflow code', () => replaysThroughTodaysCode(name));
});

describe('histories recorded before an act wrote in one local activity', () => {
  // Recorded on the code before (RECORD_HISTORY_FIXTURES=before-one-write-per-act in the case test,
  // moved-before-one-write-per-act in the case-move test): each act accepted by an empty activity,
  // its next steps checked by a local activity, then a local activity per write.
  const cases = [
    'compulsory-rehab-case.before-one-write-per-act.json',
    'post-rehab.before-one-write-per-act.json',
    'compulsory-rehab-case.moved-before-one-write-per-act.json',
  ];

  it('accepted each act with the empty activity', () => {
    const scheduled = scheduledActivities(fixture('compulsory-rehab-case.before-one-write-per-act.json'));
    expect(scheduled).toContain('acceptanceRecorded');
    expect(scheduled).not.toContain('actAccepted');
  });

  it.each(cases)('%s replays through the current workflow code', replaysThroughTodaysCode);
});
