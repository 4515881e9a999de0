import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { CaseEventInput, CasePatch, RegisterCaseInput, StepsCheck } from '../../activities/cases/case.activities';
import {
  CLOSED_PHASE,
  stepKeyOf,
  type ActionDefinition,
  type ProcedureDefinition,
} from '../../procedures/procedure-definition';
import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import { acceptedAfterCheck, onceAccepted } from '../support/acceptance';
import { databaseWrites } from '../support/database-writes';
import { Lock } from '../support/lock';
import type { StepClock } from '../deadlines/step-clock';
import type { OpenStepInput } from '../deadlines/contract';
import {
  CaseFailure,
  caseActUpdate,
  caseMoveUpdate,
  caseReadyUpdate,
  caseSnapshotQuery,
  caseWorkflowId,
  linkedCaseOutcomeSignal,
  type Actor,
  type LinkedCaseOutcome,
  type PastAct,
  type CaseActionBase,
  type CaseActionRequest,
  type CaseMoveRequest,
  type CaseMoveResult,
  type CaseSnapshot,
} from './case-contract';
import { ActWrites, ONE_WRITE_PER_ACT } from './act-writes';
import { CaseSteps } from './case-steps';

type Activities = ReturnType<typeof createActivities>;

/** The patch that checks an action's next steps can open before the action changes anything. */
export const PREFLIGHT_STEP_RULES = 'preflight-step-rules';
/** Acts entered from the paper file let the case's own changes dated before them happen first. */
export const PAST_ACTS_CATCH_UP = 'past-acts-catch-up';

/** What a procedure gives to record its case; the engine adds what it knows. */
type Registration = Omit<RegisterCaseInput, 'caseRef' | 'workflowId' | 'procedure' | 'jurisdictionId' | 'phase' | 'openedAt'>;

/** One set of retry options for every case's writes. */
export const caseRecord = databaseWrites<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['STEP.RULE_NOT_APPLICABLE'] },
});

/** A refusal of the action's content: 422 at the API, with the field it concerns. */
export const rejectAction = (message: string, details: object = {}) =>
  ApplicationFailure.create({ type: CaseFailure.INVALID_ACTION, message, nonRetryable: true, details: [details] });

/** A legal date later than today in Vietnam is refused. */
function assertNotFuture(on: string): void {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  if (on > today) throw rejectAction(`the date ${on} is in the future`, { field: 'on' });
}

/** Something the case does by itself at an instant (a window closes, a term ends). */
export interface Wake {
  at: string;
  run: () => Promise<void>;
  /**
   * The legal date of what happens. An official may still record an act dated before it that the
   * phase before allowed (a protest filed inside the window, entered after the window closed on
   * the wall clock): the change is then undone and the act recorded (DESIGN.md decision 13).
   */
  on?: string;
  /** Puts back the procedure's own state when the change is undone; the case fields to restore. */
  undo?: () => CasePatch;
}

/** A change the case made by itself, kept until an official acts after it. */
interface AutomaticChange {
  from: string;
  on: string;
  opened: StepClock[];
  undo?: () => CasePatch;
}

/** What a procedure's workflow adds to the engine: what its action table cannot say. */
export interface ProcedureHooks<A extends CaseActionBase> {
  /** Content rules checked before an action is accepted (synchronous: an Update validator). */
  validate?(action: A): void;
  /** The actions the table marks `custom`. */
  perform?(action: A, actor: Actor): Promise<void>;
  /** The next instant the case acts without anyone asking. */
  nextWake?(): Wake | undefined;
  /** Procedure fields the snapshot carries (a term's end, a window's last day). */
  snapshot?(): Partial<CaseSnapshot>;
  /** A case this one started reached an outcome (runs under the lock). */
  onLinkedOutcome?(outcome: LinkedCaseOutcome): Promise<void>;
}

export interface NoteOptions {
  details?: object;
  patch?: CasePatch;
}

