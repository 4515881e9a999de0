import { DEFAULT_REMINDERS, ladderVia, PROVINCIAL_COORDINATOR } from './escalation-ladders';
import type { RuleVersion, StepRule } from './rule-types';

/**
 * Periodic reports (domain/procedures.md §13). No national due dates were confirmed: these are
 * the local plans' dates ("5th of the quarter's last month", "5 December"), a default per
 * province. The start event of a report step is the first day of its period.
 */
export const REPORTING = 'REPORTING';

const periodStarted = {
  code: 'PERIOD_STARTED',
  nameVi: 'Bắt đầu kỳ báo cáo',
  nameEn: 'Reporting period started',
};
const localPlan = {
  document: 'Kế hoạch của UBND thành phố Cao Lãnh (2017) và các kế hoạch địa phương',
  article: 'Mục Chế độ báo cáo',
};

function reportVersion(periodMonths: 3 | 6 | 12): RuleVersion {
  return {
    effectiveFrom: '2014-01-01',
    startEvent: periodStarted,
    budget: { kind: 'DAY_OF_LAST_MONTH', periodMonths, day: 5, rollForwardToWorkingDay: false },
    responsible: { agencyKind: 'COMMUNE_PEOPLES_COMMITTEE', role: 'COMMUNE_CHAIRMAN' },
    reminders: [...DEFAULT_REMINDERS],
    escalations: ladderVia(PROVINCIAL_COORDINATOR).slice(1),
    source: localPlan,
    confidence: 'UNCONFIRMED',
    noteVi: 'Quy định của địa phương; chưa có căn cứ cấp quốc gia. Tỉnh điều chỉnh theo kế hoạch của mình.',
    noteEn: 'A local rule with no national basis found; each province sets its own.',
  };
}

/** The province's own report upward, after its communes': five days later by default (UNCONFIRMED). */
function provinceReportVersion(periodMonths: 3 | 6 | 12): RuleVersion {
  return {
    ...reportVersion(periodMonths),
    budget: { kind: 'DAY_OF_LAST_MONTH', periodMonths, day: 10, rollForwardToWorkingDay: true },
    responsible: PROVINCIAL_COORDINATOR,
    escalations: ladderVia(PROVINCIAL_COORDINATOR).slice(2),
    noteVi: 'Hạn báo cáo của tỉnh lên cấp trên: chưa có căn cứ; mặc định sau hạn của cấp xã 5 ngày.',
    noteEn: "The province's own due date has no basis found; by default five days after its communes'.",
  };
}

const PERIODS = [
  { suffix: 'QUARTERLY', months: 3, vi: 'quý', en: 'quarterly' },
  { suffix: 'HALF_YEAR', months: 6, vi: '6 tháng', en: 'six-month' },
  { suffix: 'ANNUAL', months: 12, vi: 'năm', en: 'annual' },
] as const;

/** Each period's report, for the reporting units (REPORT.QUARTERLY…) and for the province upward (REPORT.PROVINCE.…). */
function periodicRules(): StepRule[] {
  return PERIODS.flatMap(({ suffix, months, vi, en }) => [
    {
      key: `REPORT.${suffix}`,
      procedure: REPORTING,
      titleVi: `Báo cáo ${vi}`,
      titleEn: `${en[0]!.toUpperCase()}${en.slice(1)} report`,
      versions: [reportVersion(months)],
    },
    {
      key: `REPORT.PROVINCE.${suffix}`,
      procedure: REPORTING,
      titleVi: `Báo cáo ${vi} của tỉnh`,
      titleEn: `The province's ${en} report`,
      versions: [provinceReportVersion(months)],
    },
  ]);
}

/**
 * Agencies that report for themselves where the plans ask them to (domain/procedures.md §11, §13):
 * the teams 178 (their 6-month and annual reports), the rehabilitation facilities and the health
 * department. A cycle lists the agencies; each must be of the rule's agency kind. Due dates as the
 * units' (5th of the period's last month), UNCONFIRMED.
 */
const AGENCY_REPORTERS = [
  { code: 'TEAM178', vi: 'của Đoàn kiểm tra liên ngành 178', en: 'inspection team 178', responsible: { agencyKind: 'INSPECTION_TEAM_178', role: 'TEAM_178_MEMBER' } },
  { code: 'FACILITY', vi: 'của cơ sở cai nghiện', en: 'rehabilitation facility', responsible: { agencyKind: 'REHAB_FACILITY', role: 'FACILITY_DIRECTOR' } },
  { code: 'HEALTH', vi: 'của Sở Y tế', en: 'health department', responsible: { agencyKind: 'PROVINCIAL_HEALTH_DEPARTMENT', role: 'PROVINCIAL_COORDINATOR' } },
] as const;

function agencyRules(): StepRule[] {
  return AGENCY_REPORTERS.flatMap((reporter) =>
    PERIODS.map(({ suffix, months, vi, en }) => ({
      key: `REPORT.${reporter.code}.${suffix}`,
      procedure: REPORTING,
      titleVi: `Báo cáo ${vi} ${reporter.vi}`,
      titleEn: `The ${reporter.en}'s ${en} report`,
      versions: [
        {
          ...reportVersion(months),
          responsible: reporter.responsible,
          escalations: ladderVia(PROVINCIAL_COORDINATOR).slice(1),
          noteVi: 'Kế hoạch địa phương yêu cầu đơn vị này báo cáo; hạn như của cấp xã, chưa có căn cứ quốc gia. Tỉnh điều chỉnh được.',
          noteEn: 'Local plans ask this agency to report; due as the communes’ are, with no national basis found. Configurable.',
        },
      ],
    })),
  );
}

const adHocRequested = {
  code: 'AD_HOC_REQUESTED',
  nameVi: 'Nhận yêu cầu báo cáo đột xuất',
  nameEn: 'Ad hoc report requested',
};

export const reportingRules: readonly StepRule[] = [
  {
    key: 'REPORT.AD_HOC',
    procedure: REPORTING,
    titleVi: 'Báo cáo đột xuất',
    titleEn: 'Ad hoc report',
    versions: [
      {
        ...reportVersion(3),
        startEvent: adHocRequested,
        // The plans ask for ad hoc reports "on request" without a time limit: five working days by default.
        budget: { kind: 'WORKING_DAYS', days: 5 },
        noteVi: 'Kế hoạch chỉ ghi "báo cáo đột xuất khi có yêu cầu"; mặc định 5 ngày làm việc, tỉnh điều chỉnh được.',
        noteEn: 'The plans say only "ad hoc reports on request"; five working days by default, configurable.',
      },
    ],
  },
  ...periodicRules(),
  ...agencyRules(),
];
