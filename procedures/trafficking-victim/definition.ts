import type { Role } from '../../generated/prisma/enums';
import type { Actor, PastAct, PersonInput } from '../../workflows/cases/case-contract';
import type { ProcedureDefinition } from '../procedure-definition';

/**
 * Procedure H, reception, verification and support of a trafficking victim (domain/procedures.md
 * §10), as data. A victim's record is more sensitive than a drug case: only the commune bodies
 * handling it and the province's coordinators read it (or an agency owning one of its steps),
 * and it never shows in searches or person pages made for other procedures.
 */
export const Phase = {
  RECEIVED: 'RECEIVED',
  AT_COMMUNE: 'AT_COMMUNE',
  VERIFYING: 'VERIFYING',
  FURTHER_VERIFICATION: 'FURTHER_VERIFICATION',
  IDENTIFIED: 'IDENTIFIED',
  SUPPORTING: 'SUPPORTING',
  CLOSED: 'CLOSED',
} as const;

export const Event = {
  /** details: { channel, consent } */
  VICTIM_RECEIVED: 'VICTIM_RECEIVED',
  VICTIM_BROUGHT_TO_COMMUNE: 'VICTIM_BROUGHT_TO_COMMUNE',
  VICTIM_NOTICE_SENT: 'VICTIM_NOTICE_SENT',
  /** details: { result: IDENTIFIED | FURTHER_VERIFICATION | NOT_A_VICTIM, evidenceRef? } */
  VICTIM_VERIFIED: 'VICTIM_VERIFIED',
  /** details: { representative, alternativeCare } (a child: who represents them, and whether care was arranged) */
  CHILD_PROTECTION_RECORDED: 'CHILD_PROTECTION_RECORDED',
  /** details: { measures, consentBy } */
  SUPPORT_AGREED: 'SUPPORT_AGREED',
  SUPPORT_REFUSED: 'SUPPORT_REFUSED',
  /** details: { measure } */
  SUPPORT_PROVIDED: 'SUPPORT_PROVIDED',
  VICTIM_CASE_CLOSED: 'VICTIM_CASE_CLOSED',
} as const;

export const ReceptionChannel = ['SELF_REPORTED', 'RESCUED', 'RETURNED_FROM_ABROAD', 'HANDED_OVER'] as const;
/** Who represents a child victim (Law on Children 2016): support needs the representative's consent. */
export const ChildRepresentative = ['PARENT', 'GUARDIAN', 'OTHER_REPRESENTATIVE', 'NONE_REACHABLE'] as const;
/** A child is under 16 (Law on Children 2016, Art. 1). */
export const CHILD_BELOW_AGE = 16;

export interface StartTraffickingVictimInput {
  caseRef: string;
  jurisdictionId: string;
  person: PersonInput;
  channel: (typeof ReceptionChannel)[number];
  receivedOn: string;
  actor: Actor;
  pastActs?: PastAct[];
}

const POLICE: readonly Role[] = ['COMMUNE_POLICE_OFFICER', 'COMMUNE_POLICE_HEAD'];
const COMMUNE: readonly Role[] = ['COMMUNE_OFFICIAL', 'COMMUNE_CHAIRMAN'];
const P = Phase;

