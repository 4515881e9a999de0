import type { CaseloadSheet } from '../caseload-sheet';
import type { SupportMeasure } from './rules';

const VERIFIED = { 'Xác định là nạn nhân': 'IDENTIFIED', 'Không phải nạn nhân': 'NOT_A_VICTIM' } as const;
/** The measures by short names without commas (a cell lists several, separated by commas or semicolons). */
const MEASURES: Readonly<Record<string, SupportMeasure>> = {
  'Nhu cầu thiết yếu': 'ESSENTIAL_NEEDS',
  'Chi phí đi lại về nơi cư trú': 'TRAVEL_HOME',
  'Khám chữa bệnh': 'HEALTH_CARE',
  'Bảo hiểm y tế': 'HEALTH_INSURANCE',
  'Hỗ trợ tâm lý': 'PSYCHOLOGICAL',
  'Trợ giúp pháp lý': 'LEGAL_AID',
  'Học văn hóa và học nghề': 'EDUCATION_VOCATIONAL',
  'Trợ cấp khó khăn ban đầu': 'HARDSHIP_ALLOWANCE',
};

/**
 * Procedure H's running cases: a person received, brought to the commune, verified, and the
 * support they agreed to. Each support given is recorded on the case's page afterwards (a row
 * cannot say which measures were already given).
 */
export const traffickingVictimCaseload: CaseloadSheet = {
  sheet: 'Nạn nhân bị mua bán',
  person: true,
  opening: [
    {
      heading: 'Hình thức tiếp nhận',
      path: 'channel',
      kind: { choices: { 'Tự khai báo': 'SELF_REPORTED', 'Được giải cứu': 'RESCUED', 'Trở về từ nước ngoài': 'RETURNED_FROM_ABROAD', 'Được bàn giao': 'HANDED_OVER' } },
    },
    { heading: 'Ngày tiếp nhận', path: 'receivedOn', kind: 'date' },
  ],
  steps: [
    { action: 'BRING_TO_COMMUNE', date: 'Ngày đưa đến UBND xã', by: 'Người đưa đến' },
    {
      action: 'RECORD_CHILD_PROTECTION',
      date: 'Ngày bố trí người đại diện (trẻ em dưới 16 tuổi)',
      anyOrder: true,
      columns: [
        {
          heading: 'Người đại diện của trẻ em',
          path: 'representative',
          kind: { choices: { 'Cha, mẹ': 'PARENT', 'Người giám hộ': 'GUARDIAN', 'Người đại diện khác': 'OTHER_REPRESENTATIVE', 'Không liên lạc được người đại diện': 'NONE_REACHABLE' } },
        },
        { heading: 'Chăm sóc thay thế', path: 'alternativeCare', kind: 'yesNo' },
      ],
    },
    { action: 'NOTIFY_ONWARD', date: 'Ngày thông báo cơ quan xác minh' },
    {
      action: 'RECORD_VERIFICATION',
      date: 'Ngày có kết quả xác minh',
      columns: [
        { heading: 'Kết quả xác minh', path: 'result', kind: { choices: { ...VERIFIED, 'Cần xác minh thêm': 'FURTHER_VERIFICATION' } } },
        { heading: 'Số giấy xác nhận nạn nhân', path: 'evidenceRef', kind: 'text' },
      ],
      by: 'Người xác minh',
    },
    {
      action: 'CONCLUDE_FURTHER_VERIFICATION',
      date: 'Ngày kết luận xác minh thêm',
      columns: [
        { heading: 'Kết luận xác minh thêm', path: 'result', kind: { choices: VERIFIED } },
        { heading: 'Số giấy xác nhận (xác minh thêm)', path: 'evidenceRef', kind: 'text' },
      ],
      by: 'Người kết luận',
    },
    {
      action: 'AGREE_SUPPORT',
      date: 'Ngày đồng ý nhận hỗ trợ',
      columns: [
        { heading: 'Các chế độ hỗ trợ', path: 'measures', kind: { choices: MEASURES, many: true }, hint: `Một hoặc nhiều, cách nhau bằng dấu phẩy: ${Object.keys(MEASURES).join(', ')}` },
        { heading: 'Người đồng ý', path: 'consentBy', kind: { choices: { 'Nạn nhân': 'VICTIM', 'Người đại diện': 'REPRESENTATIVE' } }, hint: 'Nạn nhân / Người đại diện (bắt buộc với trẻ em)' },
      ],
    },
  ],
};
