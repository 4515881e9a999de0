import { z } from 'zod';
import { DeterminationBasis } from './definition';
import { isoDate, jurisdictionId, on, personSchema, reference } from '../shared/schemas';

/** Requesting a determination: police for the persons of Art. 27(1), or a doctor for a volunteer. */
export const openAddictionDetermination = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune handling the person' }),
  person: personSchema,
  basis: z.enum(DeterminationBasis).meta({ description: 'Law 73/2021 Art. 27(1)' }),
  requestedOn: isoDate,
});

const conclusion = {
  on,
  opioid: z.boolean().default(false).meta({ description: 'Opioid addiction (substitution therapy applies; Art. 32 ground 3)' }),
  resultRef: reference.meta({ description: 'The result slip (Phiếu kết quả, TT 18/2021 Art. 5)' }),
};

export const addictionDeterminationActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RECORD_CONCLUSION'), result: z.enum(['ADDICTED', 'NOT_ADDICTED', 'FURTHER_MONITORING']), ...conclusion }),
  z.object({ type: z.literal('CONCLUDE_MONITORING'), result: z.enum(['ADDICTED', 'NOT_ADDICTED']), ...conclusion }),
  z.object({
    type: z.literal('REGISTER_TREATMENT'),
    on,
    programme: z.enum(['COMMUNITY', 'FACILITY', 'SUBSTITUTION_THERAPY']),
  }),
]);
export type AddictionDeterminationAction = z.infer<typeof addictionDeterminationActions>;

const date = z.iso.date();

export const addictionDeterminationFields = z.object({
  basis: z.enum(DeterminationBasis).optional(),
  requestedOn: date.optional(),
  result: z.enum(['ADDICTED', 'NOT_ADDICTED', 'FURTHER_MONITORING']).optional(),
  concludedOn: date.optional(),
  opioid: z.boolean().optional(),
  programme: z.string().optional(),
});
