import { z } from 'zod';
import { DecisionOutcome } from '../../domain/cases/case-event-kinds';

const isoDate = z.iso.date().meta({ example: '2026-03-02' });
const reference = z.string().trim().min(1).max(120);
const documentIds = z.array(z.uuid()).max(50).optional();

/** A 12-digit citizen identity number (căn cước công dân). */
export const citizenId = z
  .string()
  .regex(/^\d{12}$/, { error: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số / must be exactly 12 digits' })
  .meta({ example: '079203001234' });

export const personSchema = z.object({
  fullName: z.string().trim().min(2).max(120),
  birthDate: isoDate,
  citizenId,
  residenceStatus: z.enum(['STABLE', 'NO_STABLE_RESIDENCE']),
  residenceAddress: z.string().trim().max(300).optional(),
  residenceJurisdictionId: z.string().min(1).max(40),
});

export const createCaseBody = z
  .object({
    jurisdictionId: z.string().min(1).max(40).meta({ description: 'The commune handling the case' }),
    person: personSchema,
    legalGround: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).meta({
      description: 'Law 73/2021 Art. 32 ground (4 = relapse during post-rehabilitation)',
    }),
    groundsFoundOn: isoDate,
  })
  .meta({ id: 'CreateCase' });

const on = isoDate.meta({ description: 'The legal date the act happened (today or earlier)' });

/** Every action, one schema each, told apart by `type`. */
export const caseActionBody = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('FILE_DOSSIER'),
      on,
      addictionResultRef: reference,
      interimArrangement: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('FAMILY') }),
        z.object({ kind: z.literal('FACILITY'), heldFrom: isoDate }),
      ]),
      documentIds,
    }),
    z.object({ type: z.literal('NOTIFY_PERSON'), on }),
    z.object({ type: z.literal('TRANSFER_TO_COURT'), on }),
    z.object({ type: z.literal('ACCEPT_DOSSIER'), on }),
    z.object({ type: z.literal('REQUEST_DOCUMENTS'), on, reason: z.string().trim().min(3).max(500) }),
    z.object({ type: z.literal('SUPPLY_DOCUMENTS'), on, documentIds }),
    z.object({ type: z.literal('RETURN_DOSSIER'), on, reason: z.string().trim().min(3).max(500) }),
    z.object({ type: z.literal('SCHEDULE_HEARING'), on, hearingDate: isoDate }),
    z.object({
      type: z.literal('RECORD_DECISION'),
      on,
      outcome: z.enum(DecisionOutcome),
      months: z.number().int().min(12).max(24).optional(),
      decisionRef: reference,
    }),
    z.object({ type: z.literal('RESUME_PROCEEDINGS'), on }),
    z.object({ type: z.literal('FILE_COMPLAINT'), on, by: z.enum(['PERSON', 'PROCURACY']) }),
    z.object({
      type: z.literal('DECIDE_APPEAL'),
      on,
      outcome: z.enum(['UPHOLD', 'AMEND', 'ANNUL']),
      months: z.number().int().min(12).max(24).optional(),
      decisionRef: reference,
    }),
    z.object({
      type: z.literal('POSTPONE_EXECUTION'),
      on,
      reason: z.enum(['SERIOUS_ILLNESS', 'FAMILY_HARDSHIP']),
      until: isoDate,
    }),
    z.object({ type: z.literal('END_POSTPONEMENT'), on }),
    z.object({ type: z.literal('EXEMPT'), on, reason: z.string().trim().min(3).max(500) }),
    z.object({ type: z.literal('ADMIT'), on }),
    z.object({ type: z.literal('ABSCOND'), on }),
    z.object({ type: z.literal('RETURN_TO_FACILITY'), on }),
    z.object({ type: z.literal('REDUCE_TERM'), on, months: z.number().int().min(3).max(6), decisionRef: reference }),
    z.object({ type: z.literal('EARLY_RELEASE'), on, decisionRef: reference }),
    z.object({ type: z.literal('COMPLETE_TREATMENT'), on, certificateRef: reference }),
    z.object({ type: z.literal('RECORD_CHECK_IN'), on }),
  ])
  .meta({ id: 'CaseAction' });

export const caseRefParams = z.object({ caseRef: z.string().regex(/^[A-Z0-9-]{3,80}$/) });
export const documentParams = caseRefParams.extend({ documentId: z.uuid() });

export const documentUploadQuery = z.object({
  kind: z.enum(['ADDICTION_RESULT', 'VIOLATION_RECORD', 'CURRICULUM_VITAE', 'STATEMENT', 'DECISION', 'CERTIFICATE', 'OTHER']),
  title: z.string().trim().min(1).max(200),
  fileName: z.string().trim().min(1).max(200).regex(/^[^/\\]+$/),
});

export const caseSearchQuery = z.object({
  citizenId: citizenId.optional(),
  name: z.string().trim().min(2).max(120).optional(),
  phase: z.string().max(40).optional(),
  status: z.enum(['OPEN', 'CLOSED']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseSnapshotView = z
  .object({
    caseRef: z.string(),
    phase: z.string(),
    closed: z.boolean(),
    openSteps: z.array(
      z.object({
        stepKey: z.string(),
        ruleKey: z.string(),
        status: z.string(),
        dueDate: isoDate,
        ownerAgencyId: z.string(),
        ownerRole: z.string(),
      }),
    ),
    allowedActions: z.array(z.string()),
    termEndOn: isoDate.optional(),
    complaintWindowEndsOn: isoDate.optional(),
  })
  .meta({ id: 'CaseSnapshot' });
