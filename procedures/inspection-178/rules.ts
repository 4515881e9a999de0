import { DEFAULT_REMINDERS, HEALTH_DEPARTMENT } from '../../rules/escalation-ladders';
import type { Responsible, StepRule } from '../../rules/rule-types';

/**
 * Procedure I's deadlines (domain/procedures.md §11). The team's powers and its time limits are
 * UNCONFIRMED; the sanction's 7 days are the general limit for deciding on an administrative
 * violation from its record (Law on Handling Administrative Violations, Art. 66, not read here).
 * Late steps go to the team, then to the province's standing agency for prostitution prevention
 * (the health department since 2025, as in Ho Chi Minh City; procedures.md §14).
 */
export const INSPECTION_178 = 'INSPECTION_178';

const TEAM: Responsible = { agencyKind: 'INSPECTION_TEAM_178', role: 'TEAM_178_MEMBER' };
const days = (amount: number) => ({ unit: 'WORKING_DAYS' as const, amount });
const UNCONFIRMED = {
  confidence: 'UNCONFIRMED',
  noteVi: 'Chưa xác minh (thẩm quyền, thời hạn của Đoàn 178); giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Unconfirmed (the team’s powers and limits); a default the province may override.',
} as const;

export const inspection178Rules: readonly StepRule[] = [
  {
    key: 'INS.SANCTION',
    procedure: INSPECTION_178,
    titleVi: 'Cơ quan có thẩm quyền ra quyết định xử lý vi phạm',
    titleEn: 'The competent authority decides on the violation',
    versions: [
      {
        effectiveFrom: '2004-10-15',
        startEvent: { code: 'VIOLATION_RECORDED', nameVi: 'Lập biên bản vi phạm', nameEn: 'Violation recorded' },
        budget: { kind: 'CALENDAR_DAYS', days: 7, rollForwardToWorkingDay: true },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: [
          { after: days(1), to: TEAM },
          { after: days(3), to: HEALTH_DEPARTMENT },
        ],
        source: { document: 'Luật Xử lý vi phạm hành chính 2012 (sửa đổi 2020)', article: 'Điều 66' },
        ...UNCONFIRMED,
      },
    ],
  },
  {
    key: 'INS.REINSPECTION',
    procedure: INSPECTION_178,
    titleVi: 'Kiểm tra lại cơ sở phức tạp',
    titleEn: 'Re-inspect a complex establishment',
    versions: [
      {
        effectiveFrom: '2004-10-15',
        startEvent: { code: 'SANCTION_DECIDED', nameVi: 'Quyết định xử lý vi phạm', nameEn: 'Sanction decided' },
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: TEAM,
        reminders: [...DEFAULT_REMINDERS],
        escalations: [{ after: days(3), to: HEALTH_DEPARTMENT }],
        source: { document: 'Nghị định 178/2004/NĐ-CP; Kế hoạch 06/KH-UBND 2026 (Hà Nội)' },
        ...UNCONFIRMED,
      },
    ],
  },
];
