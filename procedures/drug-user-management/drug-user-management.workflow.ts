import { monthStarts } from '../../domain/cases/treatment-term';
import { endOfLegalDay, endOfMonthsTerm } from '../../domain/deadlines/deadline-computation';
import { CaseEngine, rejectAction, type Wake } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot, LinkedCaseOutcome } from '../../workflows/cases/case-contract';
import { addictionDetermination, type StartAddictionDeterminationInput } from '../addiction-determination/definition';
import type { DrugUserManagementAction as Action } from './actions';
import { Event, Phase, drugUserManagement, type StartDrugUserManagementInput } from './definition';
import { MANAGEMENT_MONTHS } from './rules';

/**
 * Procedure A (domain/procedures.md §2): what the action table cannot say: the year of management
 * from the decision with a residence check each month, a move that hands the case to the new
 * commune, and sending the person for determination, whose result decides whether management goes on.
 */
class DrugUserManagementCase {
  readonly engine: CaseEngine<Action>;
  private months: string[] = [];
  private nextMonth = 0;
  private managementEndsOn: string | undefined;
  private determinations = 0;
  private personId = '';

  constructor(private readonly input: StartDrugUserManagementInput) {
    this.engine = new CaseEngine<Action>(drugUserManagement, input.caseRef, input.jurisdictionId, input.testedOn);
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      {
        perform: (action, actor) => this.perform(action, actor),
        nextWake: () => this.nextWake(),
        onLinkedOutcome: (outcome) => this.onDetermination(outcome),
      },
      async () => {
        const { personId } = await this.engine.register(
          {
            person: this.input.person,
            actor: this.input.actor,
            fields: { testedOn: this.input.testedOn },
            event: {
              kind: Event.USER_REGISTERED,
              legalDate: this.input.testedOn,
              details: { testResultRef: this.input.testResultRef, violationRecordRef: this.input.violationRecordRef },
            },
          },
          ['DUM.DECISION'],
          this.input.pastActs,
        );
        this.personId = personId;
        await this.engine.runUntilClosed();
      },
    );
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    switch (action.type) {
      case 'DECIDE_MANAGEMENT': {
        await engine.complete('DUM.DECISION', action.on, { actorId: actor.userId });
        // One year from the decision (Law 120/2025 says so expressly from 1 July 2026).
        this.managementEndsOn = endOfMonthsTerm(action.on, MANAGEMENT_MONTHS);
        this.months = monthStarts(action.on, MANAGEMENT_MONTHS);
        await engine.moveTo(
          Phase.UNDER_MANAGEMENT,
          Event.MANAGEMENT_DECIDED,
          action.on,
          actor,
          'DECISION',
          { decisionRef: action.decisionRef, managementEndsOn: this.managementEndsOn },
          { fields: { decisionRef: action.decisionRef, managementFrom: action.on, managementEndsOn: this.managementEndsOn } },
        );
        await this.openMonth();
        return;
      }
      case 'RECORD_MOVE': {
        const to = action.toJurisdictionId;
        if (to === engine.jurisdictionId) throw rejectAction('the person already lives in this commune', { field: 'toJurisdictionId' });
        // The police of the commune the person left notify the new one; the case then belongs to the new commune.
        await engine.openStep('DUM.MOVE_NOTICE', action.on);
        await engine.steps.current('DUM.CHECK')?.cancel({ outcome: 'MOVED', actorId: actor.userId });
        await engine.transferTo(to, Event.PERSON_MOVED, action.on, actor);
        await engine.openSteps(['DUM.ARRIVAL', 'DUM.CHECK'], action.on);
        return;
      }
      case 'SEND_FOR_DETERMINATION': {
        this.determinations += 1;
        const determinationRef = `${addictionDetermination.refPrefix}-${this.input.caseRef}-${this.determinations}`;
        await engine.note(Event.SENT_FOR_DETERMINATION, action.on, actor, undefined, {
          details: { reason: action.reason, determinationCaseRef: determinationRef },
        });
        const input: StartAddictionDeterminationInput = {
          caseRef: determinationRef,
          jurisdictionId: engine.jurisdictionId,
          person: { personId: this.personId },
          birthDate: this.input.person.birthDate,
          residenceJurisdictionId: engine.jurisdictionId,
          basis: action.reason === 'USING_AGAIN' ? 'MANAGED_USER_USING_AGAIN' : 'NO_STABLE_RESIDENCE',
          requestedOn: action.on,
          actor,
          parentCaseRef: this.input.caseRef,
        };
        await engine.startCase(addictionDetermination.workflowType, determinationRef, input);
        return;
      }
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }

  /** Opens the residence check of the next management month. */
  private async openMonth(): Promise<void> {
    const monthStart = this.months[this.nextMonth];
    if (!monthStart) return;
    this.nextMonth += 1;
    await this.engine.openStep('DUM.CHECK', monthStart);
  }

  private nextWake(): Wake | undefined {
    if (this.engine.phase !== Phase.UNDER_MANAGEMENT || !this.managementEndsOn) return undefined;
    const monthStart = this.months[this.nextMonth];
    // A month opens at the start of its first legal day (midnight in Vietnam).
    if (monthStart) return { at: startOfLegalDay(monthStart), run: () => this.openMonth() };
    const lastDay = this.managementEndsOn;
    return {
      at: endOfLegalDay(lastDay),
      run: async () => {
        this.engine.advanceTo(lastDay);
        await this.engine.close(Event.MANAGEMENT_ENDED, lastDay, undefined, 'PERIOD_ENDED');
      },
    };
  }

  /** The determination this case asked for concluded: found addicted, management ends (treatment follows). */
  private async onDetermination(outcome: LinkedCaseOutcome): Promise<void> {
    this.engine.advanceTo(outcome.on);
    if (outcome.outcome === 'ADDICTED') {
      await this.engine.close(Event.MANAGEMENT_ENDED, outcome.on, undefined, 'FOUND_ADDICTED');
      return;
    }
    await this.engine.note(Event.DETERMINATION_RETURNED, outcome.on, undefined, undefined, {
      details: { determinationCaseRef: outcome.caseRef, result: outcome.outcome },
    });
  }
}

const startOfLegalDay = (date: string) => new Date(Date.parse(endOfLegalDay(date)) - 24 * 3600_000).toISOString();

export async function drugUserManagementWorkflow(input: StartDrugUserManagementInput): Promise<CaseSnapshot> {
  return new DrugUserManagementCase(input).serve();
}
