import { z } from 'zod';
import { isoDate, jurisdictionId, on, personSchema, reference } from '../shared/schemas';
import { EducationBasis } from './definition';
import { MEASURE_MONTHS } from './rules';

/** Opening: the violation found (for drug use since 2022: a third use within 6 months after two fines). */
export const openEducationAtCommune = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune of residence' }),
  person: personSchema,
  basis: z.enum(EducationBasis),
  violationOn: isoDate.meta({ description: 'The date of the violation that grounds the measure (for drug use, the third)' }),
  priorFines: z
    .array(z.object({ on: isoDate, ref: reference }))
    .max(10)
    .default([])
    .meta({ description: 'Fines for illegal drug use before it (two are needed for the drug-use basis)' }),
});

export const educationAtCommuneActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('FILE_DOSSIER'), on }),
  z.object({ type: z.literal('NOTIFY_PERSON'), on }),
  z.object({ type: z.literal('COMPLETE_LEGAL_CHECK'), on, lawful: z.boolean().default(true) }),
  z.object({
    type: z.literal('HOLD_ADVISORY_MEETING'),
    on,
    participants: z.array(z.enum(['COMMUNE_POLICE', 'JUSTICE_OFFICER', 'FATHERLAND_FRONT', 'FAMILY', 'OTHER'])).max(5).default([]),
  }),
  z.object({
    type: z.literal('DECIDE_MEASURE'),
    on,
    outcome: z.enum(['APPLY', 'NOT_APPLY', 'FAMILY_MANAGEMENT']),
    months: z.number().int().min(MEASURE_MONTHS.min).max(MEASURE_MONTHS.max).optional(),
    decisionRef: reference,
    manager: z.string().trim().min(2).max(200).optional().meta({ description: 'The agency or person assigned to manage and educate' }),
  }),
  z.object({ type: z.literal('RECORD_REVIEW'), on, progress: z.enum(['GOOD', 'FAIR', 'POOR']) }),
  z.object({ type: z.literal('FILE_COMPLAINT'), on, by: z.enum(['PERSON', 'REPRESENTATIVE']) }),
  z.object({ type: z.literal('RECORD_DRUG_USE'), on }),
  z.object({ type: z.literal('ISSUE_CERTIFICATE'), on, certificateRef: reference }),
]);
export type EducationAtCommuneAction = z.infer<typeof educationAtCommuneActions>;

const date = z.iso.date();
export const educationAtCommuneFields = z.object({
  basis: z.enum(EducationBasis).optional(),
  violationOn: date.optional(),
  decisionOutcome: z.string().optional(),
  measureMonths: z.number().int().optional(),
  measureFrom: date.optional(),
  measureEndsOn: date.optional(),
  completedOn: date.optional(),
});
