import {
  COMMUNE_CHAIRMAN,
  DEFAULT_REMINDERS,
  FACILITY_DIRECTOR,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { StepRule } from '../../rules/rule-types';

/**
 * Procedure C, voluntary rehabilitation (*cai nghiện ma túy tự nguyện*), domain/procedures.md §4:
 * Law 73/2021 Art. 28–31 and ND 116/2021 Ch. IV, at the family or community (the commune
 * chairman decides, a provider treats, a monitor follows) or at a facility (a contract). ND 116
 * sets no time for the chairman's decision nor a minimum treatment period: the defaults below
 * (3 working days, after the old ND 94/2010 Art. 13; 6 months) are UNCONFIRMED and overridable.
 */
export const VOLUNTARY_REHAB = 'VOLUNTARY_REHAB';
export const TREATMENT_MONTHS = { default: 6, min: 6, max: 12 } as const;

const ND_116 = { document: 'Nghị định 116/2021/NĐ-CP', article: 'Chương IV (Điều 28–33)' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Nghị định 116/2021 không quy định thời hạn này; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'ND 116/2021 sets no such limit; a default the province may override.',
};
const registered = { code: 'REGISTERED', nameVi: 'Nhận đăng ký cai nghiện tự nguyện', nameEn: 'Registration received' };
const treatmentStarted = { code: 'TREATMENT_STARTED', nameVi: 'Bắt đầu cai nghiện', nameEn: 'Treatment started' };
const term = { kind: 'MONTHS', months: TREATMENT_MONTHS.default, minMonths: TREATMENT_MONTHS.min, maxMonths: TREATMENT_MONTHS.max } as const;

export const voluntaryRehabRules: readonly StepRule[] = [
  {
    key: 'VOL.DECISION',
    procedure: VOLUNTARY_REHAB,
    titleVi: 'Chủ tịch UBND xã xem xét, quyết định cai nghiện tự nguyện tại gia đình, cộng đồng',
    titleEn: 'Commune chairman verifies and decides voluntary treatment at the family or community',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: registered,
        budget: { kind: 'WORKING_DAYS', days: 3 },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
        source: ND_116,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'VOL.ADMISSION',
    procedure: VOLUNTARY_REHAB,
    titleVi: 'Cơ sở cai nghiện ký hợp đồng và tiếp nhận người cai nghiện tự nguyện',
    titleEn: 'The facility signs the contract and admits the volunteer',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: registered,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: { agencyKind: 'REHAB_FACILITY', role: 'FACILITY_OFFICER' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(FACILITY_DIRECTOR),
        source: ND_116,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'VOL.COMPLETION_COMMUNITY',
    procedure: VOLUNTARY_REHAB,
    titleVi: 'Đánh giá kết quả và cấp giấy chứng nhận hoàn thành cai nghiện tự nguyện',
    titleEn: 'Evaluate and certify completion of voluntary treatment',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: treatmentStarted,
        budget: term,
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
        source: { document: 'Nghị định 116/2021/NĐ-CP', article: 'Điều 32 khoản 3' },
        confidence: 'UNCONFIRMED',
        noteVi: 'Giấy chứng nhận hoàn thành đã xác nhận; thời gian điều trị mặc định 6 tháng chưa xác nhận.',
        noteEn: 'The completion certificate is confirmed; the 6-month default treatment period is not.',
      },
    ],
  },
  {
    key: 'VOL.COMPLETION_FACILITY',
    procedure: VOLUNTARY_REHAB,
    titleVi: 'Cơ sở cai nghiện cấp giấy chứng nhận hoàn thành và thông báo cho UBND xã',
    titleEn: 'The facility certifies completion and notifies the commune',
    versions: [
      {
        effectiveFrom: '2022-01-01',
        startEvent: treatmentStarted,
        budget: term,
        responsible: FACILITY_DIRECTOR,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN).slice(1),
        source: { document: 'Thông tư liên tịch 43/2011/TTLT-BLĐTBXH-BYT', article: 'Điều 11' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
];
