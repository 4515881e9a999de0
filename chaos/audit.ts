import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import type { ChaosHttp, DrivenCase } from './case-clients';

/**
 * What a fault-injection run must show afterwards: each case in the phase its accepted actions
 * imply, its record the same as a case driven without faults (nothing missing, nothing doubled),
 * every notification delivered once, and every retried request answered with its recorded result.
 */

/** A case's record as counts: "event:DOSSIER_FILED" → 1, "step:CRA.D2" → 1, "stepEvent:CRA.D2:OPENED" → 1, … */
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
    const notifications = await pg.query<{ case_ref: string; rule_key: string; kind: string; rung: number; n: string; deliveries: string; inbox: string }>(
      `SELECT s.case_ref, s.rule_key, n.kind, n.rung, count(DISTINCT n.id) AS n,
              count(DISTINCT d.id) AS deliveries, count(DISTINCT i.id) AS inbox
         FROM notifications n JOIN steps s ON s.id = n.step_id
         LEFT JOIN notification_deliveries d ON d.notification_id = n.id
         LEFT JOIN inbox_items i ON i.notification_id = n.id
        WHERE s.case_ref = ANY($1) GROUP BY s.case_ref, s.rule_key, n.kind, n.rung`,
      [caseRefs],
    );
    for (const row of notifications.rows) {
      add(row.case_ref, `notification:${row.rule_key}:${row.kind}:${row.rung}`, row.n);
      add(row.case_ref, `delivery:${row.rule_key}:${row.kind}:${row.rung}`, row.deliveries);
      add(row.case_ref, `inbox:${row.rule_key}:${row.kind}:${row.rung}`, row.inbox);
    }
  });
  return profiles;
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
export async function replayRetried(http: ChaosHttp, cases: DrivenCase[], alsoSample: number) {
  const accepted = cases.flatMap((driven) => driven.actions).filter((action) => action.answer && action.answer.status < 300);
  const retried = accepted.filter((action) => action.attempts.length > 1);
  const others = accepted.filter((action) => action.attempts.length === 1).slice(0, alsoSample);
  const mismatches: string[] = [];
  for (const action of [...retried, ...others]) {
    const again = await http.raw('POST', action.route, action.user, action.body, action.key);
    const first = action.answer!;
    const same =
      again !== 'lost' &&
      again.status === first.status &&
      (action.type === 'OPEN_CASE'
        ? // An opening answers with the case as it stands now; the same case is the point.
          (again.body as { caseRef?: string }).caseRef === (first.body as { caseRef?: string }).caseRef
        : isDeepStrictEqual(again.body, first.body));
    if (!same) mismatches.push(`${action.caseRef} ${action.type} (key ${action.key}): first ${first.status}, again ${again === 'lost' ? 'lost' : again.status}`);
  }
  return { replayed: retried.length + others.length, retried: retried.length, mismatches };
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
