import { ApplicationFailure, condition, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { databaseWrites } from '../support/database-writes';
import { armAlone, type Arm } from './armory';
import { Lock } from '../support/lock';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import type { OpeningInput, StepChangeWrite } from '../../activities/deadlines/step.activities';
import {
  stepIdOf,
  StepFailure,
  type CompleteStepInput,
  type ExtendStepInput,
  type MoveStepInput,
  type OpenStepInput,
  type ResumeStepInput,
  type StepPlan,
  type StepState,
  type SuspendStepInput,
} from './contract';

type Activities = ReturnType<typeof createActivities>;

const steps = databaseWrites<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    // A rule that does not apply or an agency missing from the registry needs a person, not a retry.
    nonRetryableErrorTypes: [
      StepFailure.RULE,
      StepFailure.NO_RESPONSIBLE_AGENCY,
      StepFailure.INVALID_ADJUSTMENT,
      'CALENDAR.OUT_OF_RANGE',
    ],
  },
});

const deliveries = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: ['NOTIFY.EMAIL_REJECTED', 'NOTIFY.WEBHOOK_REJECTED'],
  },
});

/**
 * Where a clock's writes go while its case gathers an act's writes into one transaction (the
 * case's ActWrites): each is answered, in order, once they are all on record (undefined when
 * they could not be written).
 */
export interface StepWrites {
  open(input: OpeningInput, written: (plan: StepPlan | undefined) => void): void;
  change(write: StepChangeWrite, written: (plan: StepPlan | undefined) => void): void;
}

/** A clock's plan as a standalone write answers it: always there (only gathered writes answer later). */
export function writtenAlone(plan: StepPlan | undefined): StepPlan {
  if (!plan) throw ApplicationFailure.create({ type: StepFailure.NOT_OPEN, message: 'the step was written with an act', nonRetryable: true });
  return plan;
}

/** One change written alone, in a transaction of its own. */
function writeAlone(write: StepChangeWrite): Promise<StepPlan> {
  switch (write.change) {
    case 'complete':
      return steps().completeStep(write.input);
    case 'cancel':
      return steps().cancelStep(write.input);
    case 'suspend':
      return steps().suspendStep(write.input);
    case 'resume':
      return steps().resumeStep(write.input);
    case 'extend':
      return steps().extendStep(write.input);
    case 'move':
      return steps().moveStep(write.input);
  }
}

/** The patch that arms a notification's write ahead of its instant instead of waking the workflow at it. */
export const ARMED_NOTIFICATIONS = 'armed-notifications';

/**
 * How long before its instant a notification is armed: an activity on the clock task queue then
 * waits for the instant and writes it there. A thousand steps due together wake their workflows
 * over a few seconds on a small machine; armed this far ahead, every write still lands on time.
 * The points due within this span after the first are armed together, in order.
 */
export const ARM_AHEAD_MS = 30_000;

/**
 * One human step's deadline inside a workflow (DESIGN.md decisions 3–5): opens the step through
 * an activity that computes the due date, sleeps until shortly before each reminder and escalation
 * rung and arms it (an activity writes it at its instant, once, if the step still wants it), and follows completion, "stop the clock" and extensions. Every instant
 * comes from the activities; this code only waits and decides, so it replays identically.
 */
export class StepClock {
  private plan: StepPlan | undefined;
  private readonly fired = new Set<string>();
  private readonly lock = new Lock();
  private readonly sending: Promise<void>[] = [];
  /** Workflow time the step was opened: notifications planned before it are history, not news. */
  private openedAt = '';
  /** Bumped on every change, so waits wake up and re-plan. */
  private changes = 0;
  /** Decided once per clock: histories from before the patch keep waking at each instant. */
  private armed: boolean | undefined;
  /** Points armed and not back yet, by key: never armed twice at once. */
  private readonly armedPoints = new Map<string, Promise<void>>();
  /**
   * Writes handed to the case's act and not answered yet: the revision the last of them writes,
   * and the status the step then has (what the rest of the act sees already).
   */
  private staged: { revision: number; status?: StepPlan['status'] } | undefined;

  constructor(
    private readonly input: OpenStepInput,
    /** How its notifications are armed: alone, or gathered with its workflow's other clocks (Armory). */
    private readonly arm: Arm = armAlone,
    /** The case's act gathering its writes, while one does; otherwise each change is written alone. */
    private readonly gathering: () => StepWrites | undefined = () => undefined,
  ) {}

  get state(): StepState {
    return { plan: this.plan, firedKeys: [...this.fired] };
  }

  /** The step's status, counting a change handed to the act and not yet on record. */
  get status(): StepPlan['status'] | undefined {
    return this.staged?.status ?? this.plan?.status;
  }