/**
 * The case engine shared by every procedure: the lock that serialises changes, the wake loop,
 * the timeline's numbering, the snapshot and its query, the `on`-date checks, the `case.act`
 * Update with its validator, and draining handlers before the workflow ends. It runs the action
 * table of the procedure's definition: an action is open when its step or phase says so, and a
 * row that is not `custom` is performed from the row alone (complete / suspend / resume its
 * steps, record its event, move the phase, open the next steps).
 */
export class CaseEngine<A extends CaseActionBase = CaseActionBase> {
  phase: string;
  readonly steps: CaseSteps;
  readonly lock = new Lock();
  /** The latest legal date on record: no action may be dated before it (except a late entry that reopens). */
  lastDate: string;
  /** The latest legal date of an official's act. */
  private lastHumanDate: string;
  /** The changes made by the case itself since the last official act, oldest first. */
  private automatic: AutomaticChange[] = [];
  /** The case is on record and its first step open. */
  ready = false;
  private seq = 0;
  /** Bumped on every change, so the wake loop re-plans. */
  private version = 0;
  private hooks: ProcedureHooks<A> = {};
  /** While recording an act from the paper file: the official who did it, when not the user entering it. */
  private onPaperBy: string | undefined;
  private pastActs: CaseSnapshot['pastActs'];
  /** The commune the case was moved to through `case.move`, if it was. */
  private movedTo: string | undefined;
  private readonly rows: ReadonlyMap<string, ActionDefinition>;
  /** While a change of the case runs: its writes, recorded together when it ends. */
  private writes: ActWrites | undefined;

  constructor(
    readonly definition: ProcedureDefinition,
    readonly caseRef: string,
    /** The commune handling the case; a move hands it to another (transferTo). */
    public jurisdictionId: string,
    /** The legal date the case starts from: its statutory limit runs from it. */
    readonly startDate: string,
  ) {
    this.phase = definition.initialPhase;
    this.lastDate = startDate;
    this.lastHumanDate = startDate;
    this.steps = new CaseSteps(caseRef, jurisdictionId);
    this.rows = new Map(definition.actions.map((row) => [row.type, row]));
  }

  get closed(): boolean {
    return this.phase === CLOSED_PHASE;
  }

  /**
   * Registers the case's messages (before the first await, as Temporal requires) with the
   * procedure's hooks, runs `body`, waits for handlers still running, and returns the last snapshot.
   */
  async serve(hooks: ProcedureHooks<A>, body: () => Promise<void>): Promise<CaseSnapshot> {
    this.hooks = hooks;
    setHandler(caseActUpdate, (request) => this.acceptAndAct(request as CaseActionRequest<A>), {
      validator: (request) => this.validate(request as CaseActionRequest<A>),
    });
    setHandler(caseMoveUpdate, onceAccepted((request) => this.move(request)), {
      validator: (request) => this.validateMove(request),
    });
    setHandler(caseReadyUpdate, async () => {
      await condition(() => this.ready);
      return this.snapshot();
    });
    setHandler(caseSnapshotQuery, () => ({ ...this.snapshot(), settling: this.lock.busy }));
    if (hooks.onLinkedOutcome) {
      const onLinked = hooks.onLinkedOutcome;
      setHandler(linkedCaseOutcomeSignal, async (outcome) => {
        await this.lock.run(async () => {
          if (this.closed) return;
          await this.gathered(() => onLinked(outcome));
          this.version += 1;
        });
      });
    }
    await body();
    await condition(allHandlersFinished);
    return this.snapshot();
  }

