import type { CaseloadSheet } from '../caseload-sheet';

const ADDICTED_OR_NOT = { 'Nghiện ma túy': 'ADDICTED', 'Không nghiện': 'NOT_ADDICTED' } as const;

/** Procedure B's running determinations: the request, the conclusion (or the monitoring), the registration for treatment. */
export const addictionDeterminationCaseload: CaseloadSheet = {
  sheet: 'Xác định tình trạng nghiện',
  person: true,
  opening: [
    {
      heading: 'Trường hợp xác định (khoản 1 Điều 27 Luật 73/2021)',
      path: 'basis',
      kind: {
        choices: {
          'Người đang bị quản lý sử dụng lại': 'MANAGED_USER_USING_AGAIN',
          'Không có nơi cư trú ổn định': 'NO_STABLE_RESIDENCE',
          'Đang chấp hành giáo dục tại xã': 'EDUCATION_MEASURE_USING',
          'Đang quản lý sau cai nghiện': 'POST_REHAB_USING',
          'Tự nguyện': 'VOLUNTEER',
        },
      },
    },
    { heading: 'Ngày đề nghị xác định', path: 'requestedOn', kind: 'date' },
  ],
  steps: [
    {
      action: 'RECORD_CONCLUSION',
      date: 'Ngày kết luận',
      columns: [
        {
          heading: 'Kết luận',
          path: 'result',
          kind: { choices: { ...ADDICTED_OR_NOT, 'Cần tiếp tục theo dõi': 'FURTHER_MONITORING' } },
        },
        { heading: 'Nghiện chất dạng thuốc phiện', path: 'opioid', kind: 'yesNo' },
        { heading: 'Số phiếu kết quả', path: 'resultRef', kind: 'text' },
      ],
      by: 'Người kết luận',
    },
    {
      action: 'CONCLUDE_MONITORING',
      date: 'Ngày kết luận sau theo dõi',
      columns: [
        { heading: 'Kết luận sau theo dõi', path: 'result', kind: { choices: ADDICTED_OR_NOT } },
        { heading: 'Thuốc phiện (sau theo dõi)', path: 'opioid', kind: 'yesNo' },
        { heading: 'Số phiếu kết quả sau theo dõi', path: 'resultRef', kind: 'text' },
      ],
      by: 'Người kết luận sau theo dõi',
    },
    {
      action: 'REGISTER_TREATMENT',
      date: 'Ngày đăng ký cai nghiện, điều trị',
      columns: [
        {
          heading: 'Hình thức đăng ký',
          path: 'programme',
          kind: { choices: { 'Tại gia đình, cộng đồng': 'COMMUNITY', 'Tại cơ sở cai nghiện': 'FACILITY', 'Điều trị thay thế': 'SUBSTITUTION_THERAPY' } },
        },
      ],
    },
  ],
};
