import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure B, determination of addiction (domain/procedures.md §3), as data. Police request it
 * for the persons of Law 73/2021 Art. 27(1), or the person comes by themselves; a qualified medical
 * facility examines and concludes (addicted, not addicted, or further monitoring); found addicted,
 * the person must register for voluntary rehabilitation or substitution therapy within 5 working
 * days, and failing that an adult's compulsory case (D) opens on ground 1 (or 3).
 */
export const Phase = {
  EXAMINATION: 'EXAMINATION',
  MONITORING: 'MONITORING',
  AWAITING_REGISTRATION: 'AWAITING_REGISTRATION',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { basis } */
  DETERMINATION_REQUESTED: 'DETERMINATION_REQUESTED',
  /** details: { result: ADDICTED | NOT_ADDICTED | FURTHER_MONITORING, opioid, resultRef } */
  CONCLUSION_RECORDED: 'CONCLUSION_RECORDED',
  /** details: { programme } */
  TREATMENT_REGISTERED: 'TREATMENT_REGISTERED',
  /** The 5 working days passed without registration. details: { compulsoryCaseRef?, legalGround? } */
  REGISTRATION_MISSED: 'REGISTRATION_MISSED',
} as const;

export const DeterminationResult = ['ADDICTED', 'NOT_ADDICTED', 'FURTHER_MONITORING'] as const;
export type DeterminationResult = (typeof DeterminationResult)[number];

export const DeterminationBasis = [
  'MANAGED_USER_USING_AGAIN',
  'NO_STABLE_RESIDENCE',
  'EDUCATION_MEASURE_USING',
  'POST_REHAB_USING',
  'VOLUNTEER',
] as const;
export type DeterminationBasis = (typeof DeterminationBasis)[number];

export interface StartAddictionDeterminationInput {
  caseRef: string;
  /** The commune handling the person (residence, or where they were found). */
  jurisdictionId: string;
  /** A new person, or one already on record (sent by another case). */
  person: PersonInput | { personId: string };
  /** Absent only for a person whose case began before birth dates travelled with cases. */
  birthDate?: string;
  residenceJurisdictionId: string;
  basis: DeterminationBasis;
  requestedOn: string;
  actor?: Actor;
  parentCaseRef?: string;
  /** Acts already done on paper, recorded in order when the case is entered. */
  pastActs?: PastAct[];
}

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const P = Phase;

export const addictionDetermination: ProcedureDefinition = {
  code: 'ADDICTION_DETERMINATION',
  workflowType: 'addictionDeterminationWorkflow',
  refPrefix: 'XD',
  titleVi: 'Xác định tình trạng nghiện ma túy',
  titleEn: 'Determination of addiction',
  section: '§3',
  initialPhase: P.EXAMINATION,
  phases: {
    EXAMINATION: { vi: 'Khám, xác định', en: 'Examination' },
    MONITORING: { vi: 'Tiếp tục theo dõi', en: 'Further monitoring' },
    AWAITING_REGISTRATION: { vi: 'Chờ đăng ký cai nghiện', en: 'Awaiting registration for treatment' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: [...POLICE, 'DOCTOR'],
  readBy: [...POLICE, ...COMMUNE, 'DOCTOR', 'PROVINCIAL_COORDINATOR'],
  actions: [
    {
      type: 'RECORD_CONCLUSION', titleVi: 'Ghi nhận kết luận xác định tình trạng nghiện', titleEn: 'Record the conclusion',
      step: { rule: 'DET.EXAMINATION' }, completes: 'DET.EXAMINATION', records: Event.CONCLUSION_RECORDED,
      by: { stepOwner: true, alsoRoles: ['DOCTOR'] }, custom: true,
    },
    {
      type: 'CONCLUDE_MONITORING', titleVi: 'Kết luận sau thời gian theo dõi', titleEn: 'Conclude after monitoring',
      step: { rule: 'DET.MONITORING' }, completes: 'DET.MONITORING', records: Event.CONCLUSION_RECORDED,
      by: { stepOwner: true, alsoRoles: ['DOCTOR'] }, custom: true,
    },
    {
      type: 'REGISTER_TREATMENT', titleVi: 'Ghi nhận đăng ký cai nghiện hoặc điều trị thay thế', titleEn: 'Record the registration for treatment',
      step: { rule: 'DET.REGISTRATION' }, completes: 'DET.REGISTRATION', records: Event.TREATMENT_REGISTERED, movesTo: P.CLOSED,
      by: { stepOwner: true, alsoRoles: COMMUNE }, custom: true,
    },
  ],
};
