import type { Role } from '../../generated/prisma/enums';
import type { Actor } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure I, an inspection by an inter-agency team 178 of an establishment prone to
 * prostitution (domain/procedures.md §11), as data: the inspection is recorded when it has taken
 * place (a surprise inspection is never announced in the system beforehand, so the inspected
 * commune cannot see it coming); a violation goes to the competent authority, whose sanction is a
 * step with its deadline; an establishment marked complex is inspected again. The subject is an
 * establishment of the register (establishments), not a person: the case has none.
 */
export const Phase = {
  INSPECTED: 'INSPECTED',
  AWAITING_SANCTION: 'AWAITING_SANCTION',
  AWAITING_REINSPECTION: 'AWAITING_REINSPECTION',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { establishmentId, kind, surprise, result, violations (count), minutesRef, teamAgencyId } */
  INSPECTION_RECORDED: 'INSPECTION_RECORDED',
  /** Nothing to follow up: no violation, not a complex establishment. */
  INSPECTION_CLOSED: 'INSPECTION_CLOSED',
  /** details: { outcome, decisionRef } */
  SANCTION_DECIDED: 'SANCTION_DECIDED',
  /** details: { result, minutesRef } */
  REINSPECTION_RECORDED: 'REINSPECTION_RECORDED',
} as const;

export const InspectionResult = ['NO_VIOLATION', 'VIOLATION'] as const;
export const SanctionOutcome = ['FINED', 'WARNING', 'OPERATIONS_SUSPENDED', 'LICENCE_REVOKED', 'NOT_SANCTIONED'] as const;

export interface StartInspectionInput {
  caseRef: string;
  /** The commune where the establishment is. */
  jurisdictionId: string;
  establishmentId: string;
  establishmentKind: string;
  /** Marked complex in the register when inspected: it is inspected again. */
  complex: boolean;
  teamAgencyId: string;
  inspectedOn: string;
  surprise: boolean;
  result: (typeof InspectionResult)[number];
  violations: number;
  minutesRef: string;
  actor: Actor;
}

const TEAM: readonly Role[] = ['TEAM_178_MEMBER'];
const P = Phase;

export const inspection178: ProcedureDefinition = {
  code: 'INSPECTION_178',
  workflowType: 'inspection178Workflow',
  refPrefix: 'KT178',
  titleVi: 'Kiểm tra liên ngành 178 cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm',
  titleEn: 'Team 178 inspection of an establishment prone to prostitution',
  section: '§11',
  initialPhase: P.INSPECTED,
  phases: {
    INSPECTED: { vi: 'Đã kiểm tra', en: 'Inspected' },
    AWAITING_SANCTION: { vi: 'Chờ cơ quan có thẩm quyền xử lý vi phạm', en: 'Awaiting the sanction' },
    AWAITING_REINSPECTION: { vi: 'Chờ kiểm tra lại', en: 'Awaiting re-inspection' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: TEAM,
  // The competent authority reads the record of the violation it sanctions.
  readBy: [...TEAM, 'COMMUNE_CHAIRMAN', 'PROVINCIAL_COORDINATOR'],
  subject: 'ESTABLISHMENT',
  actions: [
    {
      type: 'RECORD_SANCTION', titleVi: 'Ghi nhận quyết định xử lý vi phạm', titleEn: 'Record the sanction decision',
      step: { rule: 'INS.SANCTION' }, completes: 'INS.SANCTION', records: Event.SANCTION_DECIDED,
      by: { stepOwner: true }, custom: true,
    },
    {
      type: 'RECORD_REINSPECTION', titleVi: 'Ghi nhận kết quả kiểm tra lại', titleEn: 'Record the re-inspection',
      step: { rule: 'INS.REINSPECTION' }, completes: 'INS.REINSPECTION', records: Event.REINSPECTION_RECORDED, movesTo: P.CLOSED,
      by: { stepOwner: true, alsoRoles: TEAM }, custom: true,
    },
  ],
};
