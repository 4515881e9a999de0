import {
  ApplicationFailure,
  ParentClosePolicy,
  condition,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { CaseEventKind, Procedure } from '../../domain/cases/case-event-kinds';
import { planTerm } from '../../domain/cases/treatment-term';
import { addDays, daysBetween, endOfLegalDay } from '../../domain/deadlines/deadline-computation';
import type { CasePatch } from '../../activities/cases/case.activities';
import { databaseWrites } from '../support/database-writes';
import { Lock } from '../support/lock';
import {
  CaseFailure,
  POST_REHAB_WORKFLOW,
  caseActUpdate,
  caseReadyUpdate,
  caseSnapshotQuery,
  caseWorkflowId,
  type Actor,
  type CaseAction,
  type CaseActionRequest,
  type CaseActionType,
  type CaseSnapshot,
  type StartCompulsoryRehabInput,
} from './case-contract';
import { CaseSteps } from './case-steps';

type Activities = ReturnType<typeof createActivities>;

const record = databaseWrites<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['STEP.RULE_NOT_APPLICABLE'] },
});

/** Where a compulsory-rehabilitation case stands (cases.phase). */
export const Phase = {
  DOSSIER: 'DOSSIER',
  NOTIFYING: 'NOTIFYING',
  TRANSFER: 'TRANSFER',
  AT_COURT: 'AT_COURT',
  COURT_SUSPENDED: 'COURT_SUSPENDED',
  COMPLAINT_WINDOW: 'COMPLAINT_WINDOW',
  UNDER_APPEAL: 'UNDER_APPEAL',
  AWAITING_ADMISSION: 'AWAITING_ADMISSION',
  POSTPONED: 'POSTPONED',
  IN_TREATMENT: 'IN_TREATMENT',
  ABSCONDED: 'ABSCONDED',
  COMPLETING: 'COMPLETING',
  CLOSED: 'CLOSED',
} as const;
type Phase = (typeof Phase)[keyof typeof Phase];

export const TERM_MONTHS = { min: 12, max: 24 } as const;
export const REDUCTION_MONTHS = { min: 3, max: 6 } as const;
const POST_REHAB_REF_PREFIX = 'PR-';

const reject = (message: string, details: object = {}) =>
  ApplicationFailure.create({ type: CaseFailure.INVALID_ACTION, message, nonRetryable: true, details: [details] });

/**
 * Procedure D (domain/procedures.md §5.3): one workflow per case, from the grounds to the hand-over
 * to post-rehabilitation. Officials act through `case.act` Updates; each step is a StepClock with
 * its owner, due date, reminders and escalations; every change is a timeline entry in Postgres.
 */
export class CompulsoryRehabCase {
  private phase: Phase = Phase.DOSSIER;
  private readonly steps: CaseSteps;
  readonly lock = new Lock();
  private seq = 0;
  private lastDate: string;
  /** Bumped on every change, so the timer loop re-plans. */
  private version = 0;

  private heldFrom: string | undefined;
  private decidedMonths = 0;
  private decisionDate = '';
  private complaintWindow: { lastDay: string; closesAt: string; effectiveOn: string } | undefined;
  private postponedUntil: string | undefined;
  private admittedOn = '';
  private reductionMonths = 0;
  private daysAway = 0;
  private abscondedOn: string | undefined;
  private termEndOn: string | undefined;
  private personId = '';
  /** The case is on record and its first step open. */
  ready = false;

  constructor(private readonly input: StartCompulsoryRehabInput) {
    this.steps = new CaseSteps(input.caseRef, input.jurisdictionId);
    this.lastDate = input.groundsFoundOn;
  }

  private get statutoryLimit() {
    return { ruleKey: 'CRA.LIMIT', startDate: this.input.groundsFoundOn };
  }