  /** Records the case and its first timeline entry, then opens its first steps; the case is then ready. */
  async register(input: Registration & Required<Pick<Registration, 'person'>>, firstSteps: readonly string[], pastActs?: readonly PastAct[]): Promise<{ personId: string; provinceId: string }>;
  /** A case whose subject is not a person (a commune's assessment). */
  async register(input: Registration, firstSteps: readonly string[], pastActs?: readonly PastAct[]): Promise<{ personId: string | null; provinceId: string }>;
  async register(input: Registration, firstSteps: readonly string[], pastActs: readonly PastAct[] = []) {
    const registration: RegisterCaseInput = {
      ...input,
      caseRef: this.caseRef,
      workflowId: workflowInfo().workflowId,
      procedure: this.definition.code,
      jurisdictionId: this.jurisdictionId,
      phase: this.phase,
      openedAt: new Date().toISOString(),
    };
    let registered: { personId: string | null; provinceId: string } | undefined;
    await this.gathered(async () => {
      if (this.writes) this.writes.register(registration, (written) => (registered = written));
      else registered = await caseRecord().registerCase(registration);
      if (firstSteps.length > 0) await this.lock.run(() => this.openSteps(firstSteps, this.startDate));
    });
    if (pastActs.length > 0) await this.recordPastActs(pastActs);
    this.markReady();
    if (!registered) throw ApplicationFailure.create({ message: `case ${this.caseRef} was not registered`, nonRetryable: true });
    return registered;
  }

  /** Acts that happened on paper before the case was entered: each through the action table, in order, stopping at the first refused. */
  private async recordPastActs(pastActs: readonly PastAct[]): Promise<void> {
    let recorded = 0;
    for (const [index, past] of pastActs.entries()) {
      try {
        if (patched(PAST_ACTS_CATCH_UP)) await this.catchUpTo(past.action.on);
        this.onPaperBy = past.onPaperBy;
        await this.act({ action: past.action as A, actor: past.actor });
        recorded += 1;
      } catch (error) {
        if (!(error instanceof ApplicationFailure)) throw error;
        this.pastActs = { recorded, refused: { index, type: past.action.type, reason: error.message } };
        return;
      } finally {
        this.onPaperBy = undefined;
      }
    }
    this.pastActs = { recorded };
  }

  /**
   * Runs the case's own changes whose legal date falls on or before an act entered from the
   * paper file (a decision that took effect before the admission the file records), so the act
   * finds the phase and step it found on paper.
   */
  private async catchUpTo(on: string): Promise<void> {
    for (;;) {
      const wake = this.hooks.nextWake?.();
      if (!wake?.on || wake.on > on || Date.parse(wake.at) > Date.now()) return;
      await this.lock.run(async () => {
        await this.gathered(() => this.runAutomatic(wake));
        this.version += 1;
      });
    }
  }

  markReady(): void {
    this.ready = true;
    this.version += 1;
  }

  /** Wakes at each instant the procedure names, under the lock, until the case closes. */
  async runUntilClosed(): Promise<void> {
    while (!this.closed) {
      const seen = this.version;
      const wake = this.hooks.nextWake?.();
      if (!wake) {
        await condition(() => this.version !== seen);
        continue;
      }
      const wait = Date.parse(wake.at) - Date.now();
      if (wait > 0 && (await condition(() => this.version !== seen, wait))) continue;
      await this.lock.run(async () => {
        if (this.version === seen) await this.gathered(() => this.runAutomatic(wake));
        this.version += 1;
      });
    }
    await this.steps.settle();
  }

  /** Runs a change of the case's own, remembering what it opened, so a late entry dated before it can undo it. */
  private async runAutomatic(wake: Wake): Promise<void> {
    const from = this.phase;
    const before = new Set(this.steps.openClocks());
    await wake.run();
    if (!wake.on) return;
    const opened = this.steps.openClocks().filter((clock) => !before.has(clock));
    this.automatic.push({ from, on: wake.on, opened, ...(wake.undo ? { undo: wake.undo } : {}) });
  }

