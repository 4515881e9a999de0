import type { CaseloadStep } from '../caseload-sheet';

/**
 * The court's part of a compulsory case's row (D for adults, E for minors): the transfer, the
 * acceptance, and the decision with the procedure's outcomes and term. The columns are the same
 * in both sheets, so a province's clerks fill them alike.
 */
export function courtSteps(outcomes: Readonly<Record<string, string>>, term: { min: number; max: number }): CaseloadStep[] {
  return [
    { action: 'TRANSFER_TO_COURT', date: 'Ngày chuyển hồ sơ đến Tòa án', by: 'Người chuyển hồ sơ' },
    { action: 'ACCEPT_DOSSIER', date: 'Ngày Tòa án thụ lý', by: 'Thẩm phán thụ lý' },
    {
      action: 'RECORD_DECISION',
      date: 'Ngày Tòa án quyết định',
      columns: [
        { heading: 'Quyết định của Tòa án', path: 'outcome', kind: { choices: outcomes } },
        { heading: 'Thời hạn (tháng)', path: 'months', kind: 'integer', hint: `${term.min} đến ${term.max}` },
        { heading: 'Số quyết định', path: 'decisionRef', kind: 'text' },
      ],
      by: 'Thẩm phán quyết định',
    },
  ];
}
