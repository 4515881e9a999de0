import { addDays, endOfLegalDay, endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { CaseEngine, rejectAction, type Wake } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import { addictionDetermination, type StartAddictionDeterminationInput } from '../addiction-determination/definition';
import type { EducationAtCommuneAction as Action } from './actions';
import { Event, Phase, educationAtCommune, type StartEducationAtCommuneInput } from './definition';
import { FOLLOW_UP_MONTHS, MEASURE_MONTHS } from './rules';

/**
 * Procedure G (domain/procedures.md §8): the chairman's decision and its 3–6 months, a review
 * step at a time during them, the certificate when they end, and a year's follow-up in which drug
 * use found sends the person for determination (Law 73/2021 Art. 27(1)).
 */
class EducationAtCommuneCase {
  readonly engine: CaseEngine<Action>;
  private measureEndsOn: string | undefined;
  private followUpEndsOn: string | undefined;
  private determinations = 0;
  private personId = '';

  constructor(private readonly input: StartEducationAtCommuneInput) {
    this.engine = new CaseEngine<Action>(educationAtCommune, input.caseRef, input.jurisdictionId, input.violationOn);
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      {
        validate: (action) => {
          if (action.type === 'DECIDE_MEASURE' && action.outcome === 'APPLY' && action.months === undefined)
            throw rejectAction(`the measure lasts ${MEASURE_MONTHS.min}–${MEASURE_MONTHS.max} months`, { field: 'months' });
        },
        perform: (action, actor) => this.perform(action, actor),
        nextWake: () => this.nextWake(),
      },
      async () => {
        const { personId } = await this.engine.register(
          {
            person: this.input.person,
            actor: this.input.actor,
            fields: { basis: this.input.basis, violationOn: this.input.violationOn },
            event: { kind: Event.EDUCATION_CASE_OPENED, legalDate: this.input.violationOn, details: { basis: this.input.basis } },
          },
          ['EDU.DOSSIER'],
          this.input.pastActs,
        );
        this.personId = personId;
        await this.engine.runUntilClosed();
      },
    );
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'DECIDE_MEASURE': {
        await engine.complete('EDU.DECISION', action.on, by, action.outcome);
        const details = { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef, manager: action.manager ?? null };
        if (action.outcome !== 'APPLY') {
          // Not applied, or a minor left to the family's management: the case ends here.
          await engine.close(Event.EDUCATION_DECIDED, action.on, actor, action.outcome, { fields: { decisionOutcome: action.outcome } }, details);
          return;
        }
        const months = action.months as number;
        this.measureEndsOn = endOfMonthsTerm(action.on, months);
        await engine.moveTo(Phase.IN_EXECUTION, Event.EDUCATION_DECIDED, action.on, actor, 'DECISION', details, {
          fields: { decisionOutcome: 'APPLY', measureMonths: months, measureFrom: action.on, measureEndsOn: this.measureEndsOn },
        });
        await engine.openStep('EDU.REVIEW', action.on);
        return;
      }
      case 'RECORD_REVIEW':
        await engine.complete('EDU.REVIEW', action.on, by, action.progress);
        await engine.note(Event.EDUCATION_REVIEWED, action.on, actor, 'REVIEW', { details: { progress: action.progress } });
        // The next review runs from this one, while the measure lasts.
        if (this.measureEndsOn && action.on < this.measureEndsOn) await engine.openStep('EDU.REVIEW', action.on);
        return;
      case 'RECORD_DRUG_USE': {
        this.determinations += 1;
        const determinationRef = `${addictionDetermination.refPrefix}-${this.input.caseRef}-${this.determinations}`;
        await engine.note(Event.EDUCATION_DRUG_USE_FOUND, action.on, actor, undefined, { details: { determinationCaseRef: determinationRef } });
        const input: StartAddictionDeterminationInput = {
          caseRef: determinationRef,
          jurisdictionId: engine.jurisdictionId,
          person: { personId: this.personId },
          birthDate: this.input.person.birthDate,
          residenceJurisdictionId: this.input.person.residenceJurisdictionId,
          basis: 'EDUCATION_MEASURE_USING',
          requestedOn: action.on,
          actor,
          parentCaseRef: this.input.caseRef,
        };
        await engine.startCase(addictionDetermination.workflowType, determinationRef, input);
        return;
      }
      case 'ISSUE_CERTIFICATE':
        await engine.complete('EDU.CERTIFICATE', action.on, by);
        this.followUpEndsOn = endOfMonthsTerm(this.measureEndsOn ?? action.on, FOLLOW_UP_MONTHS);
        await engine.moveTo(Phase.AFTER_MEASURE, Event.EDUCATION_COMPLETED, action.on, actor, 'CERTIFICATE', { certificateRef: action.certificateRef }, {
          fields: { completedOn: action.on },
        });
        return;
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }

  private nextWake(): Wake | undefined {
    const engine = this.engine;
    if (engine.phase === Phase.IN_EXECUTION && this.measureEndsOn) {
      const lastDay = this.measureEndsOn;
      return {
        at: endOfLegalDay(lastDay),
        on: addDays(lastDay, 1),
        run: async () => {
          engine.advanceTo(lastDay);
          await engine.steps.current('EDU.REVIEW')?.cancel({ outcome: 'MEASURE_ENDED' });
          await engine.moveTo(Phase.COMPLETING, Event.EDUCATION_MEASURE_ENDED, lastDay);
          await engine.openStep('EDU.CERTIFICATE', lastDay);
        },
      };
    }
    if (engine.phase === Phase.AFTER_MEASURE && this.followUpEndsOn) {
      const lastDay = this.followUpEndsOn;
      return { at: endOfLegalDay(lastDay), run: () => engine.close(Event.EDUCATION_FOLLOW_UP_ENDED, lastDay, undefined, 'FOLLOW_UP_ENDED') };
    }
    return undefined;
  }
}

export async function educationAtCommuneWorkflow(input: StartEducationAtCommuneInput): Promise<CaseSnapshot> {
  return new EducationAtCommuneCase(input).serve();
}
