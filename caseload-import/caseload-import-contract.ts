/** What the API and the worker share about the caseload import's workflow. */
export const CASELOAD_IMPORT_WORKFLOW = 'caseloadImportWorkflow';
export const caseloadImportWorkflowId = (importId: string) => `caseload-import-${importId}`;
export interface CaseloadImportInput {
  importId: string;
}
