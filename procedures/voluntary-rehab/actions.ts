import { z } from 'zod';
import { isoDate, jurisdictionId, on, personSchema, reference } from '../shared/schemas';
import { Setting } from './definition';
import { TREATMENT_MONTHS } from './rules';

/** A registration received by the commune People's Committee (ND 116/2021 Art. 28). */
export const openVoluntaryRehab = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune of residence' }),
  person: personSchema,
  setting: z.enum(Setting),
  registeredOn: isoDate,
});

const months = z.number().int().min(TREATMENT_MONTHS.min).max(TREATMENT_MONTHS.max).meta({ description: 'Treatment period in months' });
const name = z.string().trim().min(2).max(200);

export const voluntaryRehabActions = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('DECIDE_VOLUNTARY_TREATMENT'),
    on,
    decisionRef: reference,
    provider: name.meta({ description: 'The voluntary rehabilitation service provider' }),
    monitor: name.meta({ description: 'The person assigned to monitor' }),
    months,
  }),
  z.object({ type: z.literal('ADMIT_VOLUNTARY'), on, contractRef: reference, months }),
  z.object({
    type: z.literal('RECORD_VIOLATION'),
    on,
    violation: z.enum(['NOT_UNDERGOING', 'QUIT', 'USING_DURING_TREATMENT']).meta({ description: 'ND 116/2021 Art. 33' }),
    recordRef: reference.meta({ description: 'The violation record (Form 27)' }),
  }),
  z.object({ type: z.literal('COMPLETE_VOLUNTARY_TREATMENT'), on, certificateRef: reference }),
  z.object({ type: z.literal('COMPLETE_FACILITY_TREATMENT'), on, certificateRef: reference }),
]);
export type VoluntaryRehabAction = z.infer<typeof voluntaryRehabActions>;

const date = z.iso.date();
export const voluntaryRehabFields = z.object({
  setting: z.enum(Setting).optional(),
  registeredOn: date.optional(),
  treatmentFrom: date.optional(),
  treatmentMonths: z.number().int().optional(),
  completedOn: date.optional(),
  violation: z.string().optional(),
});
