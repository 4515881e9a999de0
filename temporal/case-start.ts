import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Prisma } from '../generated/prisma/client';
import type { ProcedureModule } from '../procedures/procedure-module';
import { caseReadyUpdate, caseWorkflowId, type Actor, type CaseActionBase, type CaseSnapshot } from '../workflows/cases/case-contract';
import { jurisdictionSearchAttribute, procedureSearchAttribute } from '../workflows/search-attributes';

/** A new case's reference: the procedure's prefix, the province, the legal date's year, the next number. */
export async function newCaseRef(tx: Prisma.TransactionClient, module: ProcedureModule, provinceId: string, legalDate: string): Promise<string> {
  const [{ next }] = await tx.$queryRaw<[{ next: bigint }]>`SELECT nextval('case_ref_seq') AS next`;
  return `${module.definition.refPrefix}-${provinceId}-${legalDate.slice(0, 4)}-${String(next).padStart(6, '0')}`;
}

/** An opening body's acts done on paper, as the workflow's input takes them: each by the person entering it. */
export function pastActsInput(pastActs: readonly { action: CaseActionBase; onPaperBy?: string }[] | undefined, actor: Actor) {
  return (pastActs ?? []).map((past) => ({ action: past.action, actor, ...(past.onPaperBy ? { onPaperBy: past.onPaperBy } : {}) }));
}

/**
 * Starts a case's workflow (once: a second start with the same reference finds the first) and
 * answers when the case is on record and its first step open, with its due date.
 */
export async function startCase(
  temporal: Client,
  taskQueue: string,
  module: ProcedureModule,
  caseRef: string,
  input: object,
  jurisdictionId: string,
): Promise<CaseSnapshot> {
  const definition = module.definition;
  const workflowId = caseWorkflowId(caseRef);
  // One round trip: the workflow starts with the Update in its first task. A retry finds the
  // running case (USE_EXISTING) and the same Update id answers its first result; a case that
  // already closed is never started again (REJECT_DUPLICATE): its result is the final snapshot.
  const start = new WithStartWorkflowOperation(definition.workflowType, {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    // Operations only: no personal data in search attributes (DESIGN.md decision 8).
    typedSearchAttributes: [
      { key: procedureSearchAttribute, value: definition.code },
      { key: jurisdictionSearchAttribute, value: jurisdictionId },
    ],
  });
  try {
    return await temporal.workflow.executeUpdateWithStart(caseReadyUpdate, { updateId: 'ready', startWorkflowOperation: start });
  } catch (error) {
    // A case that ends as it opens (an inspection that found nothing) may close before the
    // Update reaches it, or before a retry: its result is the same snapshot, final.
    if (error instanceof WorkflowExecutionAlreadyStartedError || error instanceof WorkflowNotFoundError)
      return (await temporal.workflow.getHandle(workflowId).result()) as CaseSnapshot;
    throw error;
  }
}
