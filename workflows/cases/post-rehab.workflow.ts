import { ApplicationFailure, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { CaseEventKind, Procedure } from '../../domain/cases/case-event-kinds';
import { monthStarts } from '../../domain/cases/treatment-term';
import { endOfLegalDay, endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { POST_REHAB_ADULT_MONTHS } from '../../rules/post-rehab.rules';
import { databaseWrites } from '../support/database-writes';
import { Lock } from '../support/lock';
import {
  CaseFailure,
  caseActUpdate,
  caseSnapshotQuery,
  type CaseActionRequest,
  type CaseSnapshot,
  type StartPostRehabInput,
} from './case-contract';
import { CaseSteps } from './case-steps';

type Activities = ReturnType<typeof createActivities>;

const record = databaseWrites<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Procedure F (domain/procedures.md §7): two years of management at the commune of residence
 * after compulsory rehabilitation (Law 73/2021 Art. 40), with a monthly check-in task for the
 * commune. Relapse handling and the closing certificate come with a later issue.
 */
export async function postRehabWorkflow(input: StartPostRehabInput): Promise<CaseSnapshot> {
  const steps = new CaseSteps(input.caseRef, input.jurisdictionId);
  const lock = new Lock();
  const months = monthStarts(input.startDate, POST_REHAB_ADULT_MONTHS);
  const lastDay = endOfMonthsTerm(input.startDate, POST_REHAB_ADULT_MONTHS);
  let seq = 0;
  let closed = false;

  const snapshot = (): CaseSnapshot => ({
    caseRef: input.caseRef,
    phase: closed ? 'CLOSED' : 'UNDER_MANAGEMENT',
    closed,
    openSteps: steps.openViews(),
    allowedActions: steps.openViews().length > 0 ? ['RECORD_CHECK_IN'] : [],
  });
  const note = async (kind: string, legalDate: string, request?: CaseActionRequest, patch = {}) => {
    seq += 1;
    await record().recordCaseEvent({
      caseRef: input.caseRef,
      seq,
      kind,
      legalDate,
      occurredAt: new Date().toISOString(),
      jurisdictionId: input.jurisdictionId,
      ...(request ? { actor: request.actor, stepKey: 'CHECK_IN' } : {}),
      patch,
    });
  };

  const validate = ({ action }: CaseActionRequest) => {
    if (action.type !== 'RECORD_CHECK_IN' || !steps.isOpen('PR.CHECK_IN'))
      throw ApplicationFailure.create({
        type: CaseFailure.ACTION_NOT_ALLOWED,
        message: `${action.type} is not allowed now`,
        nonRetryable: true,
        details: [{ phase: snapshot().phase, allowedActions: snapshot().allowedActions, openSteps: steps.openViews() }],
      });
  };
  setHandler(
    caseActUpdate,
    (request) =>
      lock.run(async () => {
        validate(request);
        // The oldest month first: a late check-in closes the month that is overdue.
        await steps.current('PR.CHECK_IN')?.complete({ actorId: request.actor.userId, outcome: `on ${request.action.on}` });
        await note(CaseEventKind.CHECK_IN_RECORDED, request.action.on, request);
        return snapshot();
      }),
    { validator: validate },
  );
  setHandler(caseSnapshotQuery, () => ({ ...snapshot(), settling: lock.busy }));

  await record().registerCase({
    caseRef: input.caseRef,
    workflowId: workflowInfo().workflowId,
    procedure: Procedure.POST_REHAB,
    jurisdictionId: input.jurisdictionId,
    phase: 'UNDER_MANAGEMENT',
    person: { personId: input.personId },
    parentCaseRef: input.parentCaseRef,
    openedAt: new Date().toISOString(),
    event: {
      kind: CaseEventKind.POST_REHAB_STARTED,
      legalDate: input.startDate,
      details: { parentCaseId: input.parentCaseRef, lastDay },
    },
  });

  for (const monthStart of months) {
    // The month opens at the start of its first legal day (midnight in Vietnam).
    const wait = Date.parse(endOfLegalDay(monthStart)) - 24 * 3600_000 - Date.now();
    if (wait > 0) await sleep(wait);
    await lock.run(() => steps.open('PR.CHECK_IN', monthStart));
  }
  const untilEnd = Date.parse(endOfLegalDay(lastDay)) - Date.now();
  if (untilEnd > 0) await sleep(untilEnd);
  await lock.run(async () => {
    await steps.cancelAll('MANAGEMENT_PERIOD_ENDED');
    closed = true;
    await note(CaseEventKind.POST_REHAB_COMPLETED, lastDay, undefined, {
      phase: 'CLOSED',
      status: 'CLOSED',
      closedOn: lastDay,
      closedReason: 'PERIOD_ENDED',
    });
  });
  await steps.settle();
  return snapshot();
}
