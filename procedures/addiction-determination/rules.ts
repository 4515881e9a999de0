import {
  COMMUNE_CHAIRMAN,
  DEFAULT_REMINDERS,
  HEALTH_DEPARTMENT,
  MEDICAL_FACILITY_DOCTOR,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { StepRule } from '../../rules/rule-types';

/**
 * Procedure B, determination of addiction (*xác định tình trạng nghiện ma túy*), domain/procedures.md
 * §3: Law 73/2021 Art. 27 and TT 18/2021/TT-BYT from 1 January 2022. The 5 working days to register
 * for treatment after being found addicted are confirmed (ND 116/2021 Art. 3(3)); the texts set no
 * time for the examination, and the length of "further monitoring" is cut off in the source: both
 * are defaults marked UNCONFIRMED that a province overrides.
 */
export const ADDICTION_DETERMINATION = 'ADDICTION_DETERMINATION';

const TT_18 = { document: 'Thông tư 18/2021/TT-BYT', article: 'Điều 3–5' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Văn bản không quy định thời hạn (hoặc trích dẫn bị cắt); giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'No time limit in the texts (or the excerpt is cut off); a default the province may override.',
};

export const addictionDeterminationRules: readonly StepRule[] = [
  {
    key: 'DET.EXAMINATION',
    procedure: ADDICTION_DETERMINATION,
    titleVi: 'Khám, theo dõi và kết luận tình trạng nghiện',
    titleEn: 'Examination and conclusion on addiction',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: { code: 'DETERMINATION_REQUESTED', nameVi: 'Đề nghị xác định tình trạng nghiện', nameEn: 'Determination requested' },
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: MEDICAL_FACILITY_DOCTOR,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(HEALTH_DEPARTMENT),
        source: TT_18,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'DET.MONITORING',
    procedure: ADDICTION_DETERMINATION,
    titleVi: 'Tiếp tục theo dõi để xác định tình trạng nghiện',
    titleEn: 'Further monitoring before concluding',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: { code: 'MONITORING_DECIDED', nameVi: 'Kết luận cần tiếp tục theo dõi', nameEn: 'Further monitoring concluded' },
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: MEDICAL_FACILITY_DOCTOR,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(HEALTH_DEPARTMENT),
        source: TT_18,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'DET.REGISTRATION',
    procedure: ADDICTION_DETERMINATION,
    titleVi: 'Đăng ký cai nghiện tự nguyện hoặc điều trị thay thế sau khi được xác định nghiện',
    titleEn: 'Registration for voluntary rehabilitation or substitution therapy after being found addicted',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: { code: 'FOUND_ADDICTED', nameVi: 'Được xác định là người nghiện', nameEn: 'Found addicted' },
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_OFFICIAL' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { document: 'Nghị định 116/2021/NĐ-CP', article: 'Điều 3 khoản 3' },
        confidence: 'CONFIRMED',
        noteVi: 'Quá hạn không đăng ký là căn cứ đưa vào cơ sở cai nghiện bắt buộc (Điều 32 khoản 1, hoặc khoản 3).',
        noteEn: 'Not registering in time is a ground for compulsory rehabilitation (Art. 32 ground 1, or ground 3).',
      },
    ],
  },
];