  async run(): Promise<void> {
    const registered = await record().registerCase({
      caseRef: this.input.caseRef,
      workflowId: workflowInfo().workflowId,
      procedure: Procedure.COMPULSORY_REHAB_ADULT,
      jurisdictionId: this.input.jurisdictionId,
      phase: this.phase,
      person: this.input.person,
      legalGround: this.input.legalGround,
      groundsFoundOn: this.input.groundsFoundOn,
      actor: this.input.actor,
      openedAt: new Date().toISOString(),
      event: {
        kind: CaseEventKind.CASE_OPENED,
        legalDate: this.input.groundsFoundOn,
        details: { legalGround: this.input.legalGround },
      },
    });
    this.personId = registered.personId;
    await this.lock.run(() =>
      this.steps.open('CRA.D2', this.input.groundsFoundOn, { statutoryLimit: this.statutoryLimit }),
    );
    this.ready = true;
    this.version += 1;

    while (this.phase !== Phase.CLOSED) {
      const seen = this.version;
      const wake = this.nextWake();
      if (!wake) {
        await condition(() => this.version !== seen);
        continue;
      }
      const wait = Date.parse(wake.at) - Date.now();
      if (wait > 0 && (await condition(() => this.version !== seen, wait))) continue;
      await this.lock.run(async () => {
        if (this.version === seen) await wake.run();
        this.version += 1;
      });
    }
    await this.steps.settle();
  }

  snapshot(): CaseSnapshot {
    return {
      caseRef: this.input.caseRef,
      phase: this.phase,
      closed: this.phase === Phase.CLOSED,
      openSteps: this.steps.openViews(),
      allowedActions: this.allowedActions(),
      ...(this.termEndOn ? { termEndOn: this.termEndOn } : {}),
      ...(this.complaintWindow ? { complaintWindowEndsOn: this.complaintWindow.lastDay } : {}),
    };
  }

  /** The actions the case accepts in its current phase. */
  allowedActions(): CaseActionType[] {
    switch (this.phase) {
      case Phase.DOSSIER:
        return ['FILE_DOSSIER'];
      case Phase.NOTIFYING:
        return ['NOTIFY_PERSON'];
      case Phase.TRANSFER:
        return ['TRANSFER_TO_COURT'];
      case Phase.AT_COURT:
        if (this.steps.isOpen('CRA.D6')) return ['ACCEPT_DOSSIER'];
        if (this.steps.isSuspended('CRA.D8')) return ['SUPPLY_DOCUMENTS', 'RETURN_DOSSIER'];
        return ['REQUEST_DOCUMENTS', 'SCHEDULE_HEARING', 'RECORD_DECISION'];
      case Phase.COURT_SUSPENDED:
        return ['RESUME_PROCEEDINGS'];
      case Phase.COMPLAINT_WINDOW:
        return ['FILE_COMPLAINT'];
      case Phase.UNDER_APPEAL:
        return ['DECIDE_APPEAL'];
      case Phase.AWAITING_ADMISSION:
        return ['ADMIT', 'POSTPONE_EXECUTION', 'EXEMPT'];
      case Phase.POSTPONED:
        return ['END_POSTPONEMENT', 'EXEMPT'];
      case Phase.IN_TREATMENT:
        return ['ABSCOND', 'REDUCE_TERM', 'EARLY_RELEASE'];
      case Phase.ABSCONDED:
        return ['RETURN_TO_FACILITY'];
      case Phase.COMPLETING:
        return ['COMPLETE_TREATMENT'];
      case Phase.CLOSED:
        return [];
    }
  }

  /** Runs before the update is accepted: a rejected action leaves no trace in the history. */
  validate({ action }: CaseActionRequest): void {
    const allowed = this.allowedActions();
    if (!allowed.includes(action.type)) {
      throw ApplicationFailure.create({
        type: CaseFailure.ACTION_NOT_ALLOWED,
        message: `${action.type} is not allowed in phase ${this.phase}`,
        nonRetryable: true,
        details: [{ phase: this.phase, allowedActions: allowed, openSteps: this.steps.openViews() }],
      });
    }
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    if (action.on > today) throw reject(`the date ${action.on} is in the future`, { field: 'on' });
    if (action.on < this.lastDate)
      throw reject(`the date ${action.on} is before the case's last recorded date ${this.lastDate}`, {
        field: 'on',
        lastDate: this.lastDate,
      });
    this.validateContent(action);
  }

