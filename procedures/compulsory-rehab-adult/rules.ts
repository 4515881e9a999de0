import {
  COMMUNE_CHAIRMAN,
  COMMUNE_POLICE_HEAD,
  DEFAULT_REMINDERS,
  FACILITY_DIRECTOR,
  PROVINCIAL_COORDINATOR,
  ladderToProvince,
  ladderVia,
} from '../../rules/escalation-ladders';
import { courtVersions } from '../../rules/court-versions';
import type { StartEvent, StepRule } from '../../rules/rule-types';

/**
 * Procedure D, compulsory rehabilitation of adults (*đưa vào cơ sở cai nghiện bắt buộc*),
 * domain/procedures.md §5.3. The book starts with the current substantive law (Law 73/2021 and
 * ND 116/2021, from 1 January 2022). Every deadline the catalogue marks UNCONFIRMED is a default
 * here, flagged so, and a province can override it (rule_overrides) without a code change.
 */
export const COMPULSORY_REHAB_ADULT = 'COMPULSORY_REHAB_ADULT';

const LAW_73_IN_FORCE = '2022-01-01';
const DISTRICT_POLICE_ABOLISHED = '2025-03-01';

const event = (code: string, nameVi: string, nameEn: string): StartEvent => ({ code, nameVi, nameEn });
export const EVENTS = {
  groundsFound: event(
    'ART32_GROUNDS_FOUND',
    'Phát hiện người nghiện thuộc trường hợp Điều 32 Luật PCMT',
    'Addict found to fall under Art. 32 of the Drug Law',
  ),
  dossierCompiled: event('DOSSIER_COMPILED', 'Lập xong hồ sơ đề nghị', 'Dossier compiled'),
  dossierReadByPerson: event(
    'DOSSIER_NOTIFIED',
    'Thông báo hồ sơ cho người bị đề nghị và gia đình',
    'Person and family notified of the dossier',
  ),
  dossierReceivedByCourt: event(
    'DOSSIER_RECEIVED_BY_COURT',
    'Tòa án nhận hồ sơ',
    'Court received the dossier',
  ),
  dossierAccepted: event('DOSSIER_ACCEPTED', 'Tòa án thụ lý hồ sơ', 'Court accepted the dossier'),
  decisionAnnounced: event('DECISION_ANNOUNCED', 'Tòa án công bố quyết định', 'Court announced its decision'),
  decisionEffective: event(
    'DECISION_EFFECTIVE',
    'Quyết định có hiệu lực pháp luật',
    'Decision took legal effect',
  ),
  admitted: event('ADMITTED_TO_FACILITY', 'Cơ sở cai nghiện tiếp nhận', 'Admitted to the facility'),
  termCompleted: event('TERM_COMPLETED', 'Chấp hành xong thời hạn', 'Term completed'),
  documentsRequested: event(
    'DOCUMENTS_REQUESTED',
    'Tòa án yêu cầu bổ sung tài liệu',
    'Court requested supplementary documents',
  ),
  complaintReceived: event(
    'COMPLAINT_RECEIVED',
    'Nhận khiếu nại, kiến nghị, kháng nghị',
    'Complaint, petition or protest received',
  ),
};

const ND_116 = { document: 'Nghị định 116/2021/NĐ-CP', url: 'https://vbpl.vn' };
const UNCONFIRMED_NOTE = {
  noteVi: 'Chưa xác minh được thời hạn trong văn bản chính thức; giá trị mặc định, tỉnh có thể điều chỉnh.',
  noteEn: 'Time limit not found in an official text; a default the province may override.',
};

