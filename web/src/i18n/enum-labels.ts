/**
 * What the API's coded values mean to the people reading them: roles, agency kinds, the choices
 * in the procedures' forms and the kinds of timeline entries. A value not listed here is shown
 * spelled out from its code ("DOSSIER_FILED" → "Dossier filed"), so a new procedure still reads.
 */
const LABELS: Record<string, { vi: string; en: string }> = {
  // Roles
  COMMUNE_POLICE_OFFICER: { vi: 'Cán bộ Công an xã', en: 'Commune police officer' },
  COMMUNE_POLICE_HEAD: { vi: 'Trưởng Công an xã', en: 'Head of commune police' },
  COMMUNE_OFFICIAL: { vi: 'Công chức UBND xã', en: 'Commune official' },
  COMMUNE_CHAIRMAN: { vi: 'Chủ tịch UBND xã', en: 'Commune chairman' },
  JUDGE: { vi: 'Thẩm phán', en: 'Judge' },
  CHIEF_JUDGE: { vi: 'Chánh án', en: 'Chief judge' },
  PROCURATOR: { vi: 'Kiểm sát viên', en: 'Procurator' },
  FACILITY_OFFICER: { vi: 'Cán bộ cơ sở cai nghiện', en: 'Facility officer' },
  FACILITY_DIRECTOR: { vi: 'Giám đốc cơ sở cai nghiện', en: 'Facility director' },
  PROVINCIAL_COORDINATOR: { vi: 'Điều phối viên cấp tỉnh', en: 'Provincial coordinator' },
  SYSTEM_ADMIN: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  DOCTOR: { vi: 'Bác sĩ, y sĩ', en: 'Doctor' },
  LABOUR_OFFICER: { vi: 'Cán bộ Phòng LĐTBXH', en: 'Labour division officer' },
  // Agency kinds
  COMMUNE_POLICE: { vi: 'Công an cấp xã', en: 'Commune police' },
  COMMUNE_PEOPLES_COMMITTEE: { vi: 'UBND cấp xã', en: 'Commune People’s Committee' },
  DISTRICT_POLICE: { vi: 'Công an cấp huyện', en: 'District police' },
  DISTRICT_LABOUR_DIVISION: { vi: 'Phòng LĐTBXH cấp huyện', en: 'District labour division' },
  DISTRICT_COURT: { vi: 'TAND cấp huyện', en: 'District court' },
  DISTRICT_PROCURACY: { vi: 'VKSND cấp huyện', en: 'District procuracy' },
  PROVINCIAL_POLICE: { vi: 'Công an tỉnh', en: 'Provincial police' },
  PROVINCIAL_POLICE_DRUG_DIVISION: { vi: 'Phòng PC04', en: 'Drug division (PC04)' },
  REHAB_FACILITY: { vi: 'Cơ sở cai nghiện ma túy', en: 'Rehabilitation facility' },
  REGIONAL_COURT: { vi: 'TAND khu vực', en: 'Regional court' },
  REGIONAL_PROCURACY: { vi: 'VKSND khu vực', en: 'Regional procuracy' },
  PROVINCIAL_COURT: { vi: 'TAND cấp tỉnh', en: 'Provincial court' },
  PROVINCIAL_HEALTH_DEPARTMENT: { vi: 'Sở Y tế', en: 'Provincial health department' },
  PROVINCIAL_STEERING_COMMITTEE: { vi: 'Ban Chỉ đạo tỉnh', en: 'Provincial steering committee' },
  MEDICAL_FACILITY: { vi: 'Cơ sở y tế xác định tình trạng nghiện', en: 'Medical facility (addiction determination)' },
  // Choices in the forms
  STABLE: { vi: 'Có nơi cư trú ổn định', en: 'Stable residence' },
  NO_STABLE_RESIDENCE: { vi: 'Không có nơi cư trú ổn định', en: 'No stable residence' },
  APPLY: { vi: 'Áp dụng biện pháp', en: 'Apply the measure' },
  NOT_APPLY: { vi: 'Không áp dụng', en: 'Do not apply' },
  SUSPEND: { vi: 'Đình chỉ', en: 'End the proceedings' },
  TEMPORARILY_SUSPEND: { vi: 'Tạm đình chỉ', en: 'Suspend the proceedings' },
  FAMILY_MANAGEMENT: { vi: 'Giao gia đình quản lý', en: 'Family management' },
  UPHOLD: { vi: 'Giữ nguyên', en: 'Uphold' },
  AMEND: { vi: 'Sửa quyết định', en: 'Amend' },
  ANNUL: { vi: 'Huỷ quyết định', en: 'Annul' },
  PERSON: { vi: 'Người bị đề nghị', en: 'The person' },
  PROCURACY: { vi: 'Viện kiểm sát', en: 'Procuracy' },
  PARENT: { vi: 'Cha, mẹ', en: 'Parent' },
  GUARDIAN: { vi: 'Người giám hộ', en: 'Guardian' },
  REPRESENTATIVE: { vi: 'Người đại diện', en: 'Representative' },
  FATHER: { vi: 'Cha', en: 'Father' },
  MOTHER: { vi: 'Mẹ', en: 'Mother' },
  OTHER_REPRESENTATIVE: { vi: 'Người đại diện khác', en: 'Other representative' },
  LAWYER: { vi: 'Luật sư', en: 'Lawyer' },
  LEGAL_AID: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' },
  SERIOUS_ILLNESS: { vi: 'Ốm nặng', en: 'Serious illness' },
  FAMILY_HARDSHIP: { vi: 'Gia đình đặc biệt khó khăn', en: 'Family hardship' },
  ADDICTED: { vi: 'Nghiện ma túy', en: 'Addicted' },
  NOT_ADDICTED: { vi: 'Không nghiện', en: 'Not addicted' },
  FURTHER_MONITORING: { vi: 'Cần tiếp tục theo dõi', en: 'Further monitoring' },
  COMMUNITY: { vi: 'Tại gia đình, cộng đồng', en: 'At home, in the community' },
  FACILITY: { vi: 'Tại cơ sở cai nghiện', en: 'At a facility' },
  FAMILY: { vi: 'Gia đình', en: 'Family' },
  SUBSTITUTION_THERAPY: { vi: 'Điều trị thay thế', en: 'Substitution therapy' },
  IN_PERSON: { vi: 'Trực tiếp', en: 'In person' },
  IN_WRITING: { vi: 'Bằng văn bản', en: 'In writing' },
  BY_PHONE: { vi: 'Qua điện thoại', en: 'By phone' },
  PRESENT: { vi: 'Có mặt', en: 'Present' },
  ABSENT: { vi: 'Vắng mặt', en: 'Absent' },
  GOOD: { vi: 'Tốt', en: 'Good' },
  FAIR: { vi: 'Khá', en: 'Fair' },
  POOR: { vi: 'Kém', en: 'Poor' },
  NOT_DONE: { vi: 'Chưa xét nghiệm', en: 'Not tested' },
  NEGATIVE: { vi: 'Âm tính', en: 'Negative' },
  POSITIVE: { vi: 'Dương tính', en: 'Positive' },
  IDENTIFIED: { vi: 'Xác định là nạn nhân', en: 'Identified as a victim' },
  FURTHER_VERIFICATION: { vi: 'Cần xác minh thêm', en: 'Further verification' },
  NOT_A_VICTIM: { vi: 'Không phải nạn nhân', en: 'Not a victim' },
  SELF_REPORTED: { vi: 'Tự khai báo', en: 'Self-reported' },
  RESCUED: { vi: 'Được giải cứu', en: 'Rescued' },
  RETURNED_FROM_ABROAD: { vi: 'Trở về từ nước ngoài', en: 'Returned from abroad' },
  HANDED_OVER: { vi: 'Được bàn giao', en: 'Handed over' },
  DRUG_USE: { vi: 'Sử dụng trái phép chất ma túy', en: 'Illegal drug use' },
  OTHER_PUBLIC_ORDER: { vi: 'Vi phạm trật tự khác', en: 'Other public-order violation' },
  // Kinds of timeline entries (the common ones)
  CASE_OPENED: { vi: 'Mở hồ sơ', en: 'Case opened' },
  DOSSIER_FILED: { vi: 'Lập xong hồ sơ', en: 'Dossier filed' },
  PERSON_NOTIFIED: { vi: 'Đã thông báo cho người bị đề nghị', en: 'Person notified' },
  TRANSFERRED_TO_COURT: { vi: 'Chuyển hồ sơ đến Tòa án', en: 'Sent to the court' },
  COURT_ACCEPTED: { vi: 'Tòa án thụ lý', en: 'Court accepted the dossier' },
  DOCUMENTS_REQUESTED: { vi: 'Tòa án yêu cầu bổ sung tài liệu', en: 'Court asked for documents' },
  DOCUMENTS_SUPPLIED: { vi: 'Đã bổ sung tài liệu', en: 'Documents supplied' },
  DOSSIER_RETURNED: { vi: 'Tòa án trả hồ sơ', en: 'Dossier returned' },
  HEARING_SCHEDULED: { vi: 'Đã lên lịch phiên họp', en: 'Hearing scheduled' },
  PROCEEDINGS_SUSPENDED: { vi: 'Tạm đình chỉ', en: 'Proceedings suspended' },
  PROCEEDINGS_RESUMED: { vi: 'Tiếp tục giải quyết', en: 'Proceedings resumed' },
  COMPLAINT_WINDOW_OPENED: { vi: 'Bắt đầu thời hạn khiếu nại', en: 'Complaint window opened' },
  DECISION_RECORDED: { vi: 'Ghi nhận quyết định', en: 'Decision recorded' },
  COMPLAINT_FILED: { vi: 'Có khiếu nại, kiến nghị', en: 'Complaint filed' },
  APPEAL_DECIDED: { vi: 'Tòa án cấp trên quyết định', en: 'Appeal decided' },
  DECISION_EFFECTIVE: { vi: 'Quyết định có hiệu lực', en: 'Decision in force' },
  EXECUTION_POSTPONED: { vi: 'Hoãn chấp hành', en: 'Execution postponed' },
  POSTPONEMENT_ENDED: { vi: 'Hết thời hạn hoãn', en: 'Postponement ended' },
  EXEMPTED: { vi: 'Miễn chấp hành', en: 'Exempted' },
  ADMITTED: { vi: 'Tiếp nhận vào cơ sở', en: 'Admitted' },
  ABSCONDED: { vi: 'Bỏ trốn', en: 'Absconded' },
  RETURNED_TO_FACILITY: { vi: 'Trở lại cơ sở', en: 'Returned to the facility' },
  TERM_REDUCED: { vi: 'Giảm thời hạn', en: 'Term reduced' },
  EARLY_RELEASE: { vi: 'Chấp hành xong trước thời hạn', en: 'Early release' },
  TERM_ENDED: { vi: 'Hết thời hạn', en: 'Term ended' },
  COMPLETED: { vi: 'Hoàn thành', en: 'Completed' },
  CASE_CLOSED: { vi: 'Đóng hồ sơ', en: 'Case closed' },
  CASE_REOPENED: { vi: 'Mở lại hồ sơ', en: 'Case reopened' },
  POST_REHAB_STARTED: { vi: 'Bắt đầu quản lý sau cai nghiện', en: 'Post-rehabilitation started' },
  CHECK_IN_RECORDED: { vi: 'Ghi nhận trình diện', en: 'Check-in recorded' },
  POST_REHAB_COMPLETED: { vi: 'Kết thúc quản lý sau cai nghiện', en: 'Post-rehabilitation completed' },
  // Rule budgets and offsets
  WORKING_DAYS: { vi: 'Ngày làm việc', en: 'Working days' },
  CALENDAR_DAYS: { vi: 'Ngày', en: 'Calendar days' },
  MONTHS: { vi: 'Tháng', en: 'Months' },
  DAY_OF_LAST_MONTH: { vi: 'Ngày của tháng cuối kỳ', en: 'Day of the period’s last month' },
  HOURS: { vi: 'Giờ', en: 'Hours' },
  ELAPSED: { vi: 'Giây (thử nghiệm)', en: 'Seconds (tests)' },
  SECONDS: { vi: 'Giây (thử nghiệm)', en: 'Seconds (tests)' },
};

/** "DOSSIER_FILED" → "Dossier filed": an unknown code still reads as words. */
function spelledOut(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function enumLabel(value: string, language: string): string {
  const label = LABELS[value];
  if (!label) return /^[A-Z][A-Z0-9_]*$/.test(value) ? spelledOut(value) : value;
  return language === 'en' ? label.en : label.vi;
}

export function hasEnumLabel(value: string): boolean {
  return value in LABELS;
}
