import { proxyActivities } from '@temporalio/workflow';
import type { createCaseloadImportActivities } from './caseload-import.activities';
import { IMPORT_ROW_ATTEMPTS, type CaseloadImportInput } from './caseload-import-contract';

type ImportActivities = ReturnType<typeof createCaseloadImportActivities>;

const BATCH = 60;
const BATCHES_AT_ONCE = 2;

const { pendingImportRows, finishImport } = proxyActivities<ImportActivities>({ startToCloseTimeout: '1 minute' });
const { openImportRows } = proxyActivities<ImportActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: IMPORT_ROW_ATTEMPTS, initialInterval: '2 seconds', maximumInterval: '30 seconds' },
});

/**
 * Opens the rows of one caseload import (issue #18), a few batches at a time. Durable: after a
 * crash of the worker the workflow carries on where its history stands, and the rows already
 * opened are not opened again (the activities are idempotent per row).
 */
export async function caseloadImportWorkflow({ importId }: CaseloadImportInput): Promise<void> {
  const seqs = await pendingImportRows(importId);
  const batches: number[][] = [];
  for (let start = 0; start < seqs.length; start += BATCH) batches.push(seqs.slice(start, start + BATCH));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] as number[];
      await openImportRows({ importId, seqs: batch });
    }
  };
  await Promise.all(Array.from({ length: BATCHES_AT_ONCE }, lane));
  await finishImport(importId);
}
