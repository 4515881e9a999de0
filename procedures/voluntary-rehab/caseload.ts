import type { CaseloadSheet } from '../caseload-sheet';

/** Voluntary rehabilitation's running cases: the registration, then the decision (community) or the admission (facility). */
export const voluntaryRehabCaseload: CaseloadSheet = {
  sheet: 'Cai nghiện tự nguyện',
  person: true,
  opening: [
    {
      heading: 'Hình thức cai nghiện',
      path: 'setting',
      kind: { choices: { 'Tại cộng đồng': 'COMMUNITY', 'Tại cơ sở': 'FACILITY' } },
      hint: 'Tại cộng đồng / Tại cơ sở',
    },
    { heading: 'Ngày đăng ký', path: 'registeredOn', kind: 'date' },
  ],
  steps: [
    {
      action: 'DECIDE_VOLUNTARY_TREATMENT',
      date: 'Ngày quyết định cai nghiện tại cộng đồng',
      columns: [
        { heading: 'Số quyết định', path: 'decisionRef', kind: 'text' },
        { heading: 'Tổ chức cung cấp dịch vụ', path: 'provider', kind: 'text' },
        { heading: 'Người được giao theo dõi', path: 'monitor', kind: 'text' },
        { heading: 'Thời gian cai nghiện (tháng)', path: 'months', kind: 'integer' },
      ],
      by: 'Người ký quyết định',
    },
    {
      action: 'ADMIT_VOLUNTARY',
      date: 'Ngày tiếp nhận vào cơ sở',
      columns: [
        { heading: 'Số hợp đồng', path: 'contractRef', kind: 'text' },
        { heading: 'Thời gian cai nghiện (tháng)', path: 'months', kind: 'integer' },
      ],
      by: 'Cán bộ tiếp nhận',
    },
  ],
};
