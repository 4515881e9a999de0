import type { ApiHarness } from './api-harness';
import { until } from './case-driver';

/** Reads of what the workflows wrote, for tests that follow cases through the database. */
export function caseRecords(api: ApiHarness) {
  /** The case row, once its workflow has written it. */
  const caseRow = (caseRef: string) =>
    until(() => api.db.case.findUnique({ where: { id: caseRef } }).then((row) => row ?? undefined), `case ${caseRef}`);

  /**
   * The notifications fired for a case's step once there are `atLeast`, each never before its
   * instant: [kind, recipient agency, role, milliseconds from the due instant].
   */
  async function notificationsOf(caseRef: string, ruleKey: string, atLeast: number) {
    const step = await until(() => api.db.step.findFirst({ where: { caseRef, ruleKey } }).then((s) => s ?? undefined), `step ${ruleKey}`);
    const fired = await until(async () => {
      const rows = await api.db.notification.findMany({ where: { stepId: step.id }, orderBy: [{ scheduledAt: 'asc' }, { rung: 'asc' }] });
      return rows.length >= atLeast ? rows : undefined;
    }, `${atLeast} notifications of ${ruleKey}`, 60_000);
    for (const n of fired) expect(n.firedAt.getTime()).toBeGreaterThanOrEqual(n.scheduledAt.getTime());
    return fired.map((n) => [n.kind, n.recipientAgencyId, n.recipientRole, n.scheduledAt.getTime() - step.dueAt.getTime()]);
  }

  return { caseRow, notificationsOf };
}
