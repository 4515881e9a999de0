import type { CaseloadSheet } from '../caseload-sheet';

/** Procedure A's running cases: the positive test, then the chairman's decision to manage. */
export const drugUserManagementCaseload: CaseloadSheet = {
  sheet: 'Quản lý người sử dụng ma túy',
  person: true,
  opening: [
    { heading: 'Ngày xét nghiệm dương tính', path: 'testedOn', kind: 'date' },
    { heading: 'Số kết quả xét nghiệm', path: 'testResultRef', kind: 'text' },
    { heading: 'Số biên bản vi phạm', path: 'violationRecordRef', kind: 'text' },
  ],
  steps: [
    {
      action: 'DECIDE_MANAGEMENT',
      date: 'Ngày quyết định quản lý',
      columns: [{ heading: 'Số quyết định quản lý', path: 'decisionRef', kind: 'text' }],
      by: 'Người ký quyết định',
    },
  ],
};
