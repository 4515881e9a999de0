import { COMMUNE_CHAIRMAN, DEFAULT_REMINDERS, ladderToProvince, ladderVia } from '../../rules/escalation-ladders';
import type { StepRule } from '../../rules/rule-types';

/**
 * Procedure F, post-rehabilitation management at the place of residence (domain/procedures.md
 * §7). The period (2 years for an adult after compulsory rehabilitation) is confirmed; the
 * monthly residence check is a confirmed duty, but the day it is due within the month is not,
 * so its 30-day budget is a default a province may override.
 */
export const POST_REHAB = 'POST_REHAB';

/** Law 73/2021 Art. 40: 2 years after an adult's compulsory rehabilitation, 1 year after voluntary treatment, substitution therapy or a minor's term. */
export const POST_REHAB_ADULT_MONTHS = 24;
export const POST_REHAB_SHORT_MONTHS = 12;

const CHECK_IN_STARTED = { code: 'CHECK_IN_PERIOD_STARTED', nameVi: 'Bắt đầu tháng quản lý', nameEn: 'Management month started' };

/**
 * Before Law 73/2021: post-rehabilitation of 1–2 years at the place of residence (Law on Drug
 * Prevention 2008 Art. 33, ND 94/2009), for the 2014–2021 regime's cases that ended then.
 */
const BEFORE_2022 = {
  effectiveFrom: '2014-02-15',
  effectiveTo: '2021-12-31',
  source: { document: 'Luật Phòng, chống ma túy 2000 (sửa đổi 2008)', article: 'Điều 33; Nghị định 94/2009/NĐ-CP' },
  confidence: 'UNCONFIRMED' as const,
  noteVi: 'Chế độ trước năm 2022; thời hạn và nhịp kiểm tra chưa xác minh, tỉnh có thể điều chỉnh.',
  noteEn: 'The regime before 2022; limits and cadence unverified, the province may override.',
};

export const postRehabRules: readonly StepRule[] = [
  {
    key: 'PR.CHECK_IN',
    procedure: POST_REHAB,
    titleVi: 'Kiểm tra, nắm tình hình người sau cai nghiện hằng tháng',
    titleEn: 'Monthly check-in with the person under post-rehabilitation management',
    versions: [
      {
        // A compulsory-rehabilitation case of the 2014–2021 regime that ended before 2022 (§7, old regime).
        ...BEFORE_2022,
        startEvent: CHECK_IN_STARTED,
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
      },
      {
        effectiveFrom: '2022-01-01',
        startEvent: CHECK_IN_STARTED,
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 40' },
        confidence: 'UNCONFIRMED',
        noteVi:
          'Điều 40 quy định việc quản lý sau cai nghiện, không quy định nhịp hằng tháng; nhịp hằng tháng theo thực tiễn Nghị định 94/2009 (đã hết hiệu lực). Giá trị mặc định, tỉnh có thể điều chỉnh.',
        noteEn:
          'Art. 40 sets the management, not a monthly cadence; the monthly check follows the practice of the repealed ND 94/2009. A default the province may override.',
      },
    ],
  },
  {
    key: 'PR.CERTIFICATE',
    procedure: POST_REHAB,
    titleVi: 'Cấp giấy chứng nhận hoàn thành quản lý sau cai nghiện (Mẫu 54) và đưa ra khỏi danh sách',
    titleEn: 'Certify completion of post-rehabilitation management (Form 54) and remove from the list',
    versions: [
      {
        ...BEFORE_2022,
        startEvent: { code: 'MANAGEMENT_PERIOD_ENDED', nameVi: 'Hết thời hạn quản lý', nameEn: 'Management period ended' },
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: COMMUNE_CHAIRMAN,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
      },
      {
        effectiveFrom: '2022-01-01',
        startEvent: { code: 'MANAGEMENT_PERIOD_ENDED', nameVi: 'Hết thời hạn quản lý', nameEn: 'Management period ended' },
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: COMMUNE_CHAIRMAN,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
        source: { document: 'Nghị định 116/2021/NĐ-CP', article: 'Điều 81' },
        confidence: 'UNCONFIRMED',
        noteVi: 'Giấy chứng nhận đã xác nhận; thời hạn cấp là mặc định, tỉnh có thể điều chỉnh.',
        noteEn: 'The certificate is confirmed; the time to issue it is a default the province may override.',
      },
    ],
  },
];
