import { z } from 'zod';
import { bareAction, documentIds, isoDate, jurisdictionId, on, personSchema, reason, reference } from '../shared/schemas';
import { MAX_DECISION_EXTENSION_DAYS, MINOR_TERM_MONTHS } from './rules';

const name = z.string().trim().min(2).max(200);
const guardian = z.object({
  name,
  relation: z.enum(['FATHER', 'MOTHER', 'GUARDIAN', 'OTHER_REPRESENTATIVE']),
});

/** Opening a minor's case: the grounds were found (Law 73/2021 Art. 33, grounds 1–3 of Art. 32). */
export const openCompulsoryRehabMinor = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune handling the case' }),
  person: personSchema,
  legalGround: z.union([z.literal(1), z.literal(2), z.literal(3)]).meta({ description: 'Law 73/2021 Art. 32 ground (relapse is no ground for a minor)' }),
  groundsFoundOn: isoDate,
  guardian,
});

const months = z.number().int().min(MINOR_TERM_MONTHS.min).max(MINOR_TERM_MONTHS.max);
const notice = {
  how: z.enum(['IN_PERSON', 'IN_WRITING', 'BY_PHONE']).meta({ description: 'How the parent or guardian was told' }),
  guardianName: name.optional(),
};

export const compulsoryRehabMinorActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FILE_DOSSIER'), on, documentIds }),
  z.object({ type: z.literal('NOTIFY_GUARDIAN_OF_DOSSIER'), on, ...notice }),
  z.object({ type: z.literal('RECORD_GUARDIAN_NOTICE'), on, ...notice, about: z.string().trim().min(3).max(300).meta({ description: 'The step or document the notice was about' }) }),
  z.object({ type: z.literal('ASSIGN_DEFENDER'), on, defender: z.object({ name, kind: z.enum(['LAWYER', 'LEGAL_AID', 'REPRESENTATIVE']) }) }),
  bareAction('TRANSFER_TO_COURT'),
  bareAction('ACCEPT_DOSSIER'),
  z.object({ type: z.literal('REQUEST_DOCUMENTS'), on, reason }),
  z.object({ type: z.literal('SUPPLY_DOCUMENTS'), on, documentIds }),
  z.object({
    type: z.literal('EXTEND_DECISION_PERIOD'),
    on,
    days: z.number().int().min(1).max(MAX_DECISION_EXTENSION_DAYS).meta({ description: 'Calendar days added; 30 days from acceptance at most in all' }),
    reason,
  }),
  z.object({
    type: z.literal('RECORD_DECISION'),
    on,
    outcome: z.enum(['SEND', 'NOT_SEND', 'SUSPEND', 'TEMPORARILY_SUSPEND']),
    months: months.optional(),
    decisionRef: reference,
    receivedOn: isoDate
      .optional()
      .meta({ description: 'When the person was absent or there was no hearing: the day the decision was received (the complaint window counts from it)' }),
  }),
  bareAction('RESUME_PROCEEDINGS'),
  z.object({ type: z.literal('FILE_COMPLAINT'), on, by: z.enum(['PERSON', 'PARENT', 'GUARDIAN', 'REPRESENTATIVE', 'PROCURACY']) }),
  z.object({
    type: z.literal('DECIDE_APPEAL'),
    on,
    outcome: z.enum(['UPHOLD', 'AMEND', 'ANNUL']),
    months: months.optional(),
    decisionRef: reference,
  }),
  bareAction('ADMIT'),
  z.object({ type: z.literal('COMPLETE_TREATMENT'), on, certificateRef: reference }),
]);
export type CompulsoryRehabMinorAction = z.infer<typeof compulsoryRehabMinorActions>;

const date = z.iso.date();
export const compulsoryRehabMinorFields = z.object({
  legalGround: z.number().int().optional(),
  groundsFoundOn: date.optional(),
  guardianName: z.string().optional(),
  guardianRelation: z.string().optional(),
  defenderName: z.string().optional(),
  decisionOutcome: z.string().optional(),
  decidedMonths: z.number().int().optional(),
  decisionDate: date.optional(),
  decisionEffectiveOn: date.optional(),
  admittedOn: date.optional(),
  termEndOn: date.optional(),
  completedOn: date.optional(),
});
