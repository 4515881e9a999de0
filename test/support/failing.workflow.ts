import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';

/** An activity that fails as a database constraint does: quoting the value it refused. */
export interface FailingActivities {
  insertPerson(identityNumber: string): Promise<void>;
}

const { insertPerson } = proxyActivities<FailingActivities>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

/** Fails twice in its history: the activity's failure, then its own, both quoting the value. */
export async function failingWorkflow(identityNumber: string): Promise<void> {
  try {
    await insertPerson(identityNumber);
  } catch (error) {
    throw ApplicationFailure.create({
      type: 'TEST.REFUSED',
      message: `person ${identityNumber} could not be recorded`,
      nonRetryable: true,
      cause: error as Error,
    });
  }
}
