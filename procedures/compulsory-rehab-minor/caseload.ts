import type { CaseloadSheet } from '../caseload-sheet';
import { courtSteps } from '../shared/caseload-court-steps';
import { MINOR_TERM_MONTHS } from './rules';

const NOTICE = { 'Trực tiếp': 'IN_PERSON', 'Bằng văn bản': 'IN_WRITING', 'Qua điện thoại': 'BY_PHONE' } as const;

/** Procedure E's running cases (minors 12 to under 18): from the grounds found to the admission. */
export const compulsoryRehabMinorCaseload: CaseloadSheet = {
  sheet: 'Cai nghiện bắt buộc NCTN',
  person: true,
  opening: [
    { heading: 'Căn cứ (khoản Điều 32 Luật 73/2021)', path: 'legalGround', kind: 'integer', hint: '1, 2 hoặc 3' },
    { heading: 'Ngày phát hiện căn cứ', path: 'groundsFoundOn', kind: 'date' },
    { heading: 'Họ tên cha, mẹ hoặc người giám hộ', path: 'guardian.name', kind: 'text' },
    {
      heading: 'Quan hệ',
      path: 'guardian.relation',
      kind: { choices: { Cha: 'FATHER', Mẹ: 'MOTHER', 'Người giám hộ': 'GUARDIAN', 'Người đại diện khác': 'OTHER_REPRESENTATIVE' } },
    },
  ],
  steps: [
    { action: 'FILE_DOSSIER', date: 'Ngày lập xong hồ sơ', by: 'Người lập hồ sơ' },
    {
      action: 'NOTIFY_GUARDIAN_OF_DOSSIER',
      date: 'Ngày thông báo cho cha mẹ, người giám hộ',
      columns: [{ heading: 'Hình thức thông báo', path: 'how', kind: { choices: NOTICE } }],
    },
    ...courtSteps({ 'Đưa vào cơ sở': 'SEND', 'Không đưa vào cơ sở': 'NOT_SEND', 'Đình chỉ': 'SUSPEND', 'Tạm đình chỉ': 'TEMPORARILY_SUSPEND' }, MINOR_TERM_MONTHS),
    { action: 'ADMIT', date: 'Ngày tiếp nhận vào cơ sở', by: 'Cán bộ tiếp nhận' },
  ],
};
