import { sleep } from '@temporalio/workflow';
import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import { monthStarts } from '../../domain/cases/treatment-term';
import { endOfLegalDay, endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { CaseEngine } from '../../workflows/cases/case-engine';
import type { CaseSnapshot } from '../../workflows/cases/case-contract';
import type { PostRehabAction } from './actions';
import { postRehab, type StartPostRehabInput } from './definition';
import { POST_REHAB_ADULT_MONTHS } from './rules';

/**
 * Procedure F (domain/procedures.md §7): two years of management at the commune of residence
 * after compulsory rehabilitation (Law 73/2021 Art. 40). The action table records the monthly
 * check-ins; this workflow opens one check-in step a month and ends the period.
 */
export async function postRehabWorkflow(input: StartPostRehabInput): Promise<CaseSnapshot> {
  const engine = new CaseEngine<PostRehabAction>(postRehab, input.caseRef, input.jurisdictionId, input.startDate);
  const months = monthStarts(input.startDate, POST_REHAB_ADULT_MONTHS);
  const lastDay = endOfMonthsTerm(input.startDate, POST_REHAB_ADULT_MONTHS);

  return engine.serve({}, async () => {
    await engine.register(
      {
        person: { personId: input.personId },
        parentCaseRef: input.parentCaseRef,
        event: {
          kind: CaseEventKind.POST_REHAB_STARTED,
          legalDate: input.startDate,
          details: { parentCaseId: input.parentCaseRef, lastDay },
        },
      },
      [],
    );
    // Plain sleeps, not the engine's wake loop: histories recorded before the case engine slept so.
    for (const monthStart of months) {
      // The month opens at the start of its first legal day (midnight in Vietnam).
      const wait = Date.parse(endOfLegalDay(monthStart)) - 24 * 3600_000 - Date.now();
      if (wait > 0) await sleep(wait);
      await engine.lock.run(() => engine.openStep('PR.CHECK_IN', monthStart));
    }
    const untilEnd = Date.parse(endOfLegalDay(lastDay)) - Date.now();
    if (untilEnd > 0) await sleep(untilEnd);
    await engine.lock.run(async () => {
      await engine.steps.cancelAll('MANAGEMENT_PERIOD_ENDED');
      engine.phase = 'CLOSED';
      await engine.note(CaseEventKind.POST_REHAB_COMPLETED, lastDay, undefined, undefined, {
        patch: { phase: 'CLOSED', status: 'CLOSED', closedOn: lastDay, closedReason: 'PERIOD_ENDED' },
      });
    });
    await engine.steps.settle();
  });
}