  private validateContent(action: CaseAction): void {
    switch (action.type) {
      case 'FILE_DOSSIER':
        if (action.interimArrangement.kind === 'FACILITY' && action.interimArrangement.heldFrom > action.on)
          throw reject('the hold cannot start after the dossier date', { field: 'interimArrangement.heldFrom' });
        return;
      case 'RECORD_DECISION':
        if (action.outcome === 'APPLY') this.requireTerm(action.months);
        return;
      case 'DECIDE_APPEAL':
        if (action.outcome === 'AMEND') this.requireTerm(action.months);
        return;
      case 'POSTPONE_EXECUTION':
        if (action.until <= action.on) throw reject('a postponement must end after it starts', { field: 'until' });
        return;
      case 'REDUCE_TERM': {
        const { halfWayOn } = this.term();
        if (this.reductionMonths > 0) throw reject('the term was already reduced once', { field: 'months' });
        if (action.months < REDUCTION_MONTHS.min || action.months > REDUCTION_MONTHS.max)
          throw reject(`a reduction is ${REDUCTION_MONTHS.min}–${REDUCTION_MONTHS.max} months`, { field: 'months' });
        if (action.on < halfWayOn)
          throw reject(`a reduction is possible only after half the term, from ${halfWayOn}`, {
            field: 'on',
            halfWayOn,
          });
        return;
      }
      default:
        return;
    }
  }

  private requireTerm(months: number | undefined): void {
    if (months === undefined || !Number.isInteger(months) || months < TERM_MONTHS.min || months > TERM_MONTHS.max)
      throw reject(`the term is ${TERM_MONTHS.min}–${TERM_MONTHS.max} whole months`, { field: 'months' });
  }

  act(request: CaseActionRequest): Promise<CaseSnapshot> {
    return this.lock.run(async () => {
      // The state may have moved between the validator and the lock (a timer fired).
      this.validate(request);
      await this.perform(request.action, request.actor);
      this.lastDate = request.action.on;
      this.version += 1;
      return this.snapshot();
    });
  }

