import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import type { LatencyLog } from './stats';

/**
 * Compulsory-rehabilitation cases driven through the HTTP API by the demo officials who own their
 * steps: what the throughput and memory benchmarks put on the system.
 */

/** The parts of the API's answers the benchmark reads. */
interface Answer {
  caseRef?: string;
  phase?: string;
  total?: number;
}

export class Http {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly base: string) {}

  async login(user: string): Promise<void> {
    const response = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`login ${user}: ${response.status}`);
    this.tokens.set(user, ((await response.json()) as { token: string }).token);
  }

  async call(method: string, route: string, user: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    const response = await fetch(`${this.base}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.tokens.get(user)}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Answer };
  }
}

/** One case from the grounds to the completion of treatment, as the owners of its steps do it. */
export async function driveCase(http: Http, log: LatencyLog, index: number): Promise<void> {
  const citizenId = `9${String(index).padStart(11, '0')}`;
  const opened = await log.time('open case', () =>
    http.call('POST', '/cases', 'police.apl', {
      procedure: 'COMPULSORY_REHAB_ADULT',
      jurisdictionId: 'SX-APL',
      person: {
        fullName: 'Nguyễn Văn Đo',
        birthDate: '1990-01-01',
        citizenId,
        residenceStatus: 'STABLE',
        residenceAddress: 'Ấp 1',
        residenceJurisdictionId: 'SX-APL',
      },
      legalGround: 1,
      groundsFoundOn: '2025-07-07',
    }),
  );
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.json)}`);
  const caseRef = String(opened.json.caseRef);
  const act = async (user: string, action: Record<string, unknown>) => {
    const answer = await log.time(String(action.type), () => http.call('POST', `/cases/${caseRef}/actions`, user, action));
    if (answer.status !== 200) throw new Error(`${String(action.type)}: ${answer.status} ${JSON.stringify(answer.json)}`);
  };
  const waitForPhase = async (phase: string) => {
    for (;;) {
      const page = await log.time('read case page', () => http.call('GET', `/cases/${caseRef}`, 'coordinator.pc04'));
      if (page.json.phase === phase) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await act('police.apl', {
    type: 'FILE_DOSSIER',
    on: '2025-07-08',
    addictionResultRef: 'KQ-1/2025',
    interimArrangement: { kind: 'FAMILY' },
  });
  await act('police.apl', { type: 'NOTIFY_PERSON', on: '2025-07-09' });
  await act('coordinator.pc04', { type: 'TRANSFER_TO_COURT', on: '2025-07-10' });
  await act('judge.kv1', { type: 'ACCEPT_DOSSIER', on: '2025-07-11' });
  await act('judge.kv1', { type: 'RECORD_DECISION', on: '2025-07-14', outcome: 'APPLY', months: 12, decisionRef: '1/QĐ' });
  // The complaint window closed long ago: the decision takes effect on its own timer.
  await waitForPhase('AWAITING_ADMISSION');
  await act('facility.officer', { type: 'ADMIT', on: '2025-07-25' });
  // The twelve months are over too: the term ends on its own timer and completion opens.
  await waitForPhase('COMPLETING');
  await act('facility.director', { type: 'COMPLETE_TREATMENT', on: '2026-07-27', certificateRef: 'GCN-1/2026' });
}

