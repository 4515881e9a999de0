// Every workflow type the worker registers. Workflow code is deterministic: no I/O, no clock.
export { systemPingWorkflow } from './system-ping/system-ping.workflow';
export { deadlineStepWorkflow } from './deadlines/deadline-step.workflow';
export { reportingRunWorkflow } from './reporting/reporting-run.workflow';
export { reportTasksWorkflow } from './reporting/report-tasks.workflow';
export { caseloadImportWorkflow } from '../caseload-import/caseload-import.workflow';
export * from '../procedures/workflows';
