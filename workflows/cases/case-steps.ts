import { armAlone } from '../deadlines/armory';
import { StepClock, type StepWrites } from '../deadlines/step-clock';
import type { OpenStepInput } from '../deadlines/contract';
import { stepKeyOf } from '../../procedures/procedure-definition';
import type { OpenStepView } from './case-contract';

/**
 * The deadline steps of one case: each a StepClock keeping its own reminders and rungs in the
 * background while the case moves on. A step key is used once per case; a step that opens again
 * (a decision after proceedings resume, admission after a postponement) gets a numbered key.
 */
export class CaseSteps {
  private readonly clocks = new Map<string, { ruleKey: string; clock: StepClock }>();
  private readonly running: Promise<unknown>[] = [];

  /** While the case gathers a change's writes (ActWrites): where its steps' writes go. */
  writes: StepWrites | undefined;

  constructor(
    private readonly caseRef: string,
    /** Where new steps open: the case's commune, which changes when the person moves. */
    public jurisdictionId: string,
  ) {}

  async open(
    ruleKey: string,
    startDate: string,
    extra: Pick<OpenStepInput, 'statutoryLimit' | 'decidedMonths'> = {},
  ): Promise<StepClock> {
    const base = stepKeyOf(ruleKey);
    const reopened = [...this.clocks.values()].filter((entry) => entry.ruleKey === ruleKey).length;
    const stepKey = reopened === 0 ? base : `${base}.${reopened + 1}`;
    const clock = new StepClock(
      { caseRef: this.caseRef, stepKey, ruleKey, jurisdictionId: this.jurisdictionId, startDate, ...extra },
      armAlone,
      () => this.writes,
    );
    this.clocks.set(stepKey, { ruleKey, clock });
    await clock.open();
    this.running.push(clock.run());
    return clock;
  }

  /** The open (or suspended) step of a rule, if any. */
  current(ruleKey: string): StepClock | undefined {
    for (const { ruleKey: key, clock } of this.clocks.values()) {
      if (key === ruleKey && !clock.isClosed) return clock;
    }
    return undefined;
  }

  isOpen(ruleKey: string): boolean {
    return this.current(ruleKey)?.status === 'OPEN';
  }

  isSuspended(ruleKey: string): boolean {
    return this.current(ruleKey)?.status === 'SUSPENDED';
  }

  openViews(): OpenStepView[] {
    const views: OpenStepView[] = [];
    for (const [stepKey, { ruleKey, clock }] of this.clocks) {
      const plan = clock.state.plan;
      if (!plan || clock.isClosed) continue;
      views.push({
        stepKey,
        ruleKey,
        status: plan.status,
        dueDate: plan.dueDate,
        ownerAgencyId: plan.ownerAgencyId,
        ownerRole: plan.ownerRole,
      });
    }
    return views;
  }

  /** Every clock still open or suspended. */
  openClocks(): StepClock[] {
    return [...this.clocks.values()].filter(({ clock }) => !clock.isClosed).map(({ clock }) => clock);
  }

  /** Cancels every step still open, e.g. when the case closes another way. */
  async cancelAll(reason: string, actorId?: string): Promise<void> {
    for (const { clock } of this.clocks.values()) {
      if (!clock.isClosed) await clock.cancel({ outcome: reason, ...(actorId ? { actorId } : {}) });
    }
  }

  /** Waits for every clock's last notifications to be delivered. */
  async settle(): Promise<void> {
    await Promise.all(this.running);
  }
}