  get isClosed(): boolean {
    return this.status === 'COMPLETED' || this.status === 'CANCELLED';
  }

  /** Opens the step; its plan comes back at once, or with its act's other writes when the case gathers them (undefined here then). */
  async open(): Promise<StepPlan | undefined> {
    this.openedAt = new Date().toISOString();
    const input = { ...this.input, workflowId: workflowInfo().workflowId, openedAt: new Date().toISOString() };
    const writes = this.gathering();
    if (writes) {
      this.staged = { revision: 0 };
      writes.open(input, (plan) => this.written(0, plan));
      return undefined;
    }
    const plan = await steps().openStep(input);
    this.replace(plan);
    return plan;
  }

  /** Keeps time until the step is completed or cancelled; returns the final plan (none when its opening could not be written). */
  async run(): Promise<StepPlan | undefined> {
    if (!this.plan && !this.staged) await this.open();
    // Opened with its act's other writes: the plan comes when they are on record.
    if (!this.plan) await condition(() => this.plan !== undefined || this.staged === undefined);
    if (!this.plan) return undefined;
    this.armed ??= patched(ARMED_NOTIFICATIONS);
    while (!this.isClosed) {
      const seen = this.changes;
      const next = this.nextFirePoint();
      if (!next) {
        await condition(() => this.changes !== seen);
        continue;
      }
      if (this.armed) {
        const wait = Date.parse(next.at) - ARM_AHEAD_MS - Date.now();
        if (wait > 0 && (await condition(() => this.changes !== seen, wait))) continue;
        this.armFrom(next);
        // Until a change, or an armed point comes back: then plan again.
        await condition(() => this.changes !== seen);
        continue;
      }
      const wait = Date.parse(next.at) - Date.now();
      if (wait > 0 && (await condition(() => this.changes !== seen, wait))) continue;
      await this.lock.run(async () => {
        // A completion or suspension may have landed while the timer fired.
        if (this.changes !== seen || this.isClosed) return;
        await this.fire(next);
      });
    }
    // Armed points still out come back unwritten (the step closed) or written before it closed.
    await Promise.all(this.armedPoints.values());
    await Promise.all(this.sending);
    return this.plan;
  }

  validateComplete(): void {
    this.requireStatus(['OPEN', 'SUSPENDED'], StepFailure.NOT_OPEN);
  }

  validateSuspend(input: SuspendStepInput): void {
    this.requireStatus(
      ['OPEN'],
      this.plan?.status === 'SUSPENDED' ? StepFailure.ALREADY_SUSPENDED : StepFailure.NOT_OPEN,
    );
    if (!input.reason?.trim())
      throw ApplicationFailure.create({
        type: StepFailure.INVALID_ADJUSTMENT,
        message: 'a reason is required',
        nonRetryable: true,
      });
  }

  validateResume(): void {
    this.requireStatus(['SUSPENDED'], StepFailure.NOT_SUSPENDED);
  }

  validateExtend(input: ExtendStepInput): void {
    this.requireStatus(['OPEN', 'SUSPENDED'], StepFailure.NOT_OPEN);
    if (!Number.isInteger(input.amount) || input.amount <= 0 || !input.reason?.trim()) {
      throw ApplicationFailure.create({
        type: StepFailure.INVALID_ADJUSTMENT,
        message: 'a positive whole amount and a reason are required',
        nonRetryable: true,
      });
    }
  }

