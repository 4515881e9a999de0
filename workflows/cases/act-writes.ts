import type { createActivities } from '../../activities';
import type { ActWrite, ActWriteResult } from '../../activities/cases/act-writes.activities';
import type { CaseEventInput, RegisterCaseInput } from '../../activities/cases/case.activities';
import type { OpeningInput, StepChangeWrite } from '../../activities/deadlines/step.activities';
import { StepFailure, type StepPlan } from '../deadlines/contract';
import type { StepWrites } from '../deadlines/step-clock';
import { databaseWrites } from '../support/database-writes';

type Activities = ReturnType<typeof createActivities>;

/** The patch that records what each act writes in one local activity and one transaction. */
export const ONE_WRITE_PER_ACT = 'one-write-per-act';

const record = databaseWrites<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    // A rule that does not apply or an agency missing from the registry needs a person, not a retry.
    nonRetryableErrorTypes: [StepFailure.RULE, StepFailure.NO_RESPONSIBLE_AGENCY, StepFailure.INVALID_ADJUSTMENT, 'CALENDAR.OUT_OF_RANGE'],
  },
});

/**
 * The writes of one change of a case (an official's act, a move, a change the case makes by
 * itself): its timeline entries and its steps' openings and changes, gathered while the change
 * runs and recorded together by one local activity in one transaction, instead of one each. The
 * workflow then wakes once for them, not once per write. Each is answered, in order, when they
 * are on record.
 */
export class ActWrites implements StepWrites {
  private pending: { write: ActWrite; written: (result: ActWriteResult | undefined) => void }[] = [];

  register(input: RegisterCaseInput, written: (registered: { personId: string | null; provinceId: string } | undefined) => void): void {
    this.pending.push({ write: { kind: 'register', input }, written: (result) => written(result as { personId: string | null; provinceId: string } | undefined) });
  }

  event(input: CaseEventInput): void {
    this.pending.push({ write: { kind: 'event', input }, written: () => undefined });
  }

  open(input: OpeningInput, written: (plan: StepPlan | undefined) => void): void {
    this.pending.push({ write: { kind: 'open', input }, written: (result) => written(result as StepPlan | undefined) });
  }

  change(write: StepChangeWrite, written: (plan: StepPlan | undefined) => void): void {
    this.pending.push({ write: { kind: 'change', ...write }, written: (result) => written(result as StepPlan | undefined) });
  }

  /**
   * Records what was gathered so far and answers each write. When they cannot be written (a rule
   * that does not apply) none is: each is answered undefined and the failure is thrown here.
   */
  async flush(): Promise<void> {
    const gathered = this.pending.splice(0);
    if (gathered.length === 0) return;
    let results: ActWriteResult[];
    try {
      results = await record().recordActWrites({ writes: gathered.map(({ write }) => write) });
    } catch (error) {
      for (const { written } of gathered) written(undefined);
      throw error;
    }
    gathered.forEach(({ written }, index) => written(results[index]));
  }
}
