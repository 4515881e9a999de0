import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import { planTerm } from '../../domain/cases/treatment-term';
import { addDays, daysBetween, endOfLegalDay } from '../../domain/deadlines/deadline-computation';
import type { CasePatch } from '../../activities/cases/case.activities';
import { CaseEngine, rejectAction, type Wake } from '../../workflows/cases/case-engine';
import { CourtMeasure } from '../shared/court-measure';
import type { Actor, CaseSnapshot } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';
import { postRehab, type StartPostRehabInput } from '../post-rehab/definition';
import { POST_REHAB_ADULT_MONTHS } from '../post-rehab/rules';
import type { CompulsoryRehabAdultAction as Action } from './actions';
import { Phase, REDUCTION_MONTHS, TERM_MONTHS, compulsoryRehabAdult, type StartCompulsoryRehabInput } from './definition';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** A regime of procedure D: its definition and its rules' key prefix (each regime has its own rules). */
export interface CompulsoryRehabRegime {
  definition: ProcedureDefinition;
  /** 'CRA' for today's rules; 'CRO' for 2014–2021 (procedures/compulsory-rehab-adult-2014). */
  rule: string;
  /** The complaint window's rule, when it is not today's (`CRA.D9`). */
  windowRule?: string;
}

const CURRENT_REGIME: CompulsoryRehabRegime = { definition: compulsoryRehabAdult, rule: 'CRA' };

/**
 * Procedure D (domain/procedures.md §5.3): what its action table (definition.ts) cannot say: the
 * interim hold, the decision and its complaint window, the appeal, postponement, the term with its
 * held days, reduction and absconding, and the hand-over to post-rehabilitation. The case engine
 * does the rest: locking, validation, the timeline, the table's plain actions, the wake loop.
 */
export class CompulsoryRehabCase {
  readonly engine: CaseEngine<Action>;
  private heldFrom: string | undefined;
  private decidedMonths = 0;
  private postponedUntil: string | undefined;
  private admittedOn = '';
  private reductionMonths = 0;
  private daysAway = 0;
  private abscondedOn: string | undefined;
  private personId = '';

  private readonly measure: CourtMeasure<Action>;

  /** The regime's rule key of a step ('D11' → 'CRA.D11'). */
  private readonly key: (step: string) => string;

  constructor(
    private readonly input: StartCompulsoryRehabInput,
    regime: CompulsoryRehabRegime = CURRENT_REGIME,
  ) {
    this.key = (step) => `${regime.rule}.${step}`;
    this.engine = new CaseEngine<Action>(regime.definition, input.caseRef, input.jurisdictionId, input.groundsFoundOn);
    this.measure = new CourtMeasure(this.engine, {
      ...(regime.windowRule ? { windowRule: regime.windowRule } : {}),
      admissionRule: this.key('D11'),
      completionRule: this.key('D13'),
      events: {
        windowOpened: CaseEventKind.COMPLAINT_WINDOW_OPENED,
        effective: CaseEventKind.DECISION_EFFECTIVE,
        termEnded: CaseEventKind.TERM_ENDED,
      },
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
        nextWake: () => this.nextWake(),
        snapshot: () => this.measure.snapshot(),
      },
      async () => {
        const registered = await this.engine.register(
          {
            person: this.input.person,
            fields: { legalGround: this.input.legalGround, groundsFoundOn: this.input.groundsFoundOn },
            ...(this.input.actor ? { actor: this.input.actor } : {}),
            ...(this.input.parentCaseRef ? { parentCaseRef: this.input.parentCaseRef } : {}),
            event: {
              kind: CaseEventKind.CASE_OPENED,
              legalDate: this.input.groundsFoundOn,
              details: { legalGround: this.input.legalGround },
            },
          },
          [this.key('D2')],
          this.input.pastActs,
        );
        this.personId = registered.personId;
        await this.engine.runUntilClosed();
      },
    );
  }

  private validate(action: Action): void {
    switch (action.type) {
      case 'FILE_DOSSIER':
        if (action.interimArrangement.kind === 'FACILITY' && action.interimArrangement.heldFrom > action.on)
          throw rejectAction('the hold cannot start after the dossier date', { field: 'interimArrangement.heldFrom' });
        return;
      case 'RECORD_DECISION':
        if (action.outcome === 'APPLY') requireTerm(action.months);
        return;
      case 'DECIDE_APPEAL':
        if (action.outcome === 'AMEND') requireTerm(action.months);
        return;
      case 'POSTPONE_EXECUTION':
        if (action.until <= action.on) throw rejectAction('a postponement must end after it starts', { field: 'until' });
        return;
      case 'REDUCE_TERM': {
        const { halfWayOn } = this.term();
        if (this.reductionMonths > 0) throw rejectAction('the term was already reduced once', { field: 'months' });
        if (action.months < REDUCTION_MONTHS.min || action.months > REDUCTION_MONTHS.max)
          throw rejectAction(`a reduction is ${REDUCTION_MONTHS.min}–${REDUCTION_MONTHS.max} months`, { field: 'months' });
        if (action.on < halfWayOn)
          throw rejectAction(`a reduction is possible only after half the term, from ${halfWayOn}`, { field: 'on', halfWayOn });
        return;
      }
      default:
        return;
    }
  }

