import { planTerm } from '../../domain/cases/treatment-term';
import { addDays, endOfLegalDay } from '../../domain/deadlines/deadline-computation';
import { CaseEngine, caseRecord, rejectAction, type Wake } from '../../workflows/cases/case-engine';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import { postRehab, type StartPostRehabInput } from '../post-rehab/definition';
import { POST_REHAB_SHORT_MONTHS } from '../post-rehab/rules';
import type { CompulsoryRehabMinorAction as Action } from './actions';
import { Event, Phase, compulsoryRehabMinor, type StartCompulsoryRehabMinorInput } from './definition';
import { MINOR_TERM_MONTHS } from './rules';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/**
 * Procedure E (domain/procedures.md §6): what the action table cannot say: one extension of the
 * court's 15 days for a complex case, the decision and its complaint window (from the hearing, or
 * from receipt when the minor was absent), the appeal, the 6–12-month term, and one year of
 * post-rehabilitation after it.
 */
class CompulsoryRehabMinorCase {
  readonly engine: CaseEngine<Action>;
  private extended = false;
  private decidedMonths = 0;
  private window: { lastDay: string; closesAt: string; effectiveOn: string } | undefined;
  private termEndOn: string | undefined;
  private personId = '';

  constructor(private readonly input: StartCompulsoryRehabMinorInput) {
    this.engine = new CaseEngine<Action>(compulsoryRehabMinor, input.caseRef, input.jurisdictionId, input.groundsFoundOn);
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      {
        validate: (action) => this.validate(action),
        perform: (action, actor) => this.perform(action, actor),
        nextWake: () => this.nextWake(),
        snapshot: () => ({
          ...(this.termEndOn ? { termEndOn: this.termEndOn } : {}),
          ...(this.window ? { complaintWindowEndsOn: this.window.lastDay } : {}),
        }),
      },
      async () => {
        const { personId } = await this.engine.register(
          {
            person: this.input.person,
            ...(this.input.actor ? { actor: this.input.actor } : {}),
            ...(this.input.parentCaseRef ? { parentCaseRef: this.input.parentCaseRef } : {}),
            fields: {
              legalGround: this.input.legalGround,
              groundsFoundOn: this.input.groundsFoundOn,
              ...(this.input.guardian ? { guardianName: this.input.guardian.name, guardianRelation: this.input.guardian.relation } : {}),
            },
            event: { kind: Event.MINOR_CASE_OPENED, legalDate: this.input.groundsFoundOn, details: { legalGround: this.input.legalGround } },
          },
          ['CRM.DOSSIER'],
          this.input.pastActs,
        );
        this.personId = personId;
        await this.engine.runUntilClosed();
      },
    );
  }

  private validate(action: Action): void {
    switch (action.type) {
      case 'EXTEND_DECISION_PERIOD':
        if (this.extended) throw rejectAction('the decision period was already extended once (30 days at most)', { field: 'days' });
        return;
      case 'RECORD_DECISION':
        if (action.outcome === 'SEND') requireTerm(action.months);
        if (action.receivedOn !== undefined && action.receivedOn < action.on)
          throw rejectAction('the decision cannot be received before it was made', { field: 'receivedOn' });
        return;
      case 'DECIDE_APPEAL':
        if (action.outcome === 'AMEND') requireTerm(action.months);
        return;
      default:
        return;
    }
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'EXTEND_DECISION_PERIOD':
        // A real extension of the running deadline: the due date moves and its explanation says why.
        await engine.clock('CRM.DECISION').extend({ amount: action.days, reason: action.reason, ...by });
        this.extended = true;
        await engine.note(Event.DECISION_PERIOD_EXTENDED, action.on, actor, 'DECISION', { details: { days: action.days, reason: action.reason } });
        return;
      case 'RECORD_DECISION':
        await this.recordDecision(action, actor);
        return;
      case 'DECIDE_APPEAL':
        await engine.complete('CRM.APPEAL', action.on, by, action.outcome);
        await engine.note(Event.MINOR_APPEAL_DECIDED, action.on, actor, 'APPEAL', {
          details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef },
          ...(action.outcome === 'AMEND' ? { patch: { fields: { decidedMonths: action.months as number } } } : {}),
        });
        if (action.outcome === 'ANNUL') {
          await engine.close(Event.MINOR_CASE_CLOSED, action.on, actor, 'DECISION_ANNULLED');
          return;
        }
        if (action.outcome === 'AMEND') this.decidedMonths = action.months as number;
        await this.takeEffect(action.on);
        return;
      case 'ADMIT': {
        await engine.complete('CRM.ADMISSION', action.on, by);
        const term = planTerm({ admittedOn: action.on, decidedMonths: this.decidedMonths, reductionMonths: 0, daysAway: 0 });
        this.termEndOn = term.lastDay;
        await engine.moveTo(Phase.IN_TREATMENT, Event.MINOR_ADMITTED, action.on, actor, 'ADMISSION', { termEndOn: term.lastDay }, {
          fields: { admittedOn: action.on, termEndOn: term.lastDay },
        });
        return;
      }
      case 'COMPLETE_TREATMENT': {
        await engine.complete('CRM.COMPLETION', action.on, by);
        const followUpRef = `${postRehab.refPrefix}-${this.input.caseRef}`;
        await engine.close(Event.MINOR_COMPLETED, action.on, actor, 'COMPLETED', { fields: { completedOn: action.on } }, {
          certificateRef: action.certificateRef,
          postRehabCaseRef: followUpRef,
        });
        const person = this.input.person;
        const followUp: StartPostRehabInput = {
          caseRef: followUpRef,
          parentCaseRef: this.input.caseRef,
          personId: this.personId,
          jurisdictionId: person.residenceJurisdictionId,
          startDate: action.on,
          // One year after a minor's term (Law 73/2021 Art. 40).
          months: POST_REHAB_SHORT_MONTHS,
          birthDate: person.birthDate,
        };
        await engine.startCase(postRehab.workflowType, followUpRef, followUp);
        return;
      }
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }

  private async recordDecision(action: Of<'RECORD_DECISION'>, actor: Actor): Promise<void> {
    const engine = this.engine;
    await engine.complete('CRM.DECISION', action.on, { actorId: actor.userId }, action.outcome);
    // The window runs from the announcement at the hearing, or from receipt when the minor was absent.
    const windowFrom = action.receivedOn ?? action.on;
    await engine.note(Event.MINOR_DECISION_RECORDED, action.on, actor, 'DECISION', {
      details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef, windowFrom },
      patch: {
        fields: {
          decisionOutcome: action.outcome,
          decisionDate: action.on,
          ...(action.outcome === 'SEND' ? { decidedMonths: action.months as number } : {}),
        },
      },
    });
    switch (action.outcome) {
      case 'SEND': {
        this.decidedMonths = action.months as number;
        const window = await caseRecord().complaintWindow({
          jurisdictionId: this.input.jurisdictionId,
          decisionDate: windowFrom,
          openedAt: new Date().toISOString(),
          ruleKey: 'CRM.COMPLAINT_WINDOW',
        });
        this.window = window;
        await engine.moveTo(Phase.COMPLAINT_WINDOW, Event.MINOR_COMPLAINT_WINDOW_OPENED, action.on, actor, undefined, {
          from: windowFrom,
          lastDay: window.lastDay,
          explanation: window.explanation,
        });
        return;
      }
      case 'TEMPORARILY_SUSPEND':
        await engine.moveTo(Phase.COURT_SUSPENDED, Event.MINOR_PROCEEDINGS_SUSPENDED, action.on, actor, 'DECISION');
        return;
      default:
        await engine.close(Event.MINOR_CASE_CLOSED, action.on, actor, `DECISION_${action.outcome}`);
    }
  }

  private nextWake(): Wake | undefined {
    switch (this.engine.phase) {
      case Phase.COMPLAINT_WINDOW: {
        const window = this.window;
        if (!window) return undefined;
        return {
          at: window.closesAt,
          on: window.effectiveOn,
          run: () => this.takeEffect(window.effectiveOn),
          undo: () => ({ fields: { decisionEffectiveOn: null } }),
        };
      }
      case Phase.IN_TREATMENT: {
        const lastDay = this.termEndOn;
        if (!lastDay) return undefined;
        return { at: endOfLegalDay(lastDay), on: addDays(lastDay, 1), run: () => this.startCompletion(lastDay) };
      }
      default:
        return undefined;
    }
  }

  private async takeEffect(effectiveOn: string): Promise<void> {
    this.engine.advanceTo(effectiveOn);
    await this.engine.moveTo(Phase.AWAITING_ADMISSION, Event.MINOR_DECISION_EFFECTIVE, effectiveOn, undefined, undefined, {}, {
      fields: { decisionEffectiveOn: effectiveOn },
    });
    await this.engine.openStep('CRM.ADMISSION', effectiveOn);
  }

  private async startCompletion(lastDay: string): Promise<void> {
    this.engine.advanceTo(lastDay);
    await this.engine.moveTo(Phase.COMPLETING, Event.MINOR_TERM_ENDED, lastDay);
    await this.engine.openStep('CRM.COMPLETION', lastDay);
  }
}

function requireTerm(months: number | undefined): void {
  if (months === undefined || months < MINOR_TERM_MONTHS.min || months > MINOR_TERM_MONTHS.max)
    throw rejectAction(`a minor's term is ${MINOR_TERM_MONTHS.min}–${MINOR_TERM_MONTHS.max} whole months`, { field: 'months' });
}

export async function compulsoryRehabMinorWorkflow(input: StartCompulsoryRehabMinorInput): Promise<CaseSnapshot> {
  return new CompulsoryRehabMinorCase(input).serve();
}
