import type { Role } from '../../generated/prisma/enums';
import type { Actor } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';
import type { Programme } from './scoring';

/**
 * Procedure J, the yearly assessment of one commune in a programme (healthy commune, or
 * drug-free commune; domain/procedures.md §12), as data: the commune assesses itself against the
 * province's criteria with its evidence, the province's council reviews and scores it, and the
 * decision recognises it or not. The subject is the commune, not a person: the case has none.
 */
export const Phase = {
  SELF_ASSESSMENT: 'SELF_ASSESSMENT',
  COUNCIL_REVIEW: 'COUNCIL_REVIEW',
  AWAITING_DECISION: 'AWAITING_DECISION',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { programme, year, criteriaSetId, criteriaVersion, example } */
  ASSESSMENT_OPENED: 'ASSESSMENT_OPENED',
  /** details: { scores, total, maxTotal, level, requiredMissed, evidenceRefs } */
  SELF_ASSESSMENT_SUBMITTED: 'SELF_ASSESSMENT_SUBMITTED',
  /** details: { scores, total, maxTotal, level, requiredMissed } */
  COUNCIL_SCORED: 'COUNCIL_SCORED',
  /** details: { programme, year, level, decisionRef, recognisedIn (the programme, when recognised) } */
  ASSESSMENT_DECIDED: 'ASSESSMENT_DECIDED',
} as const;

export interface StartCommuneAssessmentInput {
  caseRef: string;
  jurisdictionId: string;
  programme: Programme;
  year: number;
  openedOn: string;
  actor: Actor;
}

const COMMUNE: readonly Role[] = ['COMMUNE_CHAIRMAN', 'COMMUNE_OFFICIAL'];
const P = Phase;

export const communeAssessment: ProcedureDefinition = {
  code: 'COMMUNE_ASSESSMENT',
  workflowType: 'communeAssessmentWorkflow',
  refPrefix: 'DGX',
  titleVi: 'Đánh giá, công nhận xã lành mạnh / xã không ma túy',
  titleEn: 'Healthy / drug-free commune assessment',
  section: '§12',
  initialPhase: P.SELF_ASSESSMENT,
  phases: {
    SELF_ASSESSMENT: { vi: 'Xã tự đánh giá', en: 'Self-assessment' },
    COUNCIL_REVIEW: { vi: 'Hội đồng thẩm định, chấm điểm', en: 'Council review' },
    AWAITING_DECISION: { vi: 'Chờ quyết định công nhận', en: 'Awaiting the decision' },
    CLOSED: { vi: 'Đã quyết định', en: 'Decided' },
  },
  openedBy: ['PROVINCIAL_COORDINATOR', 'COMMUNE_CHAIRMAN'],
  readBy: [...COMMUNE, 'COMMUNE_POLICE_HEAD', 'PROVINCIAL_COORDINATOR'],
  subject: 'COMMUNE',
  actions: [
    {
      type: 'SUBMIT_SELF_ASSESSMENT', titleVi: 'Nộp bản tự đánh giá', titleEn: 'Submit the self-assessment',
      step: { rule: 'ASM.SELF' }, completes: 'ASM.SELF', records: Event.SELF_ASSESSMENT_SUBMITTED, movesTo: P.COUNCIL_REVIEW,
      opens: ['ASM.REVIEW'], by: { stepOwner: true, alsoRoles: COMMUNE }, custom: true,
    },
    {
      type: 'RECORD_COUNCIL_SCORES', titleVi: 'Ghi nhận kết quả chấm điểm của Hội đồng', titleEn: 'Record the council’s scores',
      step: { rule: 'ASM.REVIEW' }, completes: 'ASM.REVIEW', records: Event.COUNCIL_SCORED, movesTo: P.AWAITING_DECISION,
      opens: ['ASM.DECISION'], by: { stepOwner: true }, custom: true,
    },
    {
      type: 'RECORD_DECISION', titleVi: 'Ghi nhận quyết định công nhận', titleEn: 'Record the recognition decision',
      step: { rule: 'ASM.DECISION' }, completes: 'ASM.DECISION', records: Event.ASSESSMENT_DECIDED, movesTo: P.CLOSED,
      by: { stepOwner: true }, custom: true,
    },
  ],
};
