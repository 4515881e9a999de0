import { periodContaining, type PeriodKind } from '../../domain/reporting/report-periods';
import { vietnamDate } from '../../domain/time/legal-date';
import { DEMO_PASSWORD } from './demo-province';

/**
 * A few living cases for `npm start`, so that my tasks, the live board, the case pages and the
 * performance screen are not empty when an official first opens them. Everything goes through
 * the HTTP API as the demo users would do it (the procedure lives in Temporal workflows and the
 * record is written by their activities), never into the tables directly. Legal dates are counted
 * back from today on the API's own working-day calendar, so that every run looks the same:
 *
 * 1. procedure D in An Phú Lạc, grounds found today: the dossier step is new (on time);
 * 2. procedure D in An Phú Lạc, grounds found 7 working days ago: the dossier is 2 working days late;
 * 3. procedure D in An Phú Lạc at the court: filed, notified, transferred by PC04, accepted by the
 *    regional court two weeks ago, so the judge's decision is due today or tomorrow; its four
 *    earlier steps are recorded now, after their due dates (late on the performance screen);
 * 4. procedure A in Bình Minh: the chairman decided management on time; the monthly check is open;
 * 5. procedure C in An Phú Lạc (at the community): the chairman's decision is due today;
 * 6. procedure D in Bình Minh: dossier filed on time, the notice to the person is late.
 *
 * Each request carries a fixed Idempotency-Key, and a demo person who already has a case is left
 * alone: a second start on the same data creates nothing twice. It also starts the current
 * period's run of the demo reporting cycle when there is none, so the communes have a report task.
 * Rungs of the ladder dated before a step is entered never fire (step-clock.ts), so the late
 * steps escalate on the working days after the start, not at once.
 */

/** The demo's people: invented names and identity numbers (province code 086, sex and century, year of birth). */
const PEOPLE = {
  newDossier: {
    fullName: 'Trương Minh Khoa',
    birthDate: '1996-08-21',
    citizenId: '086096004417',
    address: 'Ấp Phú Hòa',
  },
  lateDossier: {
    fullName: 'Đặng Văn Tài',
    birthDate: '1991-02-03',
    citizenId: '086091007352',
    address: 'Ấp Lạc Thiện',
  },
  atCourt: {
    fullName: 'Phan Thanh Tùng',
    birthDate: '1993-11-30',
    citizenId: '086093002968',
    address: 'Ấp An Hòa',
  },
  management: {
    fullName: 'Lý Quốc Bảo',
    birthDate: '1999-05-14',
    citizenId: '086099005186',
    address: 'Ấp Bình Thạnh',
  },
  voluntary: {
    fullName: 'Huỳnh Văn Lộc',
    birthDate: '1988-07-09',
    citizenId: '086088003745',
    address: 'Ấp Phú Lợi',
  },
  lateNotice: {
    fullName: 'Võ Thị Thu Hà',
    birthDate: '1994-01-25',
    citizenId: '086194006031',
    address: 'Ấp Bình Hòa',
  },
} as const;

/** The identity numbers of the demo's people: one case each, found again by `GET /cases?citizenId=`. */
export const DEMO_CASE_CITIZEN_IDS: readonly string[] = Object.values(PEOPLE).map(
  (person) => person.citizenId,
);

export const DEMO_REPORT_CYCLE = 'SX-QUARTERLY';

/** Who looks for the demo's cases and starts the report run: the province's coordinator reads every procedure here. */
const COORDINATOR = 'coordinator.pc04';
const REQUEST_TIMEOUT_MS = 120_000;

type Json = Record<string, unknown>;

interface DemoAct {
  user: string;
  action: Json;
}

interface DemoCase {
  /** The Idempotency-Keys' stem, e.g. "demo-case-3". */
  key: string;
  what: string;
  citizenId: string;
  opener: string;
  body: Json;
  acts: DemoAct[];
  /** The phase the case must be in afterwards. */
  phase: string;
}

/** What the API answers with when something is refused (RFC 9457), as far as it is read here. */
interface ProblemAnswer {
  code?: string;
  detailEn?: string;
  errors?: { field: string; messageEn: string }[];
}

