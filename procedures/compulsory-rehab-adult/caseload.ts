import type { CaseloadSheet } from '../caseload-sheet';
import { courtSteps } from '../shared/caseload-court-steps';
import { TERM_MONTHS } from './definition';

/** Procedure D's running cases from the province's book: from the grounds found to the admission. */
export const compulsoryRehabAdultCaseload: CaseloadSheet = {
  sheet: 'Cai nghiện bắt buộc',
  person: true,
  opening: [
    { heading: 'Căn cứ (khoản Điều 32 Luật 73/2021)', path: 'legalGround', kind: 'integer', hint: '1, 2, 3 hoặc 4' },
    { heading: 'Ngày phát hiện căn cứ', path: 'groundsFoundOn', kind: 'date' },
  ],
  steps: [
    {
      action: 'FILE_DOSSIER',
      date: 'Ngày lập xong hồ sơ',
      columns: [
        { heading: 'Số kết quả xác định nghiện', path: 'addictionResultRef', kind: 'text' },
        {
          heading: 'Quản lý trong thời gian lập hồ sơ',
          path: 'interimArrangement.kind',
          kind: { choices: { 'Gia đình': 'FAMILY', 'Cơ sở cai nghiện': 'FACILITY' } },
          hint: 'Gia đình / Cơ sở cai nghiện',
        },
        { heading: 'Tạm giữ tại cơ sở từ ngày', path: 'interimArrangement.heldFrom', kind: 'date' },
      ],
      by: 'Người lập hồ sơ',
    },
    { action: 'NOTIFY_PERSON', date: 'Ngày thông báo cho người bị đề nghị' },
    ...courtSteps({ 'Áp dụng': 'APPLY', 'Không áp dụng': 'NOT_APPLY', 'Đình chỉ': 'SUSPEND', 'Tạm đình chỉ': 'TEMPORARILY_SUSPEND' }, TERM_MONTHS),
    { action: 'ADMIT', date: 'Ngày tiếp nhận vào cơ sở', by: 'Cán bộ tiếp nhận' },
  ],
};
