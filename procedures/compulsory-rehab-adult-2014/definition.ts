import type { Role } from '../../generated/prisma/enums';
import { CaseEventKind } from '../../domain/cases/case-event-kinds';
import type { ProcedureDefinition } from '../procedure-definition';
import { Phase as TodaysPhase, compulsoryRehabAdult, courtAndTreatment } from '../compulsory-rehab-adult/definition';

/**
 * Compulsory rehabilitation of adults under the 2014–2021 regime (domain/procedures.md §0, §5.1
 * last paragraph, §5.4), a procedure of its own for the cases begun then: other grounds (an
 * education measure at the commune and still addicted within two years, or no stable residence),
 * and another path to the court: the commune chairman compiles the dossier, the district justice
 * division checks its legality, the district labour division sends it. From the court on it is
 * today's procedure D (courtAndTreatment), on this regime's own rules (CRO.*).
 */
export const Phase = { ...TodaysPhase, LEGAL_CHECK: 'LEGAL_CHECK' } as const;

/** ND 221/2013 Art. 3 as amended by ND 136/2016 Art. 1(1). */
export const GROUNDS_2014 = {
  1: 'Đã bị áp dụng biện pháp giáo dục tại xã, phường, thị trấn do nghiện ma túy mà trong thời hạn 02 năm vẫn còn nghiện',
  2: 'Nghiện ma túy, không có nơi cư trú ổn định',
} as const;

const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const K = CaseEventKind;
const P = Phase;

export const compulsoryRehabAdult2014: ProcedureDefinition = {
  code: 'COMPULSORY_REHAB_ADULT_2014',
  workflowType: 'compulsoryRehabAdult2014Workflow',
  refPrefix: 'CRO',
  titleVi: 'Đưa người nghiện ma túy vào cơ sở cai nghiện bắt buộc (chế độ 2014–2021)',
  titleEn: 'Compulsory rehabilitation of adults (2014–2021 regime)',
  section: '§5.4',
  initialPhase: P.DOSSIER,
  phases: {
    DOSSIER: { vi: 'Lập hồ sơ đề nghị', en: 'Compiling the dossier' },
    NOTIFYING: { vi: 'Thông báo hồ sơ', en: 'Notifying the person' },
    LEGAL_CHECK: { vi: 'Kiểm tra tính pháp lý', en: 'Legality check' },
    ...Object.fromEntries(Object.entries(compulsoryRehabAdult.phases).filter(([phase]) => phase !== P.DOSSIER && phase !== P.NOTIFYING)),
  },
  statutoryLimit: { rule: 'CRO.LIMIT', steps: ['CRO.D2', 'CRO.D3', 'CRO.LEGALITY', 'CRO.TRANSFER', 'CRO.D6', 'CRO.D8'] },
  // Entered today from the paper file: the commune that compiled it, or the police who hold rehabilitation since 2025.
  openedBy: [...COMMUNE, ...POLICE],
  readBy: compulsoryRehabAdult.readBy,
  appliesTo: { minYears: 18, source: 'Luật Xử lý vi phạm hành chính 2012, Điều 95', confidence: 'CONFIRMED' },
  // No age group: minors had no compulsory rehabilitation under this regime (§0), so none is pointed to.
  actions: [
    {
      type: 'FILE_DOSSIER', titleVi: 'Lập xong hồ sơ đề nghị', titleEn: 'File the dossier',
      step: { rule: 'CRO.D2' }, completes: 'CRO.D2', records: K.DOSSIER_FILED, movesTo: P.NOTIFYING, opens: ['CRO.D3'],
      by: { stepOwner: true, alsoRoles: COMMUNE }, custom: true,
    },
    {
      type: 'NOTIFY_PERSON', titleVi: 'Thông báo cho người bị đề nghị và gia đình', titleEn: 'Notify the person and family',
      step: { rule: 'CRO.D3' }, completes: 'CRO.D3', records: K.PERSON_NOTIFIED, movesTo: P.LEGAL_CHECK, opens: ['CRO.LEGALITY'],
      by: { stepOwner: true, alsoRoles: COMMUNE },
    },
    {
      type: 'CHECK_LEGALITY', titleVi: 'Xác nhận tính pháp lý của hồ sơ', titleEn: 'Confirm the dossier’s legality',
      step: { rule: 'CRO.LEGALITY' }, completes: 'CRO.LEGALITY', records: K.LEGALITY_CHECKED, movesTo: P.TRANSFER, opens: ['CRO.TRANSFER'],
      by: { stepOwner: true },
    },
    {
      type: 'TRANSFER_TO_COURT', titleVi: 'Chuyển hồ sơ đến Tòa án', titleEn: 'Transfer the dossier to the court',
      step: { rule: 'CRO.TRANSFER' }, completes: 'CRO.TRANSFER', records: K.TRANSFERRED_TO_COURT, movesTo: P.AT_COURT, opens: ['CRO.D6'],
      by: { stepOwner: true },
    },
    // The commune People's Committee proposed the measure then: it supplies documents and petitions.
    ...courtAndTreatment('CRO', COMMUNE),
  ],
};
