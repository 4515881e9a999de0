/**
 * The end-to-end probe: the API starts it, the worker runs it, its activity writes a row.
 * Shared by the API, the workflow and the tests, so none of them spells these twice.
 */
export const SYSTEM_PING_WORKFLOW = 'systemPingWorkflow';

export const systemPingWorkflowId = (key: string): string => `system-ping:${key}`;

export interface SystemPingInput {
  requestedBy: string;
  jurisdictionId: string;
  note: string;
}

export interface SystemPingResult {
  pingId: string;
  recordedAt: string;
}
