import { z } from 'zod';
import { DecisionOutcome } from '../../domain/cases/case-event-kinds';
import { bareAction, documentIds, isoDate, jurisdictionId, on, personSchema, reason, reference } from '../shared/schemas';
import { REDUCTION_MONTHS, TERM_MONTHS } from './definition';

/** Opening a case: the grounds were found (Law 73/2021 Art. 32); the dossier step starts. */
export const openCompulsoryRehabAdult = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune handling the case' }),
  person: personSchema,
  legalGround: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).meta({
    description: 'Law 73/2021 Art. 32 ground (4 = relapse during post-rehabilitation)',
  }),
  groundsFoundOn: isoDate,
});
export type OpenCompulsoryRehabAdult = z.infer<typeof openCompulsoryRehabAdult>;

const termMonths = z.number().int().min(TERM_MONTHS.min).max(TERM_MONTHS.max);

/** Every action of procedure D, one schema each, told apart by `type`. The workflow's types come from here. */
export const compulsoryRehabAdultActions = z.discriminatedUnion('type', [
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
  bareAction('NOTIFY_PERSON'),
  bareAction('TRANSFER_TO_COURT'),
  bareAction('ACCEPT_DOSSIER'),
  z.object({ type: z.literal('REQUEST_DOCUMENTS'), on, reason }),
  z.object({ type: z.literal('SUPPLY_DOCUMENTS'), on, documentIds }),
  z.object({ type: z.literal('RETURN_DOSSIER'), on, reason }),
  z.object({ type: z.literal('SCHEDULE_HEARING'), on, hearingDate: isoDate }),
  z.object({
    type: z.literal('RECORD_DECISION'),
    on,
    outcome: z.enum(DecisionOutcome),
    months: termMonths.optional(),
    decisionRef: reference,
  }),
  bareAction('RESUME_PROCEEDINGS'),
  z.object({ type: z.literal('FILE_COMPLAINT'), on, by: z.enum(['PERSON', 'PROCURACY']) }),
  z.object({
    type: z.literal('DECIDE_APPEAL'),
    on,
    outcome: z.enum(['UPHOLD', 'AMEND', 'ANNUL']),
    months: termMonths.optional(),
    decisionRef: reference,
  }),
  z.object({
    type: z.literal('POSTPONE_EXECUTION'),
    on,
    reason: z.enum(['SERIOUS_ILLNESS', 'FAMILY_HARDSHIP']),
    until: isoDate,
  }),
  bareAction('END_POSTPONEMENT'),
  z.object({ type: z.literal('EXEMPT'), on, reason }),
  bareAction('ADMIT'),
  bareAction('ABSCOND'),
  bareAction('RETURN_TO_FACILITY'),
  z.object({
    type: z.literal('REDUCE_TERM'),
    on,
    months: z.number().int().min(REDUCTION_MONTHS.min).max(REDUCTION_MONTHS.max),
    decisionRef: reference,
  }),
  z.object({ type: z.literal('EARLY_RELEASE'), on, decisionRef: reference }),
  z.object({ type: z.literal('COMPLETE_TREATMENT'), on, certificateRef: reference }),
]);
export type CompulsoryRehabAdultAction = z.infer<typeof compulsoryRehabAdultActions>;
