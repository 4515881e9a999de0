import type { CaseloadSheet } from '../caseload-sheet';

/** Education at the commune's running cases: the violation and the fines before it, to the chairman's decision. */
export const educationAtCommuneCaseload: CaseloadSheet = {
  sheet: 'Giáo dục tại xã, phường',
  person: true,
  opening: [
    {
      heading: 'Căn cứ áp dụng',
      path: 'basis',
      kind: { choices: { 'Sử dụng ma túy': 'DRUG_USE', 'Vi phạm trật tự khác': 'OTHER_PUBLIC_ORDER' } },
      hint: 'Sử dụng ma túy / Vi phạm trật tự khác',
    },
    { heading: 'Ngày vi phạm', path: 'violationOn', kind: 'date' },
    { heading: 'Ngày xử phạt lần 1', path: 'priorFines.0.on', kind: 'date' },
    { heading: 'Số quyết định xử phạt lần 1', path: 'priorFines.0.ref', kind: 'text' },
    { heading: 'Ngày xử phạt lần 2', path: 'priorFines.1.on', kind: 'date' },
    { heading: 'Số quyết định xử phạt lần 2', path: 'priorFines.1.ref', kind: 'text' },
  ],
  steps: [
    { action: 'FILE_DOSSIER', date: 'Ngày lập xong hồ sơ', by: 'Người lập hồ sơ' },
    { action: 'NOTIFY_PERSON', date: 'Ngày thông báo' },
    { action: 'COMPLETE_LEGAL_CHECK', date: 'Ngày kiểm tra tính pháp lý', fixed: { lawful: true }, by: 'Công chức tư pháp' },
    { action: 'HOLD_ADVISORY_MEETING', date: 'Ngày họp tư vấn' },
    {
      action: 'DECIDE_MEASURE',
      date: 'Ngày quyết định',
      columns: [
        {
          heading: 'Quyết định',
          path: 'outcome',
          kind: { choices: { 'Áp dụng': 'APPLY', 'Không áp dụng': 'NOT_APPLY', 'Giao gia đình quản lý': 'FAMILY_MANAGEMENT' } },
          hint: 'Áp dụng / Không áp dụng / Giao gia đình quản lý',
        },
        { heading: 'Thời hạn (tháng)', path: 'months', kind: 'integer', hint: '3 đến 6' },
        { heading: 'Số quyết định', path: 'decisionRef', kind: 'text' },
        { heading: 'Người được giao quản lý, giáo dục', path: 'manager', kind: 'text' },
      ],
      by: 'Người ký quyết định',
    },
  ],
};