class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { user?: string; body?: unknown; key?: string } = {},
  ): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.user) headers.authorization = `Bearer ${await this.token(options.user)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.key) headers['idempotency-key'] = options.key;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: Json = {};
    try {
      body = text ? (JSON.parse(text) as Json) : {};
    } catch {
      body = { detailEn: text.slice(0, 200) };
    }
    return { status: response.status, body };
  }

  /** The answer's body when its status is one of `expected`; otherwise an error saying what was refused and why. */
  async expect(
    what: string,
    expected: number[],
    method: 'GET' | 'POST',
    path: string,
    options: { user?: string; body?: unknown; key?: string } = {},
  ): Promise<Json> {
    const { status, body } = await this.request(method, path, options);
    if (!expected.includes(status)) throw new Error(`${what}: ${status} ${describeProblem(body)}`);
    return body;
  }

  private async token(user: string): Promise<string> {
    const known = this.tokens.get(user);
    if (known) return known;
    const body = await this.expect(`log in as ${user}`, [200], 'POST', '/auth/login', {
      body: { username: user, password: DEMO_PASSWORD },
    });
    const token = String(body.token);
    this.tokens.set(user, token);
    return token;
  }
}

function describeProblem(body: Json): string {
  const problem = body as ProblemAnswer;
  const fields = (problem.errors ?? []).map((error) => `${error.field}: ${error.messageEn}`).join('; ');
  return (
    [problem.code, problem.detailEn, fields].filter(Boolean).join(' ') || JSON.stringify(body).slice(0, 300)
  );
}

/** Weekends and the API's non-working days (holidays, substitute days, announced swaps). */
class DemoCalendar {
  private constructor(private readonly nonWorking: Set<string>) {}

  static async load(api: DemoApi, today: string): Promise<DemoCalendar> {
    const year = Number(today.slice(0, 4));
    const days = new Set<string>();
    for (const y of [year - 1, year, year + 1]) {
      const body = await api.expect(`the ${y} calendar`, [200], 'GET', `/calendar/holidays?year=${y}`);
      for (const item of (body.items ?? []) as { date: string }[]) days.add(item.date);
    }
    return new DemoCalendar(days);
  }

  isWorking(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.nonWorking.has(date);
  }

  /** The `n`th working day before `date` (n ≥ 1; `date` itself is not counted). */
  before(date: string, n: number): string {
    let day = date;
    for (let remaining = n; remaining > 0;) {
      day = addDays(day, -1);
      if (this.isWorking(day)) remaining -= 1;
    }
    return day;
  }

  /** `date` when it is a working day, else the next one. */
  onOrAfter(date: string): string {
    let day = date;
    while (!this.isWorking(day)) day = addDays(day, 1);
    return day;
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const person = (who: (typeof PEOPLE)[keyof typeof PEOPLE], communeId: string, communeName: string) => ({
  fullName: who.fullName,
  birthDate: who.birthDate,
  citizenId: who.citizenId,
  residenceStatus: 'STABLE',
  residenceAddress: `${who.address}, ${communeName}, tỉnh Sông Xanh`,
  residenceJurisdictionId: communeId,
});

const APL = ['SX-APL', 'xã An Phú Lạc'] as const;
const BM = ['SX-BM', 'xã Bình Minh'] as const;

/** The cases, their legal dates counted back from today on the working-day calendar. */
function planDemoCases(today: string, calendar: DemoCalendar): DemoCase[] {
  // The first working day from today: a step due then is "due soon" on every screen.
  const due = calendar.onOrAfter(today);
  const back = (n: number) => calendar.before(due, n);
  const year = today.slice(0, 4);

  // Case 3: the court accepted the dossier about two weeks ago, so that its decision (15 calendar
  // days, rolled to a working day) is due today or tomorrow; the earlier acts step back from there.
  // The transfer to the court took 7 working days of its 5 (CRA.D5): the performance screen has a late act.
  const accepted = acceptedForDecisionDueSoon(today, due, calendar);
  const transferred = calendar.before(accepted, 2);
  const notified = calendar.before(transferred, 7);
  const filed = calendar.before(notified, 1);
  const foundAtCourt = calendar.before(filed, 4);

  return [
    {
      key: 'demo-case-1',
      what: 'D, dossier to compile (on time)',
      citizenId: PEOPLE.newDossier.citizenId,
      opener: 'police.apl',
      body: {
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: APL[0],
        person: person(PEOPLE.newDossier, ...APL),
        legalGround: 1,
        groundsFoundOn: today,
      },
      acts: [],
      phase: 'DOSSIER',
    },
    {
      key: 'demo-case-2',
      what: 'D, dossier late',
      citizenId: PEOPLE.lateDossier.citizenId,
      opener: 'police.apl',
      body: {
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: APL[0],
        person: person(PEOPLE.lateDossier, ...APL),
        legalGround: 2,
        groundsFoundOn: back(7),
      },
      acts: [],
      phase: 'DOSSIER',
    },
    {
      key: 'demo-case-3',
      what: 'D, at the court (decision due soon)',
      citizenId: PEOPLE.atCourt.citizenId,
      opener: 'police.apl',
      body: {
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: APL[0],
        person: person(PEOPLE.atCourt, ...APL),
        legalGround: 1,
        groundsFoundOn: foundAtCourt,
        // The commune police's part, entered from the paper file with the case.
        pastActs: [
          {
            action: {
              type: 'FILE_DOSSIER',
              on: filed,
              addictionResultRef: `KQ-${filed.slice(5, 7)}17/${filed.slice(0, 4)}/BVTT`,
              interimArrangement: { kind: 'FACILITY', heldFrom: filed },
            },
          },
          { action: { type: 'NOTIFY_PERSON', on: notified } },
        ],
      },
      acts: [
        { user: 'coordinator.pc04', action: { type: 'TRANSFER_TO_COURT', on: transferred } },
        { user: 'judge.kv1', action: { type: 'ACCEPT_DOSSIER', on: accepted } },
      ],
      phase: 'AT_COURT',
    },
    {
      key: 'demo-case-4',
      what: 'A, under management',
      citizenId: PEOPLE.management.citizenId,
      opener: 'police.bm',
      body: {
        procedure: 'DRUG_USER_MANAGEMENT',
        jurisdictionId: BM[0],
        person: person(PEOPLE.management, ...BM),
        testedOn: back(3),
        testResultRef: `XN-${year}-0412`,
        violationRecordRef: `BB-${year}-0087/CAX`,
      },
      acts: [
        {
          user: 'chairman.bm',
          action: { type: 'DECIDE_MANAGEMENT', on: back(1), decisionRef: `215/QĐ-UBND-${year}` },
        },
      ],
      phase: 'UNDER_MANAGEMENT',
    },
    {
      key: 'demo-case-5',
      what: 'C, decision due soon',
      citizenId: PEOPLE.voluntary.citizenId,
      opener: 'official.apl',
      body: {
        procedure: 'VOLUNTARY_REHAB',
        jurisdictionId: APL[0],
        person: person(PEOPLE.voluntary, ...APL),
        setting: 'COMMUNITY',
        registeredOn: back(3),
      },
      acts: [],
      phase: 'AWAITING_DECISION',
    },
    {
      key: 'demo-case-6',
      what: 'D, notice late',
      citizenId: PEOPLE.lateNotice.citizenId,
      opener: 'police.bm',
      body: {
        procedure: 'COMPULSORY_REHAB_ADULT',
        jurisdictionId: BM[0],
        person: person(PEOPLE.lateNotice, ...BM),
        legalGround: 1,
        groundsFoundOn: back(4),
        pastActs: [
          {
            action: {
              type: 'FILE_DOSSIER',
              on: back(3),
              addictionResultRef: `KQ-${back(3).slice(5, 7)}31/${year}/BVTT`,
              interimArrangement: { kind: 'FAMILY' },
            },
          },
        ],
      },
      acts: [],
      phase: 'NOTIFYING',
    },
  ];
}

/**
 * The most recent working day on which the court can have accepted a dossier for its decision
 * (CRA.D8: 15 calendar days, rolled forward to a working day) to fall due between today and the
 * next working day.
 */
function acceptedForDecisionDueSoon(today: string, due: string, calendar: DemoCalendar): string {
  const latestDue = due > addDays(today, 1) ? due : addDays(today, 1);
  for (const daysAgo of [15, 14, 16, 13, 17, 12, 18]) {
    const accepted = addDays(today, -daysAgo);
    if (!calendar.isWorking(accepted)) continue;
    const decisionDue = calendar.onOrAfter(addDays(accepted, 15));
    if (decisionDue >= today && decisionDue <= latestDue) return accepted;
  }
  return calendar.before(addDays(today, -14), 1);
}

/** Opens one case and takes its acts, each with its fixed Idempotency-Key; answers the case reference. */
async function driveCase(api: DemoApi, demo: DemoCase): Promise<string> {
  const opened = await api.expect(`${demo.key}: open as ${demo.opener}`, [200, 201], 'POST', '/cases', {
    user: demo.opener,
    body: demo.body,
    key: `${demo.key}-open`,
  });
  const caseRef = String(opened.caseRef);
  const refused = (opened.pastActs as { refused?: { type: string; reason: string } } | undefined)?.refused;
  if (refused)
    throw new Error(`${demo.key} (${caseRef}): the past act ${refused.type} was refused: ${refused.reason}`);
  let phase = String(opened.phase);
  for (const { user, action } of demo.acts) {
    const type = String(action.type);
    const answer = await api.expect(
      `${demo.key} (${caseRef}): ${type} as ${user}`,
      [200],
      'POST',
      `/cases/${caseRef}/actions`,
      {
        user,
        body: action,
        key: `${demo.key}-${type.toLowerCase().replace(/_/g, '-')}`,
      },
    );
    phase = String(answer.phase);
  }
  if (phase !== demo.phase)
    throw new Error(`${demo.key} (${caseRef}) ended in phase ${phase}, not ${demo.phase}`);
  return caseRef;
}

/** The identity numbers of the demo people who already have a case (looked for as the province's coordinator). */
async function demoPeopleWithCases(api: DemoApi): Promise<Set<string>> {
  const found = new Set<string>();
  for (const citizenId of DEMO_CASE_CITIZEN_IDS) {
    const body = await api.expect('look for the demo cases', [200], 'GET', `/cases?citizenId=${citizenId}`, {
      user: COORDINATOR,
    });
    if (((body.items ?? []) as unknown[]).length > 0) found.add(citizenId);
  }
  return found;
}

/**
 * Starts the reporting cycle's run for the current period unless it has one; waits (a little) for
 * it to be on record. The cycle is read from the list (`GET /reporting/cycles`): the single
 * cycle's page also describes its Temporal Schedule, which the worker may not have created yet.
 */
async function ensureCurrentReportRun(
  api: DemoApi,
  today: string,
  log: (line: string) => void,
): Promise<void> {
  interface CycleRow {
    id: string;
    periodKind: PeriodKind;
    runs: { periodKey: string; expected: number }[];
  }
  const read = async () => {
    const body = await api.expect('read the reporting cycles', [200], 'GET', '/reporting/cycles', {
      user: COORDINATOR,
    });
    return ((body.items ?? []) as CycleRow[]).find((cycle) => cycle.id === DEMO_REPORT_CYCLE);
  };
  const cycle = await read();
  if (!cycle) {
    log(`demo report run: there is no cycle ${DEMO_REPORT_CYCLE}; none started`);
    return;
  }
  const periodKey = periodContaining(cycle.periodKind, today).key;
  const runId = `${DEMO_REPORT_CYCLE}:${periodKey}`;
  const runOf = (row: CycleRow | undefined) => row?.runs.find((run) => run.periodKey === periodKey);
  if (runOf(cycle)) {
    log(`demo report run: ${runId} is already running`);
    return;
  }
  const started = await api.request('POST', `/reporting/cycles/${DEMO_REPORT_CYCLE}/runs`, {
    user: COORDINATOR,
    body: {},
  });
  if (started.status === 409) {
    log(`demo report run: ${runId} was already started (409)`);
    return;
  }
  if (started.status !== 202)
    throw new Error(`start the report run ${runId}: ${started.status} ${describeProblem(started.body)}`);
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const run = runOf(await read());
    if (run && run.expected > 0) {
      log(`demo report run: ${runId} started (${run.expected} report tasks)`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`demo report run: ${runId} started; its report tasks open shortly`);
}

/**
 * Drives the demo's cases through the API at `apiUrl` (healthy, with its worker) and starts the
 * current report run. Logs one line for the cases and one for the report run; throws when
 * something was refused, saying what (the cases and the run that could be made are kept).
 */
export async function seedDemoCases(apiUrl: string, log: (line: string) => void): Promise<void> {
  const api = new DemoApi(apiUrl.replace(/\/$/, ''));
  const today = vietnamDate();
  const failures: string[] = [];

  try {
    // A person who has a case is left alone: only a run that stopped half-way opens the rest.
    const existing = await demoPeopleWithCases(api);
    const total = DEMO_CASE_CITIZEN_IDS.length;
    if (existing.size === total) {
      log(`demo cases: already there (${total} of ${total}); none opened`);
    } else {
      const plan = planDemoCases(today, await DemoCalendar.load(api, today)).filter(
        (demo) => !existing.has(demo.citizenId),
      );
      const opened: string[] = [];
      for (const demo of plan) {
        try {
          opened.push(`${await driveCase(api, demo)} ${demo.what}`);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      const already = existing.size > 0 ? `, ${existing.size} already there` : '';
      log(
        `demo cases: ${opened.length} of ${plan.length} opened through the API${already}${opened.length ? ` (${opened.join('; ')})` : ''}`,
      );
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }

  try {
    await ensureCurrentReportRun(api, today, log);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }

  if (failures.length > 0) throw new Error(failures.join(' | '));
}
