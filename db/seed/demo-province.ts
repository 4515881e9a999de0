import type { AgencyKind, JurisdictionLevel, Role } from '../../generated/prisma/enums';

/**
 * A fictional demo province, "Sông Xanh", shaped like a real one after the 2025 reorganisation:
 * two former districts (ended 30/06/2025) whose communes merged into four communes directly
 * under the province; district police gone on 01/03/2025; the district court replaced by a
 * regional court on 01/07/2025. Every name here is invented.
 */
export interface SeedJurisdiction {
  id: string;
  level: JurisdictionLevel;
  nameVi: string;
  nameEn: string;
  parentId?: string;
  validFrom: string;
  validTo?: string;
  successorId?: string;
}

export interface SeedAgency {
  id: string;
  kind: AgencyKind;
  nameVi: string;
  nameEn: string;
  jurisdictionId: string;
  parentAgencyId?: string;
  email?: string;
  validFrom: string;
  validTo?: string;
  successorId?: string;
}

export interface SeedUser {
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
  /** A member of an inter-agency team: the agency they come from. */
  homeAgencyId?: string;
}

export const DEMO_PASSWORD = 'Demo@2026';
const DISTRICTS_ENDED = '2025-06-30';
const COMMUNES_FROM = '2025-07-01';

export const demoJurisdictions: SeedJurisdiction[] = [
  // The national root (path "/"): its administrators add provinces and their first administrators.
  { id: 'VN', level: 'NATION', nameVi: 'Việt Nam', nameEn: 'Viet Nam', validFrom: '1945-09-02' },
  { id: 'SX', level: 'PROVINCE', nameVi: 'Tỉnh Sông Xanh', nameEn: 'Song Xanh Province', parentId: 'VN', validFrom: '1991-01-01' },
  // Before 1 July 2025
  { id: 'SX-LV', level: 'DISTRICT', nameVi: 'Huyện Lúa Vàng', nameEn: 'Lua Vang District', parentId: 'SX', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED },
  { id: 'SX-TP', level: 'DISTRICT', nameVi: 'Thành phố Sông Xanh', nameEn: 'Song Xanh City', parentId: 'SX', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED },
  { id: 'SX-LV-AP', level: 'COMMUNE', nameVi: 'Xã An Phú', nameEn: 'An Phu Commune', parentId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-APL' },
  { id: 'SX-LV-AL', level: 'COMMUNE', nameVi: 'Xã An Lạc', nameEn: 'An Lac Commune', parentId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-APL' },
  { id: 'SX-LV-BM', level: 'COMMUNE', nameVi: 'Xã Bình Minh', nameEn: 'Binh Minh Commune', parentId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-BM' },
  { id: 'SX-LV-TT', level: 'COMMUNE', nameVi: 'Thị trấn Tân Thành', nameEn: 'Tan Thanh Township', parentId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-TT' },
  { id: 'SX-TP-P1', level: 'COMMUNE', nameVi: 'Phường 1', nameEn: 'Ward 1', parentId: 'SX-TP', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-PTT' },
  { id: 'SX-TP-P2', level: 'COMMUNE', nameVi: 'Phường 2', nameEn: 'Ward 2', parentId: 'SX-TP', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-PTT' },
  // From 1 July 2025: communes directly under the province
  { id: 'SX-APL', level: 'COMMUNE', nameVi: 'Xã An Phú Lạc', nameEn: 'An Phu Lac Commune', parentId: 'SX', validFrom: COMMUNES_FROM },
  { id: 'SX-BM', level: 'COMMUNE', nameVi: 'Xã Bình Minh', nameEn: 'Binh Minh Commune', parentId: 'SX', validFrom: COMMUNES_FROM },
  { id: 'SX-TT', level: 'COMMUNE', nameVi: 'Xã Tân Thành', nameEn: 'Tan Thanh Commune', parentId: 'SX', validFrom: COMMUNES_FROM },
  { id: 'SX-PTT', level: 'COMMUNE', nameVi: 'Phường Trung Tâm', nameEn: 'Trung Tam Ward', parentId: 'SX', validFrom: COMMUNES_FROM },
];

const currentCommunes = demoJurisdictions.filter((j) => j.level === 'COMMUNE' && !j.validTo);

/**
 * Police and People's Committee of a commune. A merged commune's (ended 30/06/2025) hand their
 * work to the successor commune's; a current commune's exist from 1/7/2025.
 */
function communeAgencies(commune: SeedJurisdiction): SeedAgency[] {
  const slug = commune.id.toLowerCase();
  const history = commune.validTo
    ? (suffix: string) => ({ validFrom: '1991-01-01', validTo: commune.validTo, successorId: `${commune.successorId}-${suffix}` })
    : () => ({ validFrom: COMMUNES_FROM });
  return [
    {
      id: `${commune.id}-CA`,
      kind: 'COMMUNE_POLICE',
      nameVi: `Công an ${commune.nameVi}`,
      nameEn: `${commune.nameEn} Police`,
      jurisdictionId: commune.id,
      parentAgencyId: 'SX-CA',
      ...(commune.validTo ? {} : { email: `police.${slug}@demo.invalid` }),
      ...history('CA'),
    },
    {
      id: `${commune.id}-UBND`,
      kind: 'COMMUNE_PEOPLES_COMMITTEE',
      nameVi: `UBND ${commune.nameVi}`,
      nameEn: `${commune.nameEn} People's Committee`,
      jurisdictionId: commune.id,
      ...(commune.validTo ? {} : { email: `ubnd.${slug}@demo.invalid` }),
      ...history('UBND'),
    },
  ];
}

const mergedCommunes = demoJurisdictions.filter((j) => j.level === 'COMMUNE' && j.validTo && j.successorId);

export const demoAgencies: SeedAgency[] = [
  { id: 'VN-BCA', kind: 'NATIONAL_AGENCY', nameVi: 'Bộ Công an (Cục C04)', nameEn: 'Ministry of Public Security (C04)', jurisdictionId: 'VN', validFrom: '2025-03-01' },
  { id: 'SX-CA', kind: 'PROVINCIAL_POLICE', nameVi: 'Công an tỉnh Sông Xanh', nameEn: 'Song Xanh Provincial Police', jurisdictionId: 'SX', validFrom: '1991-01-01' },
  { id: 'SX-PC04', kind: 'PROVINCIAL_POLICE_DRUG_DIVISION', nameVi: 'Phòng Cảnh sát điều tra tội phạm về ma túy (PC04)', nameEn: 'Drug Crime Investigation Police Division (PC04)', jurisdictionId: 'SX', parentAgencyId: 'SX-CA', email: 'pc04@demo.invalid', validFrom: '1991-01-01' },
  { id: 'SX-CSCN1', kind: 'REHAB_FACILITY', nameVi: 'Cơ sở cai nghiện ma túy số 1', nameEn: 'Drug Rehabilitation Facility No. 1', jurisdictionId: 'SX', parentAgencyId: 'SX-PC04', email: 'cscn1@demo.invalid', validFrom: '2010-01-01' },
  { id: 'SX-TAKV1', kind: 'REGIONAL_COURT', nameVi: 'Tòa án nhân dân khu vực 1 - Sông Xanh', nameEn: 'Regional People\'s Court No. 1 - Song Xanh', jurisdictionId: 'SX', email: 'takv1@demo.invalid', validFrom: COMMUNES_FROM },
  { id: 'SX-VKSKV1', kind: 'REGIONAL_PROCURACY', nameVi: 'Viện kiểm sát nhân dân khu vực 1 - Sông Xanh', nameEn: 'Regional People\'s Procuracy No. 1 - Song Xanh', jurisdictionId: 'SX', validFrom: COMMUNES_FROM },
  { id: 'SX-TAT', kind: 'PROVINCIAL_COURT', nameVi: 'Tòa án nhân dân tỉnh Sông Xanh', nameEn: 'Song Xanh Provincial People\'s Court', jurisdictionId: 'SX', validFrom: '1991-01-01' },
  { id: 'SX-BVTT', kind: 'MEDICAL_FACILITY', nameVi: 'Bệnh viện Tâm thần tỉnh Sông Xanh (cơ sở xác định tình trạng nghiện)', nameEn: 'Song Xanh Provincial Psychiatric Hospital (addiction determination)', jurisdictionId: 'SX', parentAgencyId: 'SX-SYT', email: 'bvtt@demo.invalid', validFrom: '2022-01-01' },
  { id: 'SX-SYT', kind: 'PROVINCIAL_HEALTH_DEPARTMENT', nameVi: 'Sở Y tế tỉnh Sông Xanh', nameEn: 'Song Xanh Department of Health', jurisdictionId: 'SX', validFrom: '1991-01-01' },
  { id: 'SX-D178', kind: 'INSPECTION_TEAM_178', nameVi: 'Đoàn kiểm tra liên ngành 178 tỉnh Sông Xanh', nameEn: 'Song Xanh inter-agency inspection team 178', jurisdictionId: 'SX', parentAgencyId: 'SX-SYT', email: 'doan178@demo.invalid', validFrom: COMMUNES_FROM },
  { id: 'SX-BCD', kind: 'PROVINCIAL_STEERING_COMMITTEE', nameVi: 'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội tỉnh Sông Xanh', nameEn: 'Song Xanh Steering Committee on Crime and Social Evils', jurisdictionId: 'SX', validFrom: '1991-01-01' },
  // Historical bodies of the former Lúa Vàng district
  { id: 'SX-LV-CA', kind: 'DISTRICT_POLICE', nameVi: 'Công an huyện Lúa Vàng', nameEn: 'Lua Vang District Police', jurisdictionId: 'SX-LV', parentAgencyId: 'SX-CA', validFrom: '1991-01-01', validTo: '2025-02-28', successorId: 'SX-PC04' },
  { id: 'SX-LV-LDTBXH', kind: 'DISTRICT_LABOUR_DIVISION', nameVi: 'Phòng Lao động - Thương binh và Xã hội huyện Lúa Vàng', nameEn: 'Lua Vang District Labour Division', jurisdictionId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-PC04' },
  // Checked compulsory-rehabilitation dossiers' legality under the 2014–2021 regime. No one took that work over by name
  // (UNCONFIRMED): PC04, which coordinates rehabilitation since 2025, answers for a check still open, as for the labour division.
  { id: 'SX-LV-TUPHAP', kind: 'DISTRICT_JUSTICE_DIVISION', nameVi: 'Phòng Tư pháp huyện Lúa Vàng', nameEn: 'Lua Vang District Justice Division', jurisdictionId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-PC04' },
  { id: 'SX-LV-TA', kind: 'DISTRICT_COURT', nameVi: 'Tòa án nhân dân huyện Lúa Vàng', nameEn: 'Lua Vang District People\'s Court', jurisdictionId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-TAKV1' },
  { id: 'SX-LV-VKS', kind: 'DISTRICT_PROCURACY', nameVi: 'Viện kiểm sát nhân dân huyện Lúa Vàng', nameEn: 'Lua Vang District People\'s Procuracy', jurisdictionId: 'SX-LV', validFrom: '1991-01-01', validTo: DISTRICTS_ENDED, successorId: 'SX-VKSKV1' },
  ...currentCommunes.flatMap(communeAgencies),
  ...mergedCommunes.flatMap(communeAgencies),
];

export const demoUsers: SeedUser[] = [
  { username: 'police.apl', displayName: 'Nguyễn Văn An (CA xã An Phú Lạc)', agencyId: 'SX-APL-CA', roles: ['COMMUNE_POLICE_OFFICER'] },
  { username: 'head.police.apl', displayName: 'Trần Văn Bình (Trưởng CA xã An Phú Lạc)', agencyId: 'SX-APL-CA', roles: ['COMMUNE_POLICE_HEAD', 'COMMUNE_POLICE_OFFICER'] },
  { username: 'police.bm', displayName: 'Lê Thị Cúc (CA xã Bình Minh)', agencyId: 'SX-BM-CA', roles: ['COMMUNE_POLICE_OFFICER'] },
  { username: 'official.apl', displayName: 'Phạm Thị Dung (UBND xã An Phú Lạc)', agencyId: 'SX-APL-UBND', roles: ['COMMUNE_OFFICIAL'] },
  { username: 'chairman.apl', displayName: 'Hoàng Văn Em (Chủ tịch UBND xã An Phú Lạc)', agencyId: 'SX-APL-UBND', roles: ['COMMUNE_CHAIRMAN', 'COMMUNE_OFFICIAL'] },
  // A person who moves takes their case to another commune: Bình Minh has its own officials.
  { username: 'chairman.bm', displayName: 'Vũ Văn Khánh (Chủ tịch UBND xã Bình Minh)', agencyId: 'SX-BM-UBND', roles: ['COMMUNE_CHAIRMAN', 'COMMUNE_OFFICIAL'] },
  { username: 'judge.kv1', displayName: 'Vũ Thị Giang (Thẩm phán TAND KV1)', agencyId: 'SX-TAKV1', roles: ['JUDGE'] },
  { username: 'chiefjudge.kv1', displayName: 'Đỗ Văn Hải (Chánh án TAND KV1)', agencyId: 'SX-TAKV1', roles: ['CHIEF_JUDGE', 'JUDGE'] },
  { username: 'judge.tat', displayName: 'Trịnh Văn Sơn (Thẩm phán TAND tỉnh)', agencyId: 'SX-TAT', roles: ['JUDGE'] },
  { username: 'procurator.kv1', displayName: 'Bùi Thị Lan (Kiểm sát viên VKSND KV1)', agencyId: 'SX-VKSKV1', roles: ['PROCURATOR'] },
  { username: 'facility.officer', displayName: 'Ngô Văn Minh (Cơ sở cai nghiện số 1)', agencyId: 'SX-CSCN1', roles: ['FACILITY_OFFICER'] },
  { username: 'facility.director', displayName: 'Đinh Thị Nga (Giám đốc Cơ sở cai nghiện số 1)', agencyId: 'SX-CSCN1', roles: ['FACILITY_DIRECTOR', 'FACILITY_OFFICER'] },
  // Kept for history (its agency ended, so it cannot sign in): the district labour division sent dossiers to the
  // court until 28/02/2025; PC04 took that work over and answers for the division's steps still open.
  { username: 'labour.lv', displayName: 'Phan Văn Lao (Phòng LĐTBXH huyện Lúa Vàng, đến 30/6/2025)', agencyId: 'SX-LV-LDTBXH', roles: ['LABOUR_OFFICER'] },
  { username: 'justice.lv', displayName: 'Đặng Thị Pháp (Phòng Tư pháp huyện Lúa Vàng, đến 30/6/2025)', agencyId: 'SX-LV-TUPHAP', roles: ['JUSTICE_OFFICER'] },
  { username: 'doctor.bvtt', displayName: 'Hà Văn Thành (Bác sĩ Bệnh viện Tâm thần tỉnh)', agencyId: 'SX-BVTT', roles: ['DOCTOR'] },
  { username: 'coordinator.pc04', displayName: 'Lý Văn Phúc (Điều phối viên PC04)', agencyId: 'SX-PC04', roles: ['PROVINCIAL_COORDINATOR'] },
  { username: 'coordinator.bcd', displayName: 'Mai Thị Quỳnh (Thường trực Ban Chỉ đạo tỉnh)', agencyId: 'SX-BCD', roles: ['PROVINCIAL_COORDINATOR'] },
  { username: 'team178.sx', displayName: 'Cao Văn Tâm (Đoàn kiểm tra liên ngành 178 tỉnh; Công an tỉnh)', agencyId: 'SX-D178', roles: ['TEAM_178_MEMBER'], homeAgencyId: 'SX-CA' },
  { username: 'admin', displayName: 'Quản trị hệ thống', agencyId: 'SX-CA', roles: ['SYSTEM_ADMIN'] },
  { username: 'national.admin', displayName: 'Quản trị cấp quốc gia', agencyId: 'VN-BCA', roles: ['NATIONAL_ADMIN'] },
];

/** A few establishments of the register team 178 plans and inspects (fixed ids: seeding twice adds nothing). */
export const demoEstablishments = [
  { id: '5a7e0000-0178-4000-8000-000000000001', jurisdictionId: 'SX-APL', kind: 'KARAOKE', name: 'Karaoke Ánh Trăng', address: 'Ấp Phú Lợi, xã An Phú Lạc', ownerBusiness: 'Hộ kinh doanh Ánh Trăng', risk: 'HIGH', complex: true },
  { id: '5a7e0000-0178-4000-8000-000000000002', jurisdictionId: 'SX-APL', kind: 'MASSAGE_SAUNA', name: 'Massage Hoa Sen', address: 'Ấp Phú Hòa, xã An Phú Lạc', ownerBusiness: 'Công ty TNHH Hoa Sen Sông Xanh', risk: 'MEDIUM', complex: false },
  { id: '5a7e0000-0178-4000-8000-000000000003', jurisdictionId: 'SX-BM', kind: 'GUESTHOUSE', name: 'Nhà nghỉ Bến Sông', address: 'Ấp Bến, xã Bình Minh', ownerBusiness: 'Hộ kinh doanh Bến Sông', risk: 'LOW', complex: false },
];
