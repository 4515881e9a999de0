import { ApplicationFailure, condition, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { databaseWrites } from '../support/database-writes';
import { armAlone, type Arm } from './armory';
import { Lock } from '../support/lock';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import {
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

  constructor(
    private readonly input: OpenStepInput,
    /** How its notifications are armed: alone, or gathered with its workflow's other clocks (Armory). */
    private readonly arm: Arm = armAlone,
  ) {}

  get state(): StepState {
    return { plan: this.plan, firedKeys: [...this.fired] };
  }

  get isClosed(): boolean {
    return this.plan?.status === 'COMPLETED' || this.plan?.status === 'CANCELLED';
  }

  async open(): Promise<StepPlan> {
    this.openedAt = new Date().toISOString();
    const plan = await steps().openStep({
      ...this.input,
      workflowId: workflowInfo().workflowId,
      openedAt: new Date().toISOString(),
    });
    this.replace(plan);
    return plan;
  }

  /** Keeps time until the step is completed or cancelled; returns the final plan. */
  async run(): Promise<StepPlan> {
    if (!this.plan) await this.open();
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
    return this.plan as StepPlan;
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

  complete(input: CompleteStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().completeStep({ stepId: this.stepId, revision, at, ...input }));
  }

  suspend(input: SuspendStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().suspendStep({ stepId: this.stepId, revision, at, ...input }));
  }

  resume(input: ResumeStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().resumeStep({ stepId: this.stepId, revision, at, ...input }));
  }

  /** Closes the step without completing it, e.g. the dossier was returned; pending notifications stop. */
  cancel(input: CompleteStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().cancelStep({ stepId: this.stepId, revision, at, ...input }));
  }

  extend(input: ExtendStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().extendStep({ stepId: this.stepId, revision, at, ...input }));
  }

  /**
   * The case moved to another commune: the same step, handed to the new commune's body where the
   * old commune's held it. The fire points keep their keys and instants, so what fired stays fired
   * and nothing is sent again; those still to come go to the new recipients.
   */
  move(input: MoveStepInput): Promise<StepPlan> {
    return this.change((revision, at) => steps().moveStep({ stepId: this.stepId, revision, at, ...input }));
  }

  private get stepId(): string {
    if (!this.plan)
      throw ApplicationFailure.create({
        type: StepFailure.NOT_OPEN,
        message: 'the step is not open yet',
        nonRetryable: true,
      });
    return this.plan.stepId;
  }

  private requireStatus(allowed: readonly string[], failure: string): void {
    if (!this.plan || !allowed.includes(this.plan.status)) {
      throw ApplicationFailure.create({
        type: failure,
        message: `step is ${this.plan?.status ?? 'not yet open'}`,
        nonRetryable: true,
      });
    }
  }

  /** Runs one change under the lock with the next ledger revision; the activity is idempotent on it. */
  private async change(apply: (revision: number, at: string) => Promise<StepPlan>): Promise<StepPlan> {
    await condition(() => this.plan !== undefined);
    return this.lock.run(async () => {
      const revision = (this.plan as StepPlan).revision + 1;
      const plan = await apply(revision, new Date().toISOString());
      this.replace(plan);
      return plan;
    });
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