  /**
   * The automatic change a late act is dated before and whose earlier phase allowed it: the
   * oldest of those made since the last official act (and every one after it is undone too).
   */
  private reopeningFor(action: A): number | undefined {
    const row = this.rows.get(action.type);
    if (!row?.phases || row.step || action.on < this.lastHumanDate) return undefined;
    const index = this.automatic.findIndex((change) => action.on < change.on && row.phases?.includes(change.from));
    return index >= 0 ? index : undefined;
  }

  snapshot(): CaseSnapshot {
    return {
      caseRef: this.caseRef,
      phase: this.phase,
      closed: this.closed,
      openSteps: this.steps.openViews(),
      allowedActions: this.allowedActions(),
      ...this.hooks.snapshot?.(),
      ...(this.pastActs ? { pastActs: this.pastActs } : {}),
    };
  }

  /** The actions open now, in the table's order. */
  allowedActions(): string[] {
    if (this.closed) return [];
    return this.definition.actions.filter((row) => this.isOpen(row)).map((row) => row.type);
  }

  private isOpen(row: ActionDefinition): boolean {
    if (row.phases && !row.phases.includes(this.phase)) return false;
    if (!row.step) return row.phases !== undefined;
    return (row.step.status ?? 'OPEN') === 'OPEN' ? this.steps.isOpen(row.step.rule) : this.steps.isSuspended(row.step.rule);
  }

  /**
   * Runs before the update is accepted: a rejected action leaves no trace in the history. Answers
   * which automatic change a late entry reopens, if it does.
   */
  validate({ action }: CaseActionRequest<A>): number | undefined {
    const allowed = this.allowedActions();
    assertNotFuture(action.on);
    if (!allowed.includes(action.type)) {
      const reopening = this.closed ? undefined : this.reopeningFor(action);
      if (reopening !== undefined) {
        this.hooks.validate?.(action);
        return reopening;
      }
      const later = this.automatic.length === 0 && action.on < this.lastHumanDate;
      throw ApplicationFailure.create({
        type: CaseFailure.ACTION_NOT_ALLOWED,
        message: later
          ? `${action.type} is not allowed in phase ${this.phase}; an act was recorded after ${action.on}, on ${this.lastHumanDate}`
          : `${action.type} is not allowed in phase ${this.phase}`,
        nonRetryable: true,
        details: [
          {
            phase: this.phase,
            allowedActions: allowed,
            openSteps: this.steps.openViews(),
            ...(later ? { laterActOn: this.lastHumanDate } : {}),
          },
        ],
      });
    }
    this.assertNotBeforeLastDate(action.on);
    this.hooks.validate?.(action);
    return undefined;
  }

  /** An official's act may not be dated before what the case last recorded. */
  private assertNotBeforeLastDate(on: string): void {
    if (on < this.lastDate)
      throw rejectAction(`the date ${on} is before the case's last recorded date ${this.lastDate}`, { field: 'on', lastDate: this.lastDate });
  }

  /**
   * The `case.act` Update: its acceptance put on record before anything is written, then the act.
   * Under one-write-per-act the activity that does so also checks the steps the act would open.
   */
  private async acceptAndAct(request: CaseActionRequest<A>): Promise<CaseSnapshot> {
    if (!patched(ONE_WRITE_PER_ACT)) return onceAccepted((accepted: CaseActionRequest<A>) => this.act(accepted))(request);
    const check = this.stepsCheck(this.rows.get(request.action.type), request.action.on);
    const { problems } = await acceptedAfterCheck(check);
    return this.act(request, check && { jurisdictionId: check.jurisdictionId, problems });
  }

