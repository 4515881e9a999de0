import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { SystemPingInput, SystemPingResult } from './contract';

const { recordSystemPing } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 10 },
});

export async function systemPingWorkflow(input: SystemPingInput): Promise<SystemPingResult> {
  return recordSystemPing({ workflowId: workflowInfo().workflowId, ...input });
}
