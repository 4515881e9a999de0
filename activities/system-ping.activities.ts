import type { Db } from '../db/client';
import type { SystemPingInput, SystemPingResult } from '../workflows/system-ping/contract';

export function createSystemPingActivities(db: Db) {
  return {
    /** Idempotent on the workflow id: a retried or replayed activity finds the row it wrote. */
    async recordSystemPing(input: SystemPingInput & { workflowId: string }): Promise<SystemPingResult> {
      const row = await db.systemPing.upsert({
        where: { workflowId: input.workflowId },
        create: {
          workflowId: input.workflowId,
          requestedBy: input.requestedBy,
          jurisdictionId: input.jurisdictionId,
          note: input.note,
        },
        update: {},
      });
      return { pingId: row.id, recordedAt: row.recordedAt.toISOString() };
    },
  };
}