export const traffickingVictim: ProcedureDefinition = {
  code: 'TRAFFICKING_VICTIM',
  workflowType: 'traffickingVictimWorkflow',
  refPrefix: 'NN',
  titleVi: 'Tiếp nhận, xác minh, xác định và hỗ trợ nạn nhân bị mua bán',
  titleEn: 'Reception, verification and support of trafficking victims',
  section: '§10',
  initialPhase: P.RECEIVED,
  phases: {
    RECEIVED: { vi: 'Đã tiếp nhận', en: 'Received' },
    AT_COMMUNE: { vi: 'Tại UBND cấp xã', en: 'At the commune' },
    VERIFYING: { vi: 'Xác minh ban đầu', en: 'Initial verification' },
    FURTHER_VERIFICATION: { vi: 'Xác minh thêm', en: 'Further verification' },
    IDENTIFIED: { vi: 'Đã xác định là nạn nhân', en: 'Identified as a victim' },
    SUPPORTING: { vi: 'Đang hỗ trợ', en: 'Support under way' },
    CLOSED: { vi: 'Đã kết thúc', en: 'Closed' },
  },
  openedBy: [...POLICE, ...COMMUNE],
  readBy: [...POLICE, ...COMMUNE, 'PROVINCIAL_COORDINATOR'],
  confidential: true,
  actions: [
    {
      type: 'BRING_TO_COMMUNE', titleVi: 'Đưa người đến UBND cấp xã', titleEn: 'Bring the person to the commune',
      step: { rule: 'TRF.BRING' }, completes: 'TRF.BRING', records: Event.VICTIM_BROUGHT_TO_COMMUNE, movesTo: P.AT_COMMUNE,
      // The commune police's step: the committee's officials are not their colleagues (they could never act on it).
      opens: ['TRF.NOTICE'], by: { stepOwner: true, alsoRoles: POLICE },
    },
    {
      type: 'NOTIFY_ONWARD', titleVi: 'Thông báo cho cơ quan có trách nhiệm xác minh', titleEn: 'Notify the agency that verifies',
      step: { rule: 'TRF.NOTICE' }, completes: 'TRF.NOTICE', records: Event.VICTIM_NOTICE_SENT, movesTo: P.VERIFYING,
      opens: ['TRF.VERIFICATION'], by: { stepOwner: true, alsoRoles: COMMUNE },
    },
    {
      type: 'RECORD_VERIFICATION', titleVi: 'Ghi nhận kết quả xác minh ban đầu', titleEn: 'Record the initial verification',
      step: { rule: 'TRF.VERIFICATION' }, completes: 'TRF.VERIFICATION', records: Event.VICTIM_VERIFIED,
      by: { stepOwner: true, alsoRoles: POLICE }, custom: true,
    },
    {
      type: 'CONCLUDE_FURTHER_VERIFICATION', titleVi: 'Kết luận xác minh thêm', titleEn: 'Conclude the further verification',
      step: { rule: 'TRF.FURTHER_VERIFICATION' }, completes: 'TRF.FURTHER_VERIFICATION', records: Event.VICTIM_VERIFIED,
      by: { stepOwner: true, alsoRoles: POLICE }, custom: true,
    },
    {
      type: 'RECORD_CHILD_PROTECTION', titleVi: 'Ghi nhận bảo vệ trẻ em (người đại diện, chăm sóc thay thế)', titleEn: 'Record child protection (representative, alternative care)',
      step: { rule: 'TRF.CHILD_PROTECTION' }, completes: 'TRF.CHILD_PROTECTION', records: Event.CHILD_PROTECTION_RECORDED,
      by: { stepOwner: true, alsoRoles: COMMUNE }, custom: true,
    },
    {
      type: 'AGREE_SUPPORT', titleVi: 'Nạn nhân đồng ý nhận hỗ trợ', titleEn: 'The victim agrees to support',
      phases: [P.IDENTIFIED], records: Event.SUPPORT_AGREED, movesTo: P.SUPPORTING, by: { roles: COMMUNE }, custom: true,
    },
    {
      type: 'REFUSE_SUPPORT', titleVi: 'Nạn nhân từ chối hỗ trợ', titleEn: 'The victim refuses support',
      phases: [P.IDENTIFIED], records: Event.SUPPORT_REFUSED, movesTo: P.CLOSED, by: { roles: COMMUNE }, custom: true,
    },
    {
      type: 'PROVIDE_SUPPORT', titleVi: 'Ghi nhận đã hỗ trợ', titleEn: 'Record support provided',
      phases: [P.SUPPORTING], records: Event.SUPPORT_PROVIDED, by: { roles: COMMUNE }, custom: true,
    },
  ],
};