  private async perform(action: CaseAction, actor: Actor): Promise<void> {
    const by = { actorId: actor.userId };
    switch (action.type) {
      case 'FILE_DOSSIER': {
        await this.complete('CRA.D2', action.on, by);
        const interim = action.interimArrangement;
        if (interim.kind === 'FACILITY') this.heldFrom = interim.heldFrom;
        await this.note(CaseEventKind.DOSSIER_FILED, action.on, actor, 'D2', {
          details: {
            legalGround: this.input.legalGround,
            interimArrangement: interim.kind,
            addictionResultRef: action.addictionResultRef,
            documentIds: action.documentIds ?? [],
          },
          patch: {
            phase: Phase.NOTIFYING,
            interimArrangement: interim.kind,
            ...(interim.kind === 'FACILITY' ? { heldFrom: interim.heldFrom } : {}),
          },
        });
        this.phase = Phase.NOTIFYING;
        await this.steps.open('CRA.D3', action.on, { statutoryLimit: this.statutoryLimit });
        return;
      }
      case 'NOTIFY_PERSON':
        await this.complete('CRA.D3', action.on, by);
        await this.moveTo(Phase.TRANSFER, CaseEventKind.PERSON_NOTIFIED, action.on, actor, 'D3');
        await this.steps.open('CRA.D5', action.on, { statutoryLimit: this.statutoryLimit });
        return;
      case 'TRANSFER_TO_COURT':
        await this.complete('CRA.D5', action.on, by);
        await this.moveTo(Phase.AT_COURT, CaseEventKind.TRANSFERRED_TO_COURT, action.on, actor, 'D5');
        await this.steps.open('CRA.D6', action.on, { statutoryLimit: this.statutoryLimit });
        return;
      case 'ACCEPT_DOSSIER':
        await this.complete('CRA.D6', action.on, by);
        await this.moveTo(Phase.AT_COURT, CaseEventKind.COURT_ACCEPTED, action.on, actor, 'D6');
        await this.steps.open('CRA.D8', action.on, { statutoryLimit: this.statutoryLimit });
        return;
      case 'REQUEST_DOCUMENTS':
        await this.clock('CRA.D8').suspend({ reason: action.reason, fromDate: action.on, ...by });
        await this.moveTo(Phase.AT_COURT, CaseEventKind.DOCUMENTS_REQUESTED, action.on, actor, 'D8', {
          reason: action.reason,
        });
        await this.steps.open('CRA.D7', action.on);
        return;
      case 'SUPPLY_DOCUMENTS':
        await this.complete('CRA.D7', action.on, by);
        await this.clock('CRA.D8').resume({ onDate: action.on, ...by });
        await this.moveTo(Phase.AT_COURT, CaseEventKind.DOCUMENTS_SUPPLIED, action.on, actor, 'D7', {
          documentIds: action.documentIds ?? [],
        });
        return;
      case 'RETURN_DOSSIER':
        await this.close(CaseEventKind.DOSSIER_RETURNED, action.on, actor, action.reason);
        return;
      case 'SCHEDULE_HEARING':
        await this.note(CaseEventKind.HEARING_SCHEDULED, action.on, actor, 'D8', {
          details: { hearingDate: action.hearingDate },
        });
        return;
      case 'RECORD_DECISION':
        await this.recordDecision(action, actor);
        return;
      case 'RESUME_PROCEEDINGS':
        await this.moveTo(Phase.AT_COURT, CaseEventKind.PROCEEDINGS_RESUMED, action.on, actor);
        await this.steps.open('CRA.D8', action.on, { statutoryLimit: this.statutoryLimit });
        return;
      case 'FILE_COMPLAINT':
        await this.moveTo(Phase.UNDER_APPEAL, CaseEventKind.COMPLAINT_FILED, action.on, actor, undefined, {
          by: action.by,
        });
        await this.steps.open('CRA.APPEAL', action.on);
        return;
      case 'DECIDE_APPEAL': {
        await this.complete('CRA.APPEAL', action.on, by, action.outcome);
        await this.note(CaseEventKind.APPEAL_DECIDED, action.on, actor, 'APPEAL', {
          details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef },
          ...(action.outcome === 'AMEND' ? { patch: { decidedMonths: action.months as number } } : {}),
        });
        if (action.outcome === 'ANNUL') {
          await this.close(CaseEventKind.CASE_CLOSED, action.on, actor, 'DECISION_ANNULLED');
          return;
        }
        if (action.outcome === 'AMEND') this.decidedMonths = action.months as number;
        await this.takeEffect(action.on);
        return;
      }
      case 'POSTPONE_EXECUTION':
        await this.complete('CRA.D11', action.on, by, 'POSTPONED');
        this.postponedUntil = action.until;
        await this.moveTo(Phase.POSTPONED, CaseEventKind.EXECUTION_POSTPONED, action.on, actor, 'D11', {
          reason: action.reason,
          until: action.until,
        });
        return;
      case 'END_POSTPONEMENT':
        await this.endPostponement(action.on, actor);
        return;
      case 'EXEMPT':
        await this.close(CaseEventKind.EXEMPTED, action.on, actor, action.reason);
        return;
      case 'ADMIT': {
        await this.complete('CRA.D11', action.on, by);
        this.admittedOn = action.on;
        const term = this.term();
        this.termEndOn = term.lastDay;
        await this.moveTo(Phase.IN_TREATMENT, CaseEventKind.ADMITTED, action.on, actor, 'D11', {
          heldDays: term.heldDays,
          termEndOn: term.lastDay,
        }, {
          admittedOn: action.on,
          termEndOn: term.lastDay,
          ...(this.heldFrom ? { heldUntil: addDays(action.on, -1) } : {}),
        });
        return;
      }
      case 'ABSCOND':
        this.abscondedOn = action.on;
        await this.moveTo(Phase.ABSCONDED, CaseEventKind.ABSCONDED, action.on, actor);
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
        this.termEndOn = action.on;
        await this.note(CaseEventKind.EARLY_RELEASE, action.on, actor, undefined, {
          details: { decisionRef: action.decisionRef },
          patch: { termEndOn: action.on },
        });
        await this.startCompletion(action.on);
        return;
      case 'COMPLETE_TREATMENT':
        await this.complete('CRA.D13', action.on, by);
        await this.finish(action.on, actor, action.certificateRef);
        return;
      case 'RECORD_CHECK_IN':
        throw reject('check-ins belong to the post-rehabilitation case');
    }
  }

  private async recordDecision(action: Extract<CaseAction, { type: 'RECORD_DECISION' }>, actor: Actor) {
    await this.complete('CRA.D8', action.on, { actorId: actor.userId }, action.outcome);
    this.decisionDate = action.on;
    const patch: CasePatch = {
      decisionOutcome: action.outcome,
      decisionDate: action.on,
      decisionRef: action.decisionRef,
      ...(action.outcome === 'APPLY' ? { decidedMonths: action.months as number } : {}),
    };
    await this.note(CaseEventKind.DECISION_RECORDED, action.on, actor, 'D8', {
      details: { outcome: action.outcome, months: action.months ?? null, decisionRef: action.decisionRef },
      patch,
    });
    switch (action.outcome) {
      case 'APPLY': {
        this.decidedMonths = action.months as number;
        const window = await record().complaintWindow({
          jurisdictionId: this.input.jurisdictionId,
          decisionDate: action.on,
          openedAt: new Date().toISOString(),
        });
        this.complaintWindow = window;
        await this.moveTo(Phase.COMPLAINT_WINDOW, CaseEventKind.COMPLAINT_WINDOW_OPENED, action.on, actor, 'D9', {
          lastDay: window.lastDay,
          explanation: window.explanation,
        });
        return;
      }
      case 'TEMPORARILY_SUSPEND':
        this.phase = Phase.COURT_SUSPENDED;
        await this.note(CaseEventKind.PROCEEDINGS_SUSPENDED, action.on, actor, 'D8', {
          patch: { phase: Phase.COURT_SUSPENDED },
        });
        return;
      default:
        await this.close(CaseEventKind.CASE_CLOSED, action.on, actor, `DECISION_${action.outcome}`);
    }
  }

  /** The next moment the case itself must act without anyone asking. */
  private nextWake(): { at: string; run: () => Promise<void> } | undefined {
    switch (this.phase) {
      case Phase.COMPLAINT_WINDOW: {
        const window = this.complaintWindow;
        if (!window) return undefined;
        return { at: window.closesAt, run: () => this.takeEffect(window.effectiveOn) };
      }
      case Phase.POSTPONED: {
        const until = this.postponedUntil;
        if (!until) return undefined;
        return { at: endOfLegalDay(addDays(until, -1)), run: () => this.endPostponement(until) };
      }
      case Phase.IN_TREATMENT: {
        const lastDay = this.termEndOn;
        if (!lastDay) return undefined;
        return { at: endOfLegalDay(lastDay), run: () => this.startCompletion(lastDay) };
      }
      default:
        return undefined;
    }
  }

  private async takeEffect(effectiveOn: string): Promise<void> {
    this.lastDate = effectiveOn > this.lastDate ? effectiveOn : this.lastDate;
    await this.moveTo(Phase.AWAITING_ADMISSION, CaseEventKind.DECISION_EFFECTIVE, effectiveOn, undefined, undefined, {}, {
      decisionEffectiveOn: effectiveOn,
    });
    await this.steps.open('CRA.D11', effectiveOn);
  }

  private async endPostponement(on: string, actor?: Actor): Promise<void> {
    this.postponedUntil = undefined;
    this.lastDate = on > this.lastDate ? on : this.lastDate;
    await this.moveTo(Phase.AWAITING_ADMISSION, CaseEventKind.POSTPONEMENT_ENDED, on, actor);
    await this.steps.open('CRA.D11', on);
  }

  private async startCompletion(lastDay: string): Promise<void> {
    this.lastDate = lastDay > this.lastDate ? lastDay : this.lastDate;
    await this.moveTo(Phase.COMPLETING, CaseEventKind.TERM_ENDED, lastDay);
    await this.steps.open('CRA.D13', lastDay);
  }

  /** Completion: the case closes and post-rehabilitation starts at the commune of residence. */
  private async finish(on: string, actor: Actor, certificateRef: string): Promise<void> {
    const followUpRef = `${POST_REHAB_REF_PREFIX}${this.input.caseRef}`;
    await this.note(CaseEventKind.COMPLETED, on, actor, 'D13', {
      details: { certificateRef, postRehabCaseRef: followUpRef },
      patch: { phase: Phase.CLOSED, status: 'CLOSED', completedOn: on, closedOn: on, closedReason: 'COMPLETED' },
    });
    this.phase = Phase.CLOSED;
    await startChild(POST_REHAB_WORKFLOW, {
      workflowId: caseWorkflowId(followUpRef),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          caseRef: followUpRef,
          parentCaseRef: this.input.caseRef,
          personId: this.personId,
          jurisdictionId: this.input.person.residenceJurisdictionId,
          startDate: on,
        },
      ],
    });
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
  private async retime(phase: Phase, kind: string, on: string, actor: Actor, details: object): Promise<void> {
    this.termEndOn = this.term().lastDay;
    await this.moveTo(phase, kind, on, actor, undefined, { ...details, termEndOn: this.termEndOn }, {
      termEndOn: this.termEndOn,
    });
  }

  private clock(ruleKey: string) {
    const clock = this.steps.current(ruleKey);
    if (!clock) throw reject(`no open step for ${ruleKey}`);
    return clock;
  }

  private async complete(ruleKey: string, on: string, by: { actorId: string }, outcome?: string) {
    await this.clock(ruleKey).complete({ ...by, outcome: outcome ?? `done on ${on}` });
  }

  private async close(kind: string, on: string, actor: Actor, reason: string): Promise<void> {
    await this.steps.cancelAll(reason, actor.userId);
    this.phase = Phase.CLOSED;
    await this.note(kind, on, actor, undefined, {
      details: { reason },
      patch: { phase: Phase.CLOSED, status: 'CLOSED', closedOn: on, closedReason: reason },
    });
  }

  private async moveTo(
    phase: Phase,
    kind: string,
    on: string,
    actor?: Actor,
    stepKey?: string,
    details: object = {},
    patch: CasePatch = {},
  ): Promise<void> {
    this.phase = phase;
    await this.note(kind, on, actor, stepKey, { details, patch: { ...patch, phase } });
  }

  private async note(
    kind: string,
    on: string,
    actor: Actor | undefined,
    stepKey: string | undefined,
    { details, patch }: { details?: object; patch?: CasePatch },
  ): Promise<void> {
    this.seq += 1;
    await record().recordCaseEvent({
      caseRef: this.input.caseRef,
      seq: this.seq,
      kind,
      legalDate: on,
      occurredAt: new Date().toISOString(),
      jurisdictionId: this.input.jurisdictionId,
      ...(actor ? { actor } : {}),
      ...(stepKey ? { stepKey } : {}),
      ...(details ? { details } : {}),
      ...(patch ? { patch } : {}),
    });
  }
}

export async function compulsoryRehabAdultWorkflow(input: StartCompulsoryRehabInput): Promise<CaseSnapshot> {
  const flow = new CompulsoryRehabCase(input);
  setHandler(caseActUpdate, (request) => flow.act(request), { validator: (request) => flow.validate(request) });
  setHandler(caseReadyUpdate, async () => {
    await condition(() => flow.ready);
    return flow.snapshot();
  });
  setHandler(caseSnapshotQuery, () => ({ ...flow.snapshot(), settling: flow.lock.busy }));
  await flow.run();
  return flow.snapshot();
}
