import { COMMUNE_CHAIRMAN, DEFAULT_REMINDERS, ladderVia } from '../../rules/escalation-ladders';
import type { StepRule } from '../../rules/rule-types';

/**
 * Procedure F, post-rehabilitation management at the place of residence (domain/procedures.md
 * §7). The period (2 years for an adult after compulsory rehabilitation) is confirmed; the
 * monthly residence check is a confirmed duty, but the day it is due within the month is not,
 * so its 30-day budget is a default a province may override.
 */
export const POST_REHAB = 'POST_REHAB';

export const POST_REHAB_ADULT_MONTHS = 24;

export const postRehabRules: readonly StepRule[] = [
  {
    key: 'PR.CHECK_IN',
    procedure: POST_REHAB,
    titleVi: 'Kiểm tra, nắm tình hình người sau cai nghiện hằng tháng',
    titleEn: 'Monthly check-in with the person under post-rehabilitation management',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: {
          code: 'CHECK_IN_PERIOD_STARTED',
          nameVi: 'Bắt đầu tháng quản lý',
          nameEn: 'Management month started',
        },
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 40' },
        confidence: 'UNCONFIRMED',
        noteVi: 'Nghĩa vụ kiểm tra hằng tháng đã xác nhận; ngày đến hạn trong tháng là mặc định.',
        noteEn: 'The monthly check is a confirmed duty; the day it falls due within the month is a default.',
      },
    ],
  },
];
