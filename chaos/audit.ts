import { isDeepStrictEqual } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { Client } from 'pg';
import type { ActionRecord, ChaosHttp } from './case-clients';
import { REPORT_TASKS_WORKFLOW_PREFIX } from '../workflows/reporting/reporting-contract';

/**
 * What a fault-injection run must show afterwards: each case in the phase its accepted actions
 * imply, its record the same as a case driven without faults (nothing missing, nothing doubled),
 * every notification delivered once, and every retried request answered with its recorded result.
 */

/**
 * A case's record as counts: "event:DOSSIER_FILED" → 1, "step:CRA.D2:COMPLETED" → 1,
 * "ledger:CRA.D2:OPENED" → 1, … Notifications are not in it: which of a ladder's points fall
 * after a step opened depends on when it opened, so `notificationAudit` checks them by rule.
 */
export type Profile = Map<string, number>;

export interface Difference {
  caseRef: string;
  entry: string;
  expected: number;
  found: number;
}

export async function profilesOf(databaseUrl: string, caseRefs: string[]): Promise<Map<string, Profile>> {
  const profiles = new Map<string, Profile>(caseRefs.map((ref) => [ref, new Map()]));
  const add = (caseRef: string, entry: string, count: number | string) => {
    const profile = profiles.get(caseRef);
    if (profile) profile.set(entry, (profile.get(entry) ?? 0) + Number(count));
  };
  await withPg(databaseUrl, async (pg) => {
    const events = await pg.query<{ case_id: string; kind: string; n: string }>(
      'SELECT case_id, kind, count(*) AS n FROM case_events WHERE case_id = ANY($1) GROUP BY case_id, kind',
      [caseRefs],
    );
    for (const row of events.rows) add(row.case_id, `event:${row.kind}`, row.n);
    const followUps = await pg.query<{ parent_case_id: string; procedure: string; n: string }>(
      'SELECT parent_case_id, procedure, count(*) AS n FROM cases WHERE parent_case_id = ANY($1) GROUP BY parent_case_id, procedure',
      [caseRefs],
    );
    for (const row of followUps.rows) add(row.parent_case_id, `follow-up case:${row.procedure}`, row.n);
    // The workflow numbers its events 1, 2, 3…: a gap is an event lost.
    const gaps = await pg.query<{ case_id: string; n: string }>(
      'SELECT case_id, max(seq) - count(*) AS n FROM case_events WHERE case_id = ANY($1) GROUP BY case_id',
      [caseRefs],
    );
    for (const row of gaps.rows) add(row.case_id, 'event sequence gaps', row.n);
    const steps = await pg.query<{ case_ref: string; rule_key: string; status: string; n: string }>(
      'SELECT case_ref, rule_key, status, count(*) AS n FROM steps WHERE case_ref = ANY($1) GROUP BY case_ref, rule_key, status',
      [caseRefs],
    );
    for (const row of steps.rows) add(row.case_ref, `step:${row.rule_key}:${row.status}`, row.n);
    const stepEvents = await pg.query<{ case_ref: string; rule_key: string; kind: string; n: string }>(
      `SELECT s.case_ref, s.rule_key, e.kind, count(*) AS n FROM step_events e JOIN steps s ON s.id = e.step_id
        WHERE s.case_ref = ANY($1) GROUP BY s.case_ref, s.rule_key, e.kind`,
      [caseRefs],
    );
    for (const row of stepEvents.rows) add(row.case_ref, `ledger:${row.rule_key}:${row.kind}`, row.n);
  });
  return profiles;
}

/**
 * The reminders and escalations by their rule (workflows/deadlines/step-clock.ts): every point of
 * a step's ladder due after the step opened and before it closed fired once, none other did,
 * none was written before its instant, and each has its inbox item and one e-mail delivery when
 * its agency has an address.
 * An open step's points due in the last 30 s may still be on their way and are not counted.
 */