  act(request: CaseActionRequest<A>, checked?: { jurisdictionId: string; problems: string[] }): Promise<CaseSnapshot> {
    return this.lock.run(async () => {
      // The state may have moved between the validator and the lock (a timer fired).
      const reopening = this.validate(request);
      const row = this.rows.get(request.action.type) as ActionDefinition;
      // Checked on acceptance, unless the case moved to another commune since.
      if (checked?.jurisdictionId === this.jurisdictionId) this.refuseIfStepsCannotOpen(checked.problems, request.action.on);
      else await this.checkStepsCanOpen(row, request.action.on);
      await this.gathered(async () => {
        if (reopening !== undefined) await this.reopen(reopening, request.action, request.actor);
        if (row.custom) {
          if (!this.hooks.perform) throw rejectAction(`${row.type} has no handler`);
          await this.hooks.perform(request.action, request.actor);
        } else {
          await this.performRow(row, request.action, request.actor);
        }
      });
      this.lastDate = request.action.on;
      this.lastHumanDate = request.action.on;
      this.automatic = [];
      this.version += 1;
      return this.snapshot();
    });
  }

  /** Undoes the automatic changes from `index` on (newest first), so a late act lands in the phase it was taken in. */
  private async reopen(index: number, action: A, actor: Actor): Promise<void> {
    const undone = this.automatic.splice(index);
    let fields: CasePatch['fields'] = {};
    for (const change of [...undone].reverse()) {
      for (const clock of change.opened)
        if (!clock.isClosed) await clock.cancel({ outcome: `REOPENED_FOR_${action.type}`, actorId: actor.userId });
      fields = { ...fields, ...change.undo?.().fields };
    }
    const first = undone[0] as AutomaticChange;
    this.phase = first.from;
    this.lastDate = this.lastHumanDate;
    await this.note(CaseEventKind.CASE_REOPENED, action.on, actor, undefined, {
      details: { restoredPhase: first.from, undoneFrom: first.on, forAction: action.type },
      patch: { phase: first.from, fields },
    });
  }

  /**
   * Refuses, before anything changes, an action whose next steps cannot open on its date (no rule
   * version in force then, no owner in the registry), instead of recording half of it.
   */
  private async checkStepsCanOpen(row: ActionDefinition, on: string): Promise<void> {
    const check = this.stepsCheck(row, on);
    if (!check || !patched(PREFLIGHT_STEP_RULES)) return;
    const { problems } = await caseRecord().checkStepsCanOpen(check);
    this.refuseIfStepsCannotOpen(problems, on);
  }

  /** What to check before an action opens steps: its row's next steps, in the case's commune, on its date. */
  private stepsCheck(row: ActionDefinition | undefined, on: string): StepsCheck | undefined {
    return row?.opens?.length ? { ruleKeys: [...row.opens], jurisdictionId: this.jurisdictionId, onDate: on } : undefined;
  }

  private refuseIfStepsCannotOpen(problems: readonly string[], on: string): void {
    if (problems.length > 0) throw rejectAction(`the next step cannot open on ${on}: ${problems.join('; ')}`, { field: 'on' });
  }

  /** An action the table fully describes. */
  private async performRow(row: ActionDefinition, action: A, actor: Actor): Promise<void> {
    const by = { actorId: actor.userId };
    const { type: _type, on, ...details } = action as CaseActionBase & Record<string, unknown>;
    if (row.completes) await this.complete(row.completes, on, by);
    if (row.suspends)
      await this.clock(row.suspends).suspend({ reason: String(details.reason ?? row.type), fromDate: on, ...by });
    if (row.resumes) await this.clock(row.resumes).resume({ onDate: on, ...by });
    const stepKey = row.step ? stepKeyOf(row.step.rule) : undefined;
    if (row.movesTo) await this.moveTo(row.movesTo, row.records, on, actor, stepKey, details);
    else await this.note(row.records, on, actor, stepKey, { details });
    if (row.opens) await this.openSteps(row.opens, on);
  }

  /** Opens steps from a legal date, under the procedure's statutory limit where the definition says so. */
  async openSteps(ruleKeys: readonly string[], startDate: string, extra: Pick<OpenStepInput, 'decidedMonths'> = {}) {
    for (const ruleKey of ruleKeys) await this.openStep(ruleKey, startDate, extra);
  }

