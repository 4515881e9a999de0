import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../db/seed/demo-province';
import { SLOW_COURT } from '../test/support/slow-court';

/**
 * Officials driving compulsory-rehabilitation cases through the API while processes die under
 * them. Each request carries an Idempotency-Key; a 5xx or a lost connection is retried with the
 * same key and body until the API answers 2xx, as a careful client (the web application) does.
 * Every attempt is kept, so the audit can hold each answer against the database.
 */

/** One try: the HTTP status, or 'lost' when the connection dropped or no answer came. */
export type Attempt = number | 'lost';

export interface ActionRecord {
  caseRef: string;
  type: string;
  user: string;
  route: string;
  key: string;
  body: Record<string, unknown>;
  attempts: Attempt[];
  /** The 2xx (or 4xx) that ended the retries; absent if the client gave up. */
  answer?: { status: number; body: unknown };
}

/**
 * PAST: legal dates in 2025, from the grounds to the completion of treatment (the complaint
 * window and the term end on their own timers at once). LIVE: today's dates, to the court's
 * decision, which the judge records only once the step's ladder (seconds long in the run's
 * province) has fired its last rung, so reminders, escalations and e-mails happen under faults.
 */
export type Flavour = 'PAST' | 'LIVE';

export interface DrivenCase {
  flavour: Flavour;
  caseRef?: string;
  citizenId: string;
  actions: ActionRecord[];
  finished: boolean;
}

const USERS = ['police.apl', 'coordinator.pc04', 'judge.kv1', 'facility.officer', 'facility.director'] as const;
const GIVE_UP_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The API as clients see it: one process, or several behind a load balancer (round robin here). */
export class ChaosHttp {
  private readonly tokens = new Map<string, string>();
  private next = 0;
  /** Requests sent to each API process, by its base URL. */
  readonly sent = new Map<string, number>();
  constructor(private readonly bases: readonly string[]) {}

  private base(): string {
    const base = this.bases[this.next++ % this.bases.length]!;
    this.sent.set(base, (this.sent.get(base) ?? 0) + 1);
    return base;
  }

  async loginAll(): Promise<void> {
    for (const user of USERS) await this.login(user);
  }