  private async perform(action: Action, actor: Actor): Promise<void> {
    const engine = this.engine;
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'FILE_DOSSIER': {
        await engine.complete(this.key('D2'), action.on, by);
        const interim = action.interimArrangement;
        if (interim.kind === 'FACILITY') this.heldFrom = interim.heldFrom;
        await engine.note(CaseEventKind.DOSSIER_FILED, action.on, actor, 'D2', {
          details: {
            legalGround: this.input.legalGround,
            interimArrangement: interim.kind,
            addictionResultRef: action.addictionResultRef,
            documentIds: action.documentIds ?? [],
          },
          patch: {
            phase: Phase.NOTIFYING,
            fields: {
              interimArrangement: interim.kind,
              ...(interim.kind === 'FACILITY' ? { heldFrom: interim.heldFrom } : {}),
            },
          },
        });
        engine.phase = Phase.NOTIFYING;
        await engine.openStep(this.key('D3'), action.on);
        return;
      }
      case 'RETURN_DOSSIER':
        await engine.close(CaseEventKind.DOSSIER_RETURNED, action.on, actor, action.reason);
        return;
      case 'RECORD_DECISION':
        await this.recordDecision(action, actor);
        return;
      case 'DECIDE_APPEAL': {
        await engine.complete(this.key('APPEAL'), action.on, by, action.outcome);
        await engine.note(CaseEventKind.APPEAL_DECIDED, action.on, actor, 'APPEAL', {
          details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef },
          ...(action.outcome === 'AMEND' ? { patch: { fields: { decidedMonths: action.months as number } } } : {}),
        });
        if (action.outcome === 'ANNUL') {
          await engine.close(CaseEventKind.CASE_CLOSED, action.on, actor, 'DECISION_ANNULLED');
          return;
        }
        if (action.outcome === 'AMEND') this.decidedMonths = action.months as number;
        await this.measure.takeEffect(action.on);
        return;
      }
      case 'POSTPONE_EXECUTION':
        await engine.complete(this.key('D11'), action.on, by, 'POSTPONED');
        this.postponedUntil = action.until;
        await engine.moveTo(Phase.POSTPONED, CaseEventKind.EXECUTION_POSTPONED, action.on, actor, 'D11', {
          reason: action.reason,
          until: action.until,
        });
        return;
      case 'END_POSTPONEMENT':
        await this.endPostponement(action.on, actor);
        return;
      case 'EXEMPT':
        await engine.close(CaseEventKind.EXEMPTED, action.on, actor, action.reason);
        return;
      case 'ADMIT': {
        await engine.complete(this.key('D11'), action.on, by);
        this.admittedOn = action.on;
        const term = this.term();
        this.measure.termEndOn = term.lastDay;
        await engine.moveTo(
          Phase.IN_TREATMENT,
          CaseEventKind.ADMITTED,
          action.on,
          actor,
          'D11',
          { heldDays: term.heldDays, termEndOn: term.lastDay },
          {
            fields: {
              admittedOn: action.on,
              termEndOn: term.lastDay,
              ...(this.heldFrom ? { heldUntil: addDays(action.on, -1) } : {}),
            },
          },
        );
        return;
      }
      case 'ABSCOND':
        this.abscondedOn = action.on;
        await engine.moveTo(Phase.ABSCONDED, CaseEventKind.ABSCONDED, action.on, actor);
        return;
      case 'RETURN_TO_FACILITY': {
        const away = daysBetween(this.abscondedOn as string, action.on);
        this.daysAway += away;
        this.abscondedOn = undefined;
        await this.retime(Phase.IN_TREATMENT, CaseEventKind.RETURNED_TO_FACILITY, action.on, actor, { daysAway: away });
        return;
      }
      case 'REDUCE_TERM':
        this.reductionMonths = action.months;
        await this.retime(Phase.IN_TREATMENT, CaseEventKind.TERM_REDUCED, action.on, actor, {
          months: action.months,
          decisionRef: action.decisionRef,
        });
        return;
      case 'EARLY_RELEASE':
        this.measure.termEndOn = action.on;
        await engine.note(CaseEventKind.EARLY_RELEASE, action.on, actor, undefined, {
          details: { decisionRef: action.decisionRef },
          patch: { fields: { termEndOn: action.on } },
        });
        await this.measure.startCompletion(action.on);
        return;
      case 'COMPLETE_TREATMENT':
        await engine.complete(this.key('D13'), action.on, by);
        await this.finish(action.on, actor, action.certificateRef);
        return;
      default:
        throw rejectAction(`${action.type} is performed by the action table`);
    }
  }

  private async recordDecision(action: Of<'RECORD_DECISION'>, actor: Actor) {
    const engine = this.engine;
    await engine.complete(this.key('D8'), action.on, { actorId: actor.userId }, action.outcome);
    const patch: CasePatch = {
      fields: {
        decisionOutcome: action.outcome,
        decisionDate: action.on,
        decisionRef: action.decisionRef,
        ...(action.outcome === 'APPLY' ? { decidedMonths: action.months as number } : {}),
      },
    };
    await engine.note(CaseEventKind.DECISION_RECORDED, action.on, actor, 'D8', {
      details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef },
      patch,
    });
    switch (action.outcome) {
      case 'APPLY': {
        this.decidedMonths = action.months as number;
        await this.measure.openWindow(action.on, action.on, actor, 'D9');
        return;
      }
      case 'TEMPORARILY_SUSPEND':
        engine.phase = Phase.COURT_SUSPENDED;
        await engine.note(CaseEventKind.PROCEEDINGS_SUSPENDED, action.on, actor, 'D8', {
          patch: { phase: Phase.COURT_SUSPENDED },
        });
        return;
      default:
        await engine.close(CaseEventKind.CASE_CLOSED, action.on, actor, `DECISION_${action.outcome}`);
    }
  }

  /** The next moment the case itself must act without anyone asking. */
  private nextWake(): Wake | undefined {
    if (this.engine.phase !== Phase.POSTPONED) return this.measure.wake();
    const until = this.postponedUntil;
    if (!until) return undefined;
    return {
      at: endOfLegalDay(addDays(until, -1)),
      on: until,
      run: () => this.endPostponement(until),
      undo: () => {
        this.postponedUntil = until;
        return {};
      },
    };
  }

  private async endPostponement(on: string, actor?: Actor): Promise<void> {
    this.postponedUntil = undefined;
    this.engine.advanceTo(on);
    await this.engine.moveTo(Phase.AWAITING_ADMISSION, CaseEventKind.POSTPONEMENT_ENDED, on, actor);
    await this.engine.openStep(this.key('D11'), on);
  }

  /** Completion: the case closes and post-rehabilitation starts at the commune of residence. */
  private async finish(on: string, actor: Actor, certificateRef: string): Promise<void> {
    const followUpRef = `${postRehab.refPrefix}-${this.input.caseRef}`;
    await this.engine.note(CaseEventKind.COMPLETED, on, actor, 'D13', {
      details: { certificateRef, postRehabCaseRef: followUpRef },
      patch: { phase: Phase.CLOSED, status: 'CLOSED', closedOn: on, closedReason: 'COMPLETED', fields: { completedOn: on } },
    });
    this.engine.phase = Phase.CLOSED;
    const followUp: StartPostRehabInput = {
      caseRef: followUpRef,
      parentCaseRef: this.input.caseRef,
      personId: this.personId,
      jurisdictionId: this.engine.followUpCommune(this.input.person.residenceJurisdictionId),
      startDate: on,
      months: POST_REHAB_ADULT_MONTHS,
      ...(this.input.person.birthDate ? { birthDate: this.input.person.birthDate } : {}),
    };
    await this.engine.startCase(postRehab.workflowType, followUpRef, followUp);
  }

  private term() {
    return planTerm({
      admittedOn: this.admittedOn,
      decidedMonths: this.decidedMonths,
      ...(this.heldFrom ? { heldFrom: this.heldFrom } : {}),
      reductionMonths: this.reductionMonths,
      daysAway: this.daysAway,
    });
  }

  /** A change of the term (a return after absconding, a reduction): the end day moves. */
  private async retime(phase: string, kind: string, on: string, actor: Actor, details: object): Promise<void> {
    const termEndOn = this.term().lastDay;
    this.measure.termEndOn = termEndOn;
    await this.engine.moveTo(phase, kind, on, actor, undefined, { ...details, termEndOn }, { fields: { termEndOn } });
  }
}

function requireTerm(months: number | undefined): void {
  if (months === undefined || !Number.isInteger(months) || months < TERM_MONTHS.min || months > TERM_MONTHS.max)
    throw rejectAction(`the term is ${TERM_MONTHS.min}–${TERM_MONTHS.max} whole months`, { field: 'months' });
}

export async function compulsoryRehabAdultWorkflow(input: StartCompulsoryRehabInput): Promise<CaseSnapshot> {
  return new CompulsoryRehabCase(input).serve();
}
