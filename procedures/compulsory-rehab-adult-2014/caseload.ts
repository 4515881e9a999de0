import type { CaseloadSheet } from '../caseload-sheet';
import { compulsoryRehabAdultCaseload } from '../compulsory-rehab-adult/caseload';

const [dossier, notify, ...toTheCourt] = compulsoryRehabAdultCaseload.steps;

/**
 * The 2014–2021 regime's running cases: today's sheet of procedure D with this regime's grounds
 * and the district justice division's check between the notice and the transfer.
 */
export const compulsoryRehabAdult2014Caseload: CaseloadSheet = {
  sheet: 'Cai nghiện bắt buộc 2014-2021',
  person: true,
  opening: [
    { heading: 'Căn cứ (Điều 3 Nghị định 221/2013)', path: 'legalGround', kind: 'integer', hint: '1 (sau giáo dục tại xã) hoặc 2 (không nơi cư trú ổn định)' },
    { heading: 'Ngày phát hiện căn cứ', path: 'groundsFoundOn', kind: 'date', hint: 'Từ 15/02/2014 đến 31/12/2021' },
  ],
  steps: [
    ...[dossier, notify].filter((step) => step !== undefined),
    { action: 'CHECK_LEGALITY', date: 'Ngày Phòng Tư pháp xác nhận tính pháp lý', by: 'Người kiểm tra tính pháp lý' },
    ...toTheCourt,
  ],
};
