import {
  COMMUNE_POLICE_HEAD,
  DEFAULT_REMINDERS,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import type { RuleVersion, StartEvent, StepRule } from '../../rules/rule-types';

/**
 * Procedure A, management of illegal drug users (*quản lý người sử dụng trái phép chất ma túy*),
 * domain/procedures.md §2: Law 73/2021 Art. 22–26 and ND 105/2021 Ch. IV from 1 January 2022;
 * Law 120/2025 from 1 July 2026 (the 24-hour rules for a move). The law sets no time for the
 * chairman's decision: that default is UNCONFIRMED and a province overrides it.
 */
export const DRUG_USER_MANAGEMENT = 'DRUG_USER_MANAGEMENT';
export const MANAGEMENT_MONTHS = 12;

const LAW_73_IN_FORCE = '2022-01-01';
const LAW_120_IN_FORCE = '2026-07-01';
const LAW_120_DAY_BEFORE = '2026-06-30';

const event = (code: string, nameVi: string, nameEn: string): StartEvent => ({ code, nameVi, nameEn });
const ND_105 = { document: 'Nghị định 105/2021/NĐ-CP', article: 'Chương IV' };
const LAW_120 = { document: 'Luật Phòng, chống ma túy 120/2025/QH15 (điều khoản chưa xác minh / article unconfirmed)' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Văn bản không quy định thời hạn; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'No time limit in the texts; a default the province may override.',
};

const communePolice = { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_OFFICER' } as const;

/** A move is reported within 24 hours from 1 July 2026; before, the texts set no limit (a default). */
function moveVersions(start: StartEvent): RuleVersion[] {
  const common = { startEvent: start, responsible: communePolice, escalations: ladderVia(COMMUNE_POLICE_HEAD) };
  return [
    {
      ...common,
      effectiveFrom: LAW_73_IN_FORCE,
      effectiveTo: LAW_120_DAY_BEFORE,
      budget: { kind: 'WORKING_DAYS', days: 3 },
      reminders: [{ unit: 'WORKING_DAYS', amount: 0 }],
      source: ND_105,
      confidence: 'UNCONFIRMED',
      ...UNCONFIRMED_NOTE,
    },
    {
      ...common,
      effectiveFrom: LAW_120_IN_FORCE,
      budget: { kind: 'HOURS', hours: 24 },
      reminders: [],
      source: LAW_120,
      confidence: 'CONFIRMED',
      noteVi: 'Thời hạn 24 giờ đã xác nhận; số điều của Luật 120/2025 chưa xác minh.',
      noteEn: 'The 24-hour limit is confirmed; the article number in Law 120/2025 is not.',
    },
  ];
}

export const drugUserManagementRules: readonly StepRule[] = [
  {
    key: 'DUM.DECISION',
    procedure: DRUG_USER_MANAGEMENT,
    titleVi: 'Chủ tịch UBND xã quyết định quản lý người sử dụng trái phép chất ma túy',
    titleEn: 'Commune chairman decides to manage the drug user',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: event('POSITIVE_TEST', 'Kết quả xét nghiệm dương tính', 'Positive drug test'),
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
        source: { document: 'Luật Phòng, chống ma túy 73/2021/QH14', article: 'Điều 23' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'DUM.CHECK',
    procedure: DRUG_USER_MANAGEMENT,
    titleVi: 'Kiểm tra, xác minh nơi cư trú của người sử dụng trái phép chất ma túy hằng tháng',
    titleEn: 'Monthly residence check of the managed drug user',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: event('MANAGEMENT_MONTH_STARTED', 'Bắt đầu tháng quản lý', 'Management month started'),
        budget: { kind: 'CALENDAR_DAYS', days: 30, rollForwardToWorkingDay: true },
        responsible: communePolice,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_POLICE_HEAD),
        source: ND_105,
        confidence: 'UNCONFIRMED',
        noteVi: 'Kiểm tra ít nhất mỗi tháng một lần đã xác nhận; ngày đến hạn trong tháng là mặc định.',
        noteEn: 'A check at least once a month is confirmed; the day it falls due within the month is a default.',
      },
    ],
  },
  {
    key: 'DUM.MOVE_NOTICE',
    procedure: DRUG_USER_MANAGEMENT,
    titleVi: 'Công an xã thông báo cho nơi cư trú mới khi người bị quản lý thay đổi nơi cư trú',
    titleEn: 'Commune police notify the receiving commune of the move',
    versions: moveVersions(event('MOVE_REPORTED', 'Người bị quản lý thay đổi nơi cư trú', 'Managed person moved')),
  },
  {
    key: 'DUM.ARRIVAL',
    procedure: DRUG_USER_MANAGEMENT,
    titleVi: 'Người bị quản lý trình báo Công an xã nơi cư trú mới',
    titleEn: 'The person reports to the police of the new commune',
    versions: moveVersions(event('MOVE_REPORTED', 'Người bị quản lý thay đổi nơi cư trú', 'Managed person moved')),
  },
];