  openStep(ruleKey: string, startDate: string, extra: Pick<OpenStepInput, 'decidedMonths'> = {}): Promise<StepClock> {
    const limit = this.definition.statutoryLimit;
    const statutoryLimit =
      limit && limit.steps.includes(ruleKey) ? { statutoryLimit: { ruleKey: limit.rule, startDate: this.startDate } } : {};
    return this.steps.open(ruleKey, startDate, { ...extra, ...statutoryLimit });
  }

  clock(ruleKey: string): StepClock {
    const clock = this.steps.current(ruleKey);
    if (!clock) throw rejectAction(`no open step for ${ruleKey}`);
    return clock;
  }

  async complete(ruleKey: string, on: string, by: { actorId: string }, outcome?: string): Promise<void> {
    await this.clock(ruleKey).complete({ ...by, on, outcome: outcome ?? `done on ${on}` });
  }

  /** The person moved: from now on the case's timeline and new steps belong to the new commune. */
  async transferTo(jurisdictionId: string, kind: string, on: string, actor: Actor, details: object = {}): Promise<void> {
    const from = this.jurisdictionId;
    this.jurisdictionId = jurisdictionId;
    this.steps.jurisdictionId = jurisdictionId;
    await this.note(kind, on, actor, undefined, { details: { ...details, from, to: jurisdictionId }, patch: { jurisdictionId } });
  }

  /**
   * Checks a move before it is accepted (synchronous: an Update validator); the registry's checks
   * (the new commune in force, of the province, with the bodies the open steps need) come after,
   * in an activity, before anything changes.
   */
  validateMove({ toJurisdictionId, on, reason }: CaseMoveRequest): void {
    const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
    if (this.closed) throw refuse(CaseFailure.CLOSED, `case ${this.caseRef} is closed`);
    if ((this.definition.subject ?? 'PERSON') !== 'PERSON')
      throw refuse(CaseFailure.NOT_MOVABLE, `a case of ${this.definition.code} is about a ${this.definition.subject ?? ''}, which stays where it is`);
    if (toJurisdictionId === this.jurisdictionId) throw refuse(CaseFailure.ALREADY_IN_COMMUNE, `the case is already held by ${toJurisdictionId}`);
    assertNotFuture(on);
    this.assertNotBeforeLastDate(on);
    if (!reason.trim()) throw rejectAction('a reason is required', { field: 'reason' });
  }

  /**
   * Moves the case to another commune of its province, whatever its procedure (a commune split
   * among several, or the person moved): the timeline says who, when, from where, to where and
   * why; every open step goes on as it was (its due date, what it already sent) under the new
   * commune, and those held by a body of the old commune become the new commune's body's of the
   * same kind. An official's act: nothing dated before it may be recorded afterwards.
   */
  move(request: CaseMoveRequest): Promise<CaseMoveResult> {
    return this.lock.run(async () => {
      // The state may have moved between the validator and the lock.
      this.validateMove(request);
      const { toJurisdictionId: to, on, reason, actor } = request;
      const clocks = this.steps.openClocks().filter((clock) => clock.state.plan !== undefined);
      const planned = await caseRecord().planCaseMove({
        fromJurisdictionId: this.jurisdictionId,
        toJurisdictionId: to,
        on,
        stepIds: clocks.flatMap((clock) => (clock.state.plan ? [clock.state.plan.stepId] : [])),
      });
      if (planned.refusal)
        throw ApplicationFailure.create({ type: planned.refusal.code, message: planned.refusal.en, nonRetryable: true, details: [planned.refusal] });
      const moved = { from: this.jurisdictionId, to, on, reason, steps: planned.steps };
      await this.gathered(async () => {
        await this.transferTo(to, CaseEventKind.CASE_MOVED, on, actor, { reason, steps: planned.steps });
        for (const clock of clocks) await clock.move({ toJurisdictionId: to, handover: planned.handover, on, actorId: actor.userId });
      });
      this.movedTo = to;
      this.lastDate = on;
      this.lastHumanDate = on;
      this.automatic = [];
      this.version += 1;
      return { ...this.snapshot(), moved };
    });
  }

