import { z } from 'zod';
import { bareAction, isoDate, jurisdictionId, personSchema } from '../shared/schemas';
import { compulsoryRehabAdultActions } from '../compulsory-rehab-adult/actions';

/** Opening a case of the 2014–2021 regime: its grounds (ND 221/2013 Art. 3, as amended) and the day they were found. */
export const openCompulsoryRehabAdult2014 = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune that handled the case then' }),
  person: personSchema,
  legalGround: z.union([z.literal(1), z.literal(2)]).meta({
    description: 'ND 221/2013 Art. 3: 1 = still addicted within 2 years of an education measure at the commune; 2 = no stable residence',
  }),
  groundsFoundOn: isoDate.meta({ description: 'From 15/02/2014 to 31/12/2021 (later grounds open today’s procedure)' }),
});
export type OpenCompulsoryRehabAdult2014 = z.infer<typeof openCompulsoryRehabAdult2014>;

/** Today's actions of procedure D, and the district justice division's check before the transfer. */
export const compulsoryRehabAdult2014Actions = z.discriminatedUnion('type', [
  ...compulsoryRehabAdultActions.options,
  bareAction('CHECK_LEGALITY'),
]);