  complete(input: CompleteStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'complete', input: { stepId: this.stepId, revision, at, ...input } }), 'COMPLETED');
  }

  suspend(input: SuspendStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'suspend', input: { stepId: this.stepId, revision, at, ...input } }), 'SUSPENDED');
  }

  resume(input: ResumeStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'resume', input: { stepId: this.stepId, revision, at, ...input } }), 'OPEN');
  }

  /** Closes the step without completing it, e.g. the dossier was returned; pending notifications stop. */
  cancel(input: CompleteStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'cancel', input: { stepId: this.stepId, revision, at, ...input } }), 'CANCELLED');
  }

  extend(input: ExtendStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'extend', input: { stepId: this.stepId, revision, at, ...input } }));
  }

  /**
   * The case moved to another commune: the same step, handed to the new commune's body where the
   * old commune's held it. The fire points keep their keys and instants, so what fired stays fired
   * and nothing is sent again; those still to come go to the new recipients.
   */
  move(input: MoveStepInput): Promise<StepPlan | undefined> {
    return this.change((revision, at) => ({ change: 'move', input: { stepId: this.stepId, revision, at, ...input } }));
  }

  private get stepId(): string {
    if (this.staged && !this.plan) return stepIdOf(workflowInfo().workflowId, this.input.stepKey);
    if (!this.plan)
      throw ApplicationFailure.create({
        type: StepFailure.NOT_OPEN,
        message: 'the step is not open yet',
        nonRetryable: true,
      });
    return this.plan.stepId;
  }

  private requireStatus(allowed: readonly string[], failure: string): void {
    const status = this.status;
    if (!status || !allowed.includes(status)) {
      throw ApplicationFailure.create({
        type: failure,
        message: `step is ${status ?? 'not yet open'}`,
        nonRetryable: true,
      });
    }
  }

  /**
   * Runs one change with the next ledger revision; the write is idempotent on it. While the case
   * gathers an act's writes the change goes with them and the rest of the act sees its status at
   * once; otherwise it is written here, under the clock's lock. A clock begun before notifications
   * were armed writes its own at their instants under that lock, so its changes are always written here.
   */
  private async change(write: (revision: number, at: string) => StepChangeWrite, status?: StepPlan['status']): Promise<StepPlan | undefined> {
    const writes = this.armed === false ? undefined : this.gathering();
    if (writes && (this.plan || this.staged)) {
      const revision = (this.staged?.revision ?? (this.plan as StepPlan).revision) + 1;
      this.staged = { revision, status: status ?? this.status };
      writes.change(write(revision, new Date().toISOString()), (plan) => this.written(revision, plan));
      return undefined;
    }
    await condition(() => this.plan !== undefined);
    return this.lock.run(async () => {
      const plan = await writeAlone(write((this.plan as StepPlan).revision + 1, new Date().toISOString()));
      this.replace(plan);
      return plan;
    });
  }

  /** A write handed to the act is on record (or could not be written: the plan stays as it was). */
  private written(revision: number, plan: StepPlan | undefined): void {
    if (plan) this.replace(plan);
    if (!plan || this.staged?.revision === revision) this.staged = undefined;
  }

  private replace(plan: StepPlan): void {
    this.plan = plan;
    this.changes += 1;
  }

  private nextFirePoint(): FirePoint | undefined {
    return this.duePoints()[0];
  }

  /** The points still to fire and not armed already, in the order they fall due. */
  private duePoints(): FirePoint[] {
    const plan = this.plan;
    if (!plan) return [];
    // While the clock is stopped only the procedure's own limit keeps running. A step recorded
    // after the fact (its legal dates in the past) sends no back-dated reminders or rungs: the
    // overdue views show it, and officials are not flooded by notifications about the past.
    return plan.firePoints
      .filter(
        (point) =>
          !this.fired.has(point.key) &&
          !this.armedPoints.has(point.key) &&
          point.at >= this.openedAt &&
          (plan.status === 'OPEN' || point.kind === 'STATUTORY_LIMIT'),
      )
      .sort((a, b) => a.at.localeCompare(b.at) || a.rung - b.rung);
  }

  private async fire(point: FirePoint): Promise<void> {
    const plan = this.plan as StepPlan;
    const recorded = await steps().recordNotification({ stepId: plan.stepId, firePoint: point });
    this.fired.add(point.key);
    this.changes += 1;
    this.deliver(recorded.pendingDeliveryIds);
  }

  /**
   * Arms the points due from `first` to ARM_AHEAD_MS after it (those not armed already), each an
   * activity that writes it at its instant while the step is still as this plan says (the
   * database guards it, so a completion, a stop or a new due date landing meanwhile writes nothing
   * it should not), delivered as soon as it is written. Nothing waits for them here: a change
   * re-plans at once (an extension's earlier new instant is armed while the old ones are still
   * out), and each that comes back wakes the clock to plan again. What was written is delivered
   * even if the step closed since: it was due first.
   */
  private armFrom(first: FirePoint): void {
    const plan = this.plan as StepPlan;
    const horizon = Date.parse(first.at) + ARM_AHEAD_MS;
    for (const point of this.duePoints().filter((due) => Date.parse(due.at) <= horizon)) {
      const back = this.arm({ stepId: plan.stepId, revision: plan.revision, firePoint: point })
        .then(
          (recorded) => {
            if (!recorded) return;
            this.fired.add(point.key);
            this.deliver(recorded.pendingDeliveryIds);
          },
          (error: unknown) => log.warn('armed notification failed; it is armed again', { key: point.key, error: String(error) }),
        )
        .finally(() => {
          this.armedPoints.delete(point.key);
          this.changes += 1;
        });
      this.armedPoints.set(point.key, back);
    }
  }

  private deliver(pendingDeliveryIds: string[]): void {
    for (const deliveryId of pendingDeliveryIds) {
      this.sending.push(
        deliveries.deliverNotification({ deliveryId }).then(
          () => undefined,
          (error: unknown) => {
            // The in-app inbox already holds it; a channel that refused it is recorded as FAILED.
            log.warn('notification delivery gave up', { deliveryId, error: String(error) });
          },
        ),
      );
    }
  }
}