  /**
   * Where a case this one opens afterwards belongs (post-rehabilitation at the commune of
   * residence): the commune the case was moved to, if it was; otherwise the one recorded.
   */
  followUpCommune(recorded: string): string {
    return this.movedTo ?? recorded;
  }

  /** Moves the case's latest legal date forward for something that happened by itself (a window closed). */
  advanceTo(on: string): void {
    if (on > this.lastDate) this.lastDate = on;
  }

  /** Closes the case another way than completion: every open step is cancelled. */
  async close(
    kind: string,
    on: string,
    actor: Actor | undefined,
    reason: string,
    patch: CasePatch = {},
    details: object = {},
  ): Promise<void> {
    await this.steps.cancelAll(reason, actor?.userId);
    this.phase = CLOSED_PHASE;
    await this.note(kind, on, actor, undefined, {
      details: { ...details, reason },
      patch: { ...patch, phase: CLOSED_PHASE, status: 'CLOSED', closedOn: on, closedReason: reason },
    });
  }

  async moveTo(
    phase: string,
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

  /** Appends one timeline entry (and its column changes), numbered by the workflow so a retry writes once. */
  async note(kind: string, on: string, actor: Actor | undefined, stepKey: string | undefined, { details, patch }: NoteOptions) {
    this.seq += 1;
    const entry: CaseEventInput = {
      caseRef: this.caseRef,
      seq: this.seq,
      kind,
      legalDate: on,
      occurredAt: new Date().toISOString(),
      jurisdictionId: this.jurisdictionId,
      ...(actor ? { actor } : {}),
      ...(stepKey ? { stepKey } : {}),
      ...(details || this.onPaperBy ? { details: { ...details, ...(this.onPaperBy ? { onPaperBy: this.onPaperBy } : {}) } } : {}),
      ...(patch ? { patch } : {}),
    };
    if (this.writes) this.writes.event(entry);
    else await caseRecord().recordCaseEvent(entry);
  }

  /**
   * Runs one change of the case (an act, a move, a change of its own) with its writes gathered and
   * recorded together when it ends (ActWrites): one local activity and one transaction instead of
   * one per write. Recorded also when the change fails half-way, so what it did is on record as
   * when each was written at once. Histories from before the patch keep a write per call.
   */
  private async gathered<T>(change: () => Promise<T>): Promise<T> {
    if (this.writes || !patched(ONE_WRITE_PER_ACT)) return change();
    const writes = new ActWrites();
    this.writes = writes;
    this.steps.writes = writes;
    try {
      return await change();
    } finally {
      this.writes = undefined;
      this.steps.writes = undefined;
      // A failure to write is thrown over the change's own: what is not on record matters more.
      await writes.flush();
    }
  }

  /** Tells the case this one came from about an outcome; a case that has closed meanwhile is left alone. */
  async tellParent(parentCaseRef: string | undefined, outcome: Omit<LinkedCaseOutcome, 'caseRef' | 'procedure'>): Promise<void> {
    if (!parentCaseRef) return;
    // The parent hears of what is on record.
    await this.writes?.flush();
    try {
      await getExternalWorkflowHandle(caseWorkflowId(parentCaseRef)).signal(linkedCaseOutcomeSignal, {
        ...outcome,
        caseRef: this.caseRef,
        procedure: this.definition.code,
      });
    } catch (error) {
      log.info('the parent case no longer takes signals', { parentCaseRef, error: String(error) });
    }
  }

  /** Starts a case of another procedure that lives on after this one ends (post-rehabilitation after treatment). */
  async startCase<I>(workflowType: string, caseRef: string, input: I): Promise<void> {
    // The new case starts from what is on record.
    await this.writes?.flush();
    await startChild(workflowType, {
      workflowId: caseWorkflowId(caseRef),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [input],
    });
  }
}
