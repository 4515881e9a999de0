import { randomUUID } from 'node:crypto';
import type { ActionRecord, ChaosHttp } from './case-clients';

/**
 * Commune chairmen submitting an ad hoc report while processes die: the coordinator asks for the
 * report before the first kill, then each chairman submits version after version of their
 * commune's report (the first closes its task), each with an Idempotency-Key retried as the case
 * clients do. The audit holds the submissions against the report's versions.
 */

/** Chairmen of the demo communes that have one (their People's Committee owns the commune's report). */
export const REPORTING_CHAIRMEN = ['chairman.apl', 'chairman.bm'] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The coordinator asks for an ad hoc report on the first quarter of 2025 from the province's first cycle; answers its run's id prefix. */
export async function askForAdHocReport(http: ChaosHttp): Promise<string> {
  const cycles = await http.read('/reporting/cycles', 'coordinator.pc04');
  const cycleId = (cycles.body as { items?: { id: string }[] }).items?.[0]?.id;
  if (!cycleId) throw new Error(`no reporting cycle for coordinator.pc04: ${JSON.stringify(cycles.body).slice(0, 300)}`);
  const request: ActionRecord = {
    caseRef: '',
    type: 'AD_HOC_REPORT',
    user: 'coordinator.pc04',
    route: `/reporting/cycles/${cycleId}/runs`,
    key: `chaos-${randomUUID()}`,
    body: { adHoc: { from: '2025-01-01', to: '2025-03-31' } },
    attempts: [],
  };
  await http.untilAnswered(request);
  if (request.answer?.status !== 202) throw new Error(`ad hoc report refused: ${JSON.stringify(request.answer)}`);
  return `${cycleId}:ADHOC-`;
}

/** The chairman's report of the ad hoc run, once its task is open. */
async function reportOf(http: ChaosHttp, user: string, runPrefix: string): Promise<string> {
  for (let tries = 0; tries < 600; tries += 1) {
    const list = await http.read('/reports?pageSize=50', user);
    const found = (list.body as { items?: { reportId: string; runId: string }[] }).items?.find((item) => item.runId.startsWith(runPrefix));
    if (found) return found.reportId;
    await sleep(500);
  }
  throw new Error(`${user}: the ad hoc report never appeared`);
}

/** Submits versions of the chairman's report, one every 1–2 s, while `keepGoing` says so. */
export async function submitWhile(http: ChaosHttp, user: string, runPrefix: string, keepGoing: () => boolean): Promise<ActionRecord[]> {
  const reportId = await reportOf(http, user, runPrefix);
  const submissions: ActionRecord[] = [];
  do {
    const record: ActionRecord = {
      caseRef: reportId,
      type: 'SUBMIT_REPORT',
      user,
      route: `/reports/${encodeURIComponent(reportId)}/versions`,
      key: `chaos-${randomUUID()}`,
      body: { note: `Bản ${submissions.length + 1} (chaos)` },
      attempts: [],
    };
    submissions.push(record);
    await http.untilAnswered(record);
    // 409 while the task has not opened yet: the same submission again, later.
    if (record.answer?.status === 409 && submissions.length === 1) {
      submissions.pop();
      await sleep(1_000);
      continue;
    }
    await sleep(1_000 + Math.floor(Math.random() * 1_000));
  } while (keepGoing());
  return submissions;
}