export async function notificationAudit(databaseUrl: string, caseRefs: string[]) {
  return withPg(databaseUrl, async (pg) => {
    const steps = await pg.query<{ id: string; opened_at: Date; completed_at: Date | null; status: string; fire_points: { key: string; at: string }[]; fired: { key: string; deliveries: number; inbox: number; email: boolean; early: boolean }[] }>(
      `SELECT s.id, s.opened_at, s.completed_at, s.status, s.fire_points,
              coalesce((SELECT json_agg(json_build_object(
                  'key', n.key,
                  'deliveries', (SELECT count(*) FROM notification_deliveries d WHERE d.notification_id = n.id AND d.channel = 'EMAIL'),
                  'inbox', (SELECT count(*) FROM inbox_items i WHERE i.notification_id = n.id),
                  'email', a.email IS NOT NULL,
                  'early', n.fired_at < n.scheduled_at))
                FROM notifications n JOIN agencies a ON a.id = n.recipient_agency_id WHERE n.step_id = s.id), '[]') AS fired
         FROM steps s WHERE s.case_ref = ANY($1)`,
      [caseRefs],
    );
    const problems: string[] = [];
    let fired = 0;
    let due = 0;
    const settledBefore = Date.now() - 30_000;
    for (const step of steps.rows) {
      const end = step.completed_at?.getTime() ?? (step.status === 'OPEN' ? settledBefore : step.opened_at.getTime());
      const expected = new Set(step.fire_points.filter((point) => Date.parse(point.at) >= step.opened_at.getTime() && Date.parse(point.at) <= end).map((point) => point.key));
      const allowed = new Set(step.fire_points.filter((point) => Date.parse(point.at) >= step.opened_at.getTime()).map((point) => point.key));
      const got = new Set(step.fired.map((one) => one.key));
      due += expected.size;
      fired += got.size;
      for (const key of expected) if (!got.has(key)) problems.push(`step ${step.id}: ${key} was due and never fired`);
      for (const key of got) if (!allowed.has(key)) problems.push(`step ${step.id}: ${key} fired, but it was due before the step opened or is not in its ladder`);
      for (const one of step.fired) {
        if (one.early) problems.push(`step ${step.id}: ${one.key} was written before its instant`);
        if (one.inbox !== 1) problems.push(`step ${step.id}: ${one.key} has ${one.inbox} inbox items`);
        if (one.deliveries !== (one.email ? 1 : 0)) problems.push(`step ${step.id}: ${one.key} has ${one.deliveries} e-mail deliveries (agency ${one.email ? 'with' : 'without'} an address)`);
      }
    }
    return { due, fired, problems };
  });
}

/** Every entry where a case's record differs from the reference case's. */
export function differences(reference: Profile, profiles: Map<string, Profile>): Difference[] {
  const found: Difference[] = [];
  for (const [caseRef, profile] of profiles) {
    for (const entry of new Set([...reference.keys(), ...profile.keys()])) {
      const expected = reference.get(entry) ?? 0;
      const actual = profile.get(entry) ?? 0;
      if (expected !== actual) found.push({ caseRef, entry, expected, found: actual });
    }
  }
  return found;
}

export async function phasesOf(databaseUrl: string, caseRefs: string[]): Promise<Map<string, string>> {
  return withPg(databaseUrl, async (pg) => {
    const rows = await pg.query<{ id: string; phase: string }>('SELECT id, phase FROM cases WHERE id = ANY($1)', [caseRefs]);
    return new Map(rows.rows.map((row) => [row.id, row.phase]));
  });
}

/**
 * Cases opened by the clients per identity number of the run (a follow-up a case opens itself,
 * post-rehabilitation, is in the profile): a retried opening that opened a second case shows as 2.
 */
export async function casesPerPerson(databaseUrl: string, citizenIdPrefix: string): Promise<Map<string, number>> {
  return withPg(databaseUrl, async (pg) => {
    const rows = await pg.query<{ citizen_id: string; n: string }>(
      `SELECT p.citizen_id, count(c.id) AS n FROM persons p JOIN cases c ON c.person_id = p.id
        WHERE p.citizen_id LIKE $1 AND c.parent_case_id IS NULL GROUP BY p.citizen_id`,
      [`${citizenIdPrefix}%`],
    );
    return new Map(rows.rows.map((row) => [row.citizen_id, Number(row.n)]));
  });
}

/** E-mail deliveries of the run's notifications, once none is left pending (or the wait ends). */
export async function emailDeliveries(databaseUrl: string, caseRefs: string[], waitMs: number) {
  return withPg(databaseUrl, async (pg) => {
    const query = () =>
      pg.query<{ notification_id: string; target: string; status: string }>(
        `SELECT d.notification_id, d.target, d.status FROM notification_deliveries d
           JOIN notifications n ON n.id = d.notification_id JOIN steps s ON s.id = n.step_id
          WHERE s.case_ref = ANY($1) AND d.channel = 'EMAIL'`,
        [caseRefs],
      );
    const deadline = Date.now() + waitMs;
    let rows = (await query()).rows;
    while (rows.some((row) => row.status === 'PENDING') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rows = (await query()).rows;
    }
    return rows;
  });
}

/**
 * Sends again every request that failed at least once before its 2xx (and `alsoSample` others),
 * with its key and body: the answer must be the recorded one.
 */
export async function replayRetried(http: ChaosHttp, actions: ActionRecord[], alsoSample: number) {
  const accepted = actions.filter((action) => action.answer && action.answer.status < 300);
  const retried = accepted.filter((action) => action.attempts.length > 1);
  const others = accepted.filter((action) => action.attempts.length === 1).slice(0, alsoSample);
  const mismatches: string[] = [];
  for (const action of [...retried, ...others]) {
    const again = await http.raw('POST', action.route, action.user, action.body, action.key);
    const first = action.answer!;
    const same = again !== 'lost' && answersAlike(action.type, first, again);
    if (!same) mismatches.push(`${action.caseRef} ${action.type} (key ${action.key}): first ${first.status}, again ${again === 'lost' ? 'lost' : again.status}`);
  }
  return { replayed: retried.length + others.length, retried: retried.length, mismatches };
}