export const compulsoryRehabAdultRules: readonly StepRule[] = [
  {
    key: 'CRA.D2',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc',
    titleEn: 'Compile the compulsory-rehabilitation dossier',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.groundsFound,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: COMMUNE_POLICE_HEAD,
        reminders: [...DEFAULT_REMINDERS],
        // The commune chairman first: the commune answers for its police's dossier.
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { ...ND_116, article: 'Chương V, Mục 1 (điều đầu); TTLT 03/2025 từ 01/3/2025' },
        confidence: 'CONFIRMED',
      },
    ],
  },
  {
    key: 'CRA.D3',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Thông báo hồ sơ cho người bị đề nghị và gia đình',
    titleEn: 'Notify the person and family of the dossier',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.dossierCompiled,
        budget: { kind: 'WORKING_DAYS', days: 2 },
        responsible: { agencyKind: 'COMMUNE_POLICE', role: 'COMMUNE_POLICE_OFFICER' },
        reminders: [{ unit: 'WORKING_DAYS', amount: 0 }],
        escalations: ladderVia(COMMUNE_POLICE_HEAD),
        source: {
          document: 'Luật Xử lý vi phạm hành chính',
          article: 'Điều 97 khoản 4 (tương tự biện pháp giáo dục tại xã)',
        },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'CRA.D5',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Kiểm tra tính pháp lý và chuyển hồ sơ đến Tòa án',
    titleEn: 'Check the dossier’s legality and send it to the court',
    versions: [
      {
        // Until 28 February 2025 the head of the district labour division checked the dossier and sent it.
        effectiveFrom: '2022-01-01',
        effectiveTo: '2025-02-28',
        startEvent: EVENTS.dossierReadByPerson,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: { agencyKind: 'DISTRICT_LABOUR_DIVISION', role: 'LABOUR_OFFICER' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderToProvince(),
        source: { document: 'Nghị định 116/2021/NĐ-CP; Pháp lệnh 01/2022/UBTVQH15 (người chưa thành niên)' },
        confidence: 'UNCONFIRMED',
        noteVi: 'Trưởng phòng LĐTBXH cấp huyện chuyển hồ sơ (xác nhận cho người chưa thành niên); thời hạn là mặc định, tỉnh có thể điều chỉnh.',
        noteEn: 'The head of the district labour division sent the dossier (confirmed for minors); the time limit is a default the province may override.',
      },
      {
        effectiveFrom: DISTRICT_POLICE_ABOLISHED,
        startEvent: EVENTS.dossierReadByPerson,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: PROVINCIAL_COORDINATOR,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia({ agencyKind: 'PROVINCIAL_POLICE', role: 'PROVINCIAL_COORDINATOR' }),
        source: { document: 'Thông tư liên tịch 03/2025/TTLT-BCA-VKSNDTC-TANDTC' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'CRA.D6',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Tòa án thụ lý hồ sơ và phân công Thẩm phán',
    titleEn: 'Court accepts the dossier and assigns a judge',
    versions: courtVersions({
      startEvent: EVENTS.dossierReceivedByCourt,
      budget: { kind: 'WORKING_DAYS', days: 3 },
      reminders: [{ unit: 'WORKING_DAYS', amount: 1 }],
      source: { document: 'Pháp lệnh 03/2022/UBTVQH15' },
      confidence: 'UNCONFIRMED',
      ...UNCONFIRMED_NOTE,
    }),
  },
  {
    key: 'CRA.D7',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Bổ sung tài liệu theo yêu cầu của Tòa án',
    titleEn: 'Supply the documents the court requested',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.documentsRequested,
        // By analogy with the minors' rule ("within 03 working days", Pháp lệnh 01/2022 Art. 13).
        budget: { kind: 'WORKING_DAYS', days: 3 },
        responsible: COMMUNE_POLICE_HEAD,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: { document: 'Pháp lệnh 03/2022/UBTVQH15 (chưa xác minh); Pháp lệnh 01/2022 Điều 13 (tương tự)' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'CRA.D8',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Mở phiên họp và ra quyết định',
    titleEn: 'Hold the hearing and decide',
    versions: courtVersions({
      startEvent: EVENTS.dossierAccepted,
      // By analogy with the minors' rule (15 days from acceptance, Pháp lệnh 01/2022).
      budget: { kind: 'CALENDAR_DAYS', days: 15, rollForwardToWorkingDay: true },
      reminders: [...DEFAULT_REMINDERS],
      source: { document: 'Pháp lệnh 03/2022/UBTVQH15; Pháp lệnh 08/2025/UBTVQH15' },
      confidence: 'UNCONFIRMED',
      ...UNCONFIRMED_NOTE,
    }),
  },
  {
    key: 'CRA.D9',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Thời hạn khiếu nại, kiến nghị, kháng nghị quyết định',
    titleEn: 'Window for complaints, petitions and protests',
    versions: courtVersions({
      startEvent: EVENTS.decisionAnnounced,
      budget: { kind: 'WORKING_DAYS', days: 5 },
      reminders: [],
      source: { document: 'Pháp lệnh 01/2022/UBTVQH15 (người chưa thành niên, áp dụng tương tự)' },
      confidence: 'UNCONFIRMED',
      ...UNCONFIRMED_NOTE,
    }),
  },
  {
    key: 'CRA.APPEAL',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Tòa án cấp trên giải quyết khiếu nại, kiến nghị, kháng nghị',
    titleEn: 'The higher court decides the complaint, petition or protest',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.complaintReceived,
        budget: { kind: 'CALENDAR_DAYS', days: 15, rollForwardToWorkingDay: true },
        responsible: { agencyKind: 'PROVINCIAL_COURT', role: 'JUDGE' },
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia({ agencyKind: 'PROVINCIAL_COURT', role: 'CHIEF_JUDGE' }),
        source: { document: 'Pháp lệnh 03/2022/UBTVQH15 (chưa xác minh)' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'CRA.D11',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Đưa người vào cơ sở cai nghiện (thi hành quyết định)',
    titleEn: 'Take the person to the facility (execute the decision)',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.decisionEffective,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: COMMUNE_POLICE_HEAD,
        reminders: [...DEFAULT_REMINDERS],
        escalations: ladderVia(COMMUNE_CHAIRMAN),
        source: ND_116,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    key: 'CRA.D12',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Chấp hành thời hạn cai nghiện bắt buộc',
    titleEn: 'Serve the compulsory-rehabilitation term',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.admitted,
        // The court fixes the term within 12–24 months; the case passes the decided months.
        budget: { kind: 'MONTHS', months: 24, minMonths: 12, maxMonths: 24 },
        responsible: FACILITY_DIRECTOR,
        reminders: [{ unit: 'WORKING_DAYS', amount: 10 }],
        escalations: ladderVia(PROVINCIAL_COORDINATOR),
        source: { document: 'Luật Xử lý vi phạm hành chính (sửa đổi 2020)', article: 'Điều 95' },
        confidence: 'CONFIRMED',
      },
    ],
  },
  {
    key: 'CRA.D13',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Cấp giấy chứng nhận, bàn giao và thông báo cho UBND xã nơi cư trú',
    titleEn: 'Certify completion, hand over and notify the commune',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.termCompleted,
        budget: { kind: 'WORKING_DAYS', days: 5 },
        responsible: FACILITY_DIRECTOR,
        reminders: [{ unit: 'WORKING_DAYS', amount: 1 }],
        escalations: ladderVia(PROVINCIAL_COORDINATOR),
        source: ND_116,
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
  {
    // The second clock: the whole procedure from the grounds to the court's decision.
    key: 'CRA.LIMIT',
    procedure: COMPULSORY_REHAB_ADULT,
    titleVi: 'Thời hạn toàn bộ thủ tục (từ khi phát hiện đến quyết định của Tòa án)',
    titleEn: 'Whole procedure, from the grounds to the court’s decision',
    versions: [
      {
        effectiveFrom: LAW_73_IN_FORCE,
        startEvent: EVENTS.groundsFound,
        budget: { kind: 'CALENDAR_DAYS', days: 60, rollForwardToWorkingDay: true },
        responsible: PROVINCIAL_COORDINATOR,
        reminders: [],
        escalations: [
          {
            after: { unit: 'WORKING_DAYS', amount: 0 },
            to: { agencyKind: 'PROVINCIAL_STEERING_COMMITTEE', role: 'PROVINCIAL_COORDINATOR' },
          },
        ],
        source: { document: 'Không có văn bản quy định tổng thời hạn (tổng hợp các bước D2–D8)' },
        confidence: 'UNCONFIRMED',
        ...UNCONFIRMED_NOTE,
      },
    ],
  },
];
