import { condition, patched } from '@temporalio/workflow';
import { monthStarts } from '../../domain/cases/treatment-term';
import { endOfLegalDay, endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { ageOn } from '../../domain/time/age';
import { CaseEngine, rejectAction } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot, LinkedCaseOutcome } from '../../workflows/cases/case-contract';
import { addictionDetermination, type StartAddictionDeterminationInput } from '../addiction-determination/definition';
import { compulsoryCaseRefFrom, openCompulsoryCase } from '../compulsory-rehab-adult/opened-by-another-case';
import type { PostRehabAction as Action } from './actions';
import { Event, Phase, postRehab, type StartPostRehabInput } from './definition';
import { POST_REHAB_ADULT_MONTHS } from './rules';

/** The patch that ends the period with the chairman's certificate instead of closing by itself. */
export const POST_REHAB_CERTIFICATE = 'post-rehab-certificate';

/**
 * Procedure F (domain/procedures.md §7): one check-in step a month for the period (1 or 2 years
 * from completion), a move that hands the case to the new commune, a relapse sent for determination
 * (found addicted, an adult's compulsory case opens on Art. 32 ground 4 and this case closes), and
 * at the end the completion certificate.
 */
class PostRehabCase {
  readonly engine: CaseEngine<Action>;
  private readonly months: string[];
  private readonly lastDay: string;
  private determinations = 0;

  constructor(private readonly input: StartPostRehabInput) {
    this.engine = new CaseEngine<Action>(postRehab, input.caseRef, input.jurisdictionId, input.startDate);
    const months = input.months ?? POST_REHAB_ADULT_MONTHS;
    this.months = monthStarts(input.startDate, months);
    this.lastDay = endOfMonthsTerm(input.startDate, months);
  }

  serve(): Promise<CaseSnapshot> {
    const engine = this.engine;
    return engine.serve(
      {
        perform: (action, actor) => this.perform(action, actor),
        onLinkedOutcome: (outcome) => this.onDetermination(outcome),
      },
      async () => {
        await engine.register(
          {
            person: { personId: this.input.personId },
            parentCaseRef: this.input.parentCaseRef,
            fields: { startedOn: this.input.startDate, months: this.months.length, lastDay: this.lastDay },
            event: {
              kind: Event.POST_REHAB_STARTED,
              legalDate: this.input.startDate,
              details: { parentCaseId: this.input.parentCaseRef, lastDay: this.lastDay },
            },
          },
          [],
        );
        // Waits on timers, not the engine's wake loop: histories recorded before the engine waited so.
        for (const monthStart of this.months) {
          // The month opens at the start of its first legal day (midnight in Vietnam).
          const wait = Date.parse(endOfLegalDay(monthStart)) - 24 * 3600_000 - Date.now();
          if (wait > 0) await condition(() => engine.closed, wait);
          if (engine.closed) break;
          await engine.lock.run(() => engine.openStep('PR.CHECK_IN', monthStart));
        }
        if (!engine.closed) {
          const untilEnd = Date.parse(endOfLegalDay(this.lastDay)) - Date.now();
          if (untilEnd > 0) await condition(() => engine.closed, untilEnd);
        }
        if (!engine.closed) await engine.lock.run(() => this.endPeriod());
        await condition(() => engine.closed);
        await engine.steps.settle();
      },
    );
  }

  private async endPeriod(): Promise<void> {
    const engine = this.engine;
    await engine.steps.cancelAll('MANAGEMENT_PERIOD_ENDED');
    if (patched(POST_REHAB_CERTIFICATE)) {
      engine.advanceTo(this.lastDay);
      await engine.moveTo(Phase.COMPLETING, Event.MANAGEMENT_PERIOD_ENDED, this.lastDay);
      await engine.openStep('PR.CERTIFICATE', this.lastDay);
      return;
    }
    // Cases that ended before the certificate step closed by themselves.
    engine.phase = Phase.CLOSED;
    await engine.note(Event.POST_REHAB_COMPLETED, this.lastDay, undefined, undefined, {
      patch: { phase: 'CLOSED', status: 'CLOSED', closedOn: this.lastDay, closedReason: 'PERIOD_ENDED' },
    });
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    switch (action.type) {
      case 'RECORD_MOVE': {
        if (action.toJurisdictionId === engine.jurisdictionId)
          throw rejectAction('the person already lives in this commune', { field: 'toJurisdictionId' });
        const pending = engine.steps.current('PR.CHECK_IN');
        await pending?.cancel({ outcome: 'MOVED', actorId: actor.userId });
        await engine.transferTo(action.toJurisdictionId, Event.PERSON_MOVED, action.on, actor);
        // The month under way is checked by the new commune.
        if (pending) await engine.openStep('PR.CHECK_IN', action.on);
        return;
      }
      case 'RECORD_RELAPSE': {
        this.determinations += 1;
        const determinationRef = `${addictionDetermination.refPrefix}-${this.input.caseRef}-${this.determinations}`;
        await engine.note(Event.RELAPSE_SUSPECTED, action.on, actor, undefined, { details: { determinationCaseRef: determinationRef } });
        const input: StartAddictionDeterminationInput = {
          caseRef: determinationRef,
          jurisdictionId: engine.jurisdictionId,
          person: { personId: this.input.personId },
          ...(this.input.birthDate ? { birthDate: this.input.birthDate } : {}),
          residenceJurisdictionId: engine.jurisdictionId,
          basis: 'POST_REHAB_USING',
          requestedOn: action.on,
          actor,
          parentCaseRef: this.input.caseRef,
        };
        await engine.startCase(addictionDetermination.workflowType, determinationRef, input);
        return;
      }
      case 'ISSUE_COMPLETION_CERTIFICATE':
        await engine.complete('PR.CERTIFICATE', action.on, { actorId: actor.userId });
        await engine.close(Event.POST_REHAB_COMPLETED, action.on, actor, 'COMPLETED', { fields: { certificateRef: action.certificateRef } }, {
          certificateRef: action.certificateRef,
        });
        return;
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }

  /** Relapse confirmed: an adult's compulsory case opens on ground 4 and management ends (Law 73/2021 Art. 32(4)). */
  private async onDetermination(outcome: LinkedCaseOutcome): Promise<void> {
    const engine = this.engine;
    engine.advanceTo(outcome.on);
    if (outcome.outcome !== 'ADDICTED') {
      await engine.note(Event.DETERMINATION_RETURNED, outcome.on, undefined, undefined, {
        details: { determinationCaseRef: outcome.caseRef, result: outcome.outcome },
      });
      return;
    }
    const birthDate = this.input.birthDate;
    const adult = birthDate !== undefined && ageOn(birthDate, outcome.on) >= 18;
    if (!adult || !birthDate) {
      // Relapse is no ground for a minor's compulsory case (Art. 33); management goes on.
      await engine.note(Event.RELAPSED, outcome.on, undefined, undefined, { details: { determinationCaseRef: outcome.caseRef } });
      return;
    }
    const person = { personId: this.input.personId, residenceJurisdictionId: engine.jurisdictionId, birthDate };
    const compulsoryRef = compulsoryCaseRefFrom(outcome.caseRef);
    await engine.close(Event.RELAPSED, outcome.on, undefined, 'RELAPSE', {}, {
      determinationCaseRef: outcome.caseRef,
      compulsoryCaseRef: compulsoryRef,
    });
    await openCompulsoryCase(engine, person, 4, outcome.on, outcome.caseRef);
  }
}

export async function postRehabWorkflow(input: StartPostRehabInput): Promise<CaseSnapshot> {
  return new PostRehabCase(input).serve();
}