/**
 * The same answer again: an opening answers with the case as it stands now (the same case is the
 * point); a report's retried submission answers 200 with the version the first made (its task
 * may have closed since); an action repeats its first answer exactly.
 */
function answersAlike(type: string, first: { status: number; body: unknown }, again: { status: number; body: unknown }): boolean {
  const field = (answer: { body: unknown }, name: string) => (answer.body as Record<string, unknown>)[name];
  if (type === 'OPEN_CASE') return again.status === first.status && field(again, 'caseRef') === field(first, 'caseRef');
  if (type === 'SUBMIT_REPORT') return again.status === 200 && field(again, 'reportId') === field(first, 'reportId') && field(again, 'version') === field(first, 'version');
  return again.status === first.status && isDeepStrictEqual(again.body, first.body);
}

/**
 * The ad hoc report run under faults: each of its reports has one task (one step, opened once,
 * completed at most once), and each submitted report holds exactly the versions its accepted
 * submissions were answered with, 1…n, none made twice by a retry.
 */
export async function reportRecord(databaseUrl: string, runPrefix: string, submissions: ActionRecord[]) {
  return withPg(databaseUrl, async (pg) => {
    // A report's task is the step its workflow keeps under the report's key: the only one of a
    // workflow of its own, one of up to a hundred in a batch (reportTaskStepKey).
    const taskOf = `s.workflow_id = r.step_workflow_id AND (r.step_workflow_id NOT LIKE $2 OR s.step_key = COALESCE(r.reporter_agency_id, r.jurisdiction_id))`;
    const reports = await pg.query<{ id: string; step_workflow_id: string; steps: string; opened: string; completed: string }>(
      `SELECT r.id, r.step_workflow_id,
              (SELECT count(*) FROM steps s WHERE ${taskOf}) AS steps,
              (SELECT count(*) FROM step_events e JOIN steps s ON s.id = e.step_id WHERE ${taskOf} AND e.kind = 'OPENED') AS opened,
              (SELECT count(*) FROM step_events e JOIN steps s ON s.id = e.step_id WHERE ${taskOf} AND e.kind = 'COMPLETED') AS completed
         FROM reports r WHERE r.run_id LIKE $1`,
      [`${runPrefix}%`, `${REPORT_TASKS_WORKFLOW_PREFIX}%`],
    );
    const problems: string[] = [];
    for (const row of reports.rows) {
      if (Number(row.steps) !== 1 || Number(row.opened) !== 1 || Number(row.completed) > 1)
        problems.push(`report ${row.id}: ${row.steps} task steps, opened ${row.opened} times, completed ${row.completed} times`);
    }
    const versions = await pg.query<{ report_id: string; version: number }>(
      'SELECT report_id, version FROM report_versions WHERE report_id = ANY($1) ORDER BY report_id, version',
      [[...new Set(submissions.map((one) => one.caseRef))]],
    );
    let accepted = 0;
    for (const reportId of new Set(submissions.map((one) => one.caseRef))) {
      const answered = submissions
        .filter((one) => one.caseRef === reportId && one.answer && one.answer.status < 300)
        .map((one) => (one.answer!.body as { version: number }).version)
        .sort((a, b) => a - b);
      accepted += answered.length;
      const stored = versions.rows.filter((row) => row.report_id === reportId).map((row) => row.version);
      const expected = answered.map((_, index) => index + 1);
      if (!isDeepStrictEqual(stored, expected) || !isDeepStrictEqual(answered, expected))
        problems.push(`report ${reportId}: versions on record [${stored.join(', ')}], answered [${answered.join(', ')}]`);
    }
    return { reports: reports.rows.length, taskWorkflowIds: reports.rows.map((row) => row.step_workflow_id), versions: versions.rows.length, accepted, problems };
  });
}

async function withPg<T>(databaseUrl: string, run: (pg: Client) => Promise<T>): Promise<T> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    return await run(pg);
  } finally {
    await pg.end().catch(() => undefined);
  }
}

/** The workers (by identity: pid@host) that ran the workflows' tasks and activities, with how many each. */
export async function taskIdentities(address: string, workflowIds: string[]): Promise<Map<string, number>> {
  const { EventType } = proto.api.enums.v1;
  const connection = await Connection.connect({ address });
  const counted = new Map<string, number>();
  try {
    const client = new TemporalClient({ connection });
    for (const workflowId of workflowIds) {
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of history.events ?? []) {
        const identity =
          event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
            ? event.workflowTaskCompletedEventAttributes?.identity
            : event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED
              ? event.activityTaskStartedEventAttributes?.identity
              : undefined;
        if (identity) counted.set(identity, (counted.get(identity) ?? 0) + 1);
      }
    }
  } finally {
    await connection.close();
  }
  return counted;
}
