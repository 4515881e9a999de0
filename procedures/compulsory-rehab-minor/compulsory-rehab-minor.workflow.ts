import { planTerm } from '../../domain/cases/treatment-term';
import { CaseEngine, rejectAction } from '../../workflows/cases/case-engine';
import { CourtMeasure } from '../shared/court-measure';
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
  private personId = '';

  private readonly measure: CourtMeasure<Action>;

  constructor(private readonly input: StartCompulsoryRehabMinorInput) {
    this.engine = new CaseEngine<Action>(compulsoryRehabMinor, input.caseRef, input.jurisdictionId, input.groundsFoundOn);
    this.measure = new CourtMeasure(this.engine, {
      windowRule: 'CRM.COMPLAINT_WINDOW',
      admissionRule: 'CRM.ADMISSION',
      completionRule: 'CRM.COMPLETION',
      events: { windowOpened: Event.MINOR_COMPLAINT_WINDOW_OPENED, effective: Event.MINOR_DECISION_EFFECTIVE, termEnded: Event.MINOR_TERM_ENDED },
      phases: {
        window: Phase.COMPLAINT_WINDOW,
        awaitingAdmission: Phase.AWAITING_ADMISSION,
        inTreatment: Phase.IN_TREATMENT,
        completing: Phase.COMPLETING,
      },
    });
  }

  serve(): Promise<CaseSnapshot> {
    return this.engine.serve(
      {
        validate: (action) => this.validate(action),
        perform: (action, actor) => this.perform(action, actor),
        nextWake: () => this.measure.wake(),
        snapshot: () => this.measure.snapshot(),
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
        await this.measure.takeEffect(action.on);
        return;
      case 'ADMIT': {
        await engine.complete('CRM.ADMISSION', action.on, by);
        const term = planTerm({ admittedOn: action.on, decidedMonths: this.decidedMonths, reductionMonths: 0, daysAway: 0 });
        this.measure.termEndOn = term.lastDay;
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
          jurisdictionId: engine.followUpCommune(person.residenceJurisdictionId),
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
        await this.measure.openWindow(action.on, windowFrom, actor, undefined, { from: windowFrom });
        return;
      }
      case 'TEMPORARILY_SUSPEND':
        await engine.moveTo(Phase.COURT_SUSPENDED, Event.MINOR_PROCEEDINGS_SUSPENDED, action.on, actor, 'DECISION');
        return;
      default:
        await engine.close(Event.MINOR_CASE_CLOSED, action.on, actor, `DECISION_${action.outcome}`);
    }
  }
}

function requireTerm(months: number | undefined): void {
  if (months === undefined || months < MINOR_TERM_MONTHS.min || months > MINOR_TERM_MONTHS.max)
    throw rejectAction(`a minor's term is ${MINOR_TERM_MONTHS.min}–${MINOR_TERM_MONTHS.max} whole months`, { field: 'months' });
}

export async function compulsoryRehabMinorWorkflow(input: StartCompulsoryRehabMinorInput): Promise<CaseSnapshot> {
  return new CompulsoryRehabMinorCase(input).serve();
}