  private async login(user: string): Promise<void> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const answer = await this.raw('POST', '/auth/login', undefined, { username: user, password: DEMO_PASSWORD });
      if (answer !== 'lost' && answer.status === 200) {
        this.tokens.set(user, (answer.body as { token: string }).token);
        return;
      }
      if (answer !== 'lost' && answer.status < 500) throw new Error(`login ${user}: ${answer.status} ${JSON.stringify(answer.body)}`);
      if (Date.now() > deadline) throw new Error(`login ${user}: no answer in ${GIVE_UP_MS} ms`);
      await sleep(1_000);
    }
  }

  async raw(method: string, route: string, user: string | undefined, body?: unknown, key?: string): Promise<{ status: number; body: unknown } | 'lost'> {
    if (user && !this.tokens.has(user)) await this.login(user);
    try {
      const response = await fetch(`${this.base()}${route}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(user ? { authorization: `Bearer ${this.tokens.get(user)}` } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(90_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // a proxy's or a dying server's page: kept as text
      }
      return { status: response.status, body: parsed };
    } catch {
      return 'lost';
    }
  }

  /** Sends the record's request until it is answered 2xx or 4xx, the same key and body each time. */
  async untilAnswered(record: ActionRecord): Promise<void> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const answer = await this.raw('POST', record.route, record.user, record.body, record.key);
      record.attempts.push(answer === 'lost' ? 'lost' : answer.status);
      if (answer !== 'lost' && answer.status === 401) {
        await this.login(record.user); // a token is only refused if the account changed; log in again
        continue;
      }
      if (answer !== 'lost' && answer.status < 500) {
        record.answer = answer;
        return;
      }
      if (Date.now() > deadline) return;
      await sleep(500 + Math.floor(Math.random() * 1_000));
    }
  }

  /** Reads until an answer comes: reads are safe to repeat. */
  async read(route: string, user: string): Promise<{ status: number; body: unknown }> {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const answer = await this.raw('GET', route, user);
      if (answer !== 'lost' && answer.status === 401) {
        await this.login(user);
        continue;
      }
      if (answer !== 'lost' && answer.status < 500) return answer;
      if (Date.now() > deadline) throw new Error(`GET ${route}: no answer in ${GIVE_UP_MS} ms`);
      await sleep(500);
    }
  }
}

/** The citizen identity number of the n-th driven case: the run's own range, so the audit finds them. */
export const citizenIdOf = (runTag: string, index: number) => `8${runTag}${String(index).padStart(6, '0')}`;

/**
 * The court's decision step in the run's province: the tests' slow court (due 8 s after
 * acceptance, two reminders) with its first two rungs, the last to the coordinator, whose inbox
 * the judge watches before deciding.
 */
export const LIVE_COURT_RULE = { ...SLOW_COURT, escalations: SLOW_COURT.escalations.slice(0, 2) };

/** Today in Viet Nam (UTC+7), as the API's dates are. */
const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** One case, every step by its owner, as its flavour says. */
export async function driveCase(http: ChaosHttp, runTag: string, index: number, flavour: Flavour): Promise<DrivenCase> {
  const driven: DrivenCase = { flavour, citizenId: citizenIdOf(runTag, index), actions: [], finished: false };
  const today = todayInVietnam();
  const on = (date: string) => (flavour === 'PAST' ? date : today);
  const send = async (user: string, route: string, body: Record<string, unknown>, type: string) => {
    const record: ActionRecord = { caseRef: driven.caseRef ?? '', type, user, route, key: `chaos-${randomUUID()}`, body, attempts: [] };
    driven.actions.push(record);
    await http.untilAnswered(record);
    if (!record.answer || record.answer.status >= 300) return false;
    return true;
  };
  const opened = await send(
    'police.apl',
    '/cases',
    {
      procedure: 'COMPULSORY_REHAB_ADULT',
      jurisdictionId: 'SX-APL',
      person: {
        fullName: 'Người Thử Lỗi',
        birthDate: '1990-01-01',
        citizenId: driven.citizenId,
        residenceStatus: 'STABLE',
        residenceAddress: 'Ấp 1',
        residenceJurisdictionId: 'SX-APL',
      },
      legalGround: 1,
      groundsFoundOn: on('2025-07-07'),
    },
    'OPEN_CASE',
  );
  if (!opened) return driven;
  driven.caseRef = String((driven.actions[0]!.answer!.body as { caseRef: string }).caseRef);
  driven.actions[0]!.caseRef = driven.caseRef;
  const act = (user: string, action: Record<string, unknown>) =>
    send(user, `/cases/${driven.caseRef}/actions`, action, String(action.type));
  const waitForPhase = async (phase: string) => {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const page = await http.read(`/cases/${driven.caseRef}`, 'coordinator.pc04');
      if ((page.body as { phase?: string }).phase === phase) return true;
      if (Date.now() > deadline) return false;
      await sleep(300);
    }
  };
  /** The judge waits for the last rung of the decision step's ladder: the coordinator's inbox has it. */
  const waitForLastRung = async () => {
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const inbox = await http.read('/inbox?pageSize=200', 'coordinator.pc04');
      const items = (inbox.body as { items?: { stepId: string; kind: string; rung: number }[] }).items ?? [];
      if (items.some((item) => item.stepId === `case:${driven.caseRef}/D8` && item.kind === 'ESCALATION' && item.rung === 2)) return true;
      if (Date.now() > deadline) return false;
      await sleep(500);
    }
  };
  const toTheDecision: Array<() => Promise<boolean>> = [
    () => act('police.apl', { type: 'FILE_DOSSIER', on: on('2025-07-08'), addictionResultRef: 'KQ-1/2025', interimArrangement: { kind: 'FAMILY' } }),
    () => act('police.apl', { type: 'NOTIFY_PERSON', on: on('2025-07-09') }),
    () => act('coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: on('2025-07-10') }),
    () => act('judge.kv1', { type: 'ACCEPT_DOSSIER', on: on('2025-07-11') }),
    ...(flavour === 'LIVE' ? [waitForLastRung] : []),
    () => act('judge.kv1', { type: 'RECORD_DECISION', on: on('2025-07-14'), outcome: 'APPLY', months: 12, decisionRef: '1/QĐ' }),
  ];
  const toTheEnd: Array<() => Promise<boolean>> = [
    () => waitForPhase('AWAITING_ADMISSION'),
    () => act('facility.officer', { type: 'ADMIT', on: '2025-07-25' }),
    () => waitForPhase('COMPLETING'),
    () => act('facility.director', { type: 'COMPLETE_TREATMENT', on: '2026-07-27', certificateRef: 'GCN-1/2026' }),
  ];
  const steps = flavour === 'PAST' ? [...toTheDecision, ...toTheEnd] : toTheDecision;
  for (const step of steps) if (!(await step())) return driven;
  driven.finished = true;
  return driven;
}

/** CLIENTS officials each driving one case after another until `keepGoing` says stop; the last ones are finished. */
export async function driveUntil(http: ChaosHttp, runTag: string, clients: number, keepGoing: (started: number) => boolean, firstIndex: number) {
  const cases: DrivenCase[] = [];
  let next = firstIndex;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (keepGoing(next - firstIndex)) {
        const index = next++;
        cases.push(await driveCase(http, runTag, index, index % 2 ? 'PAST' : 'LIVE'));
      }
    }),
  );
  return cases;
}
