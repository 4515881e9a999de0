/** What the API and the worker share about the caseload import's workflow. */
export const CASELOAD_IMPORT_WORKFLOW = 'caseloadImportWorkflow';
export const caseloadImportWorkflowId = (importId: string) => `caseload-import-${importId}`;
export interface CaseloadImportInput {
  importId: string;
}

/** The attempts of a batch of rows; on the last one a row that still fails is marked FAILED instead of failing the batch. */
export const IMPORT_ROW_ATTEMPTS = 5;
