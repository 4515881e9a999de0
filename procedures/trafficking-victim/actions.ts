import { z } from 'zod';
import { isoDate, jurisdictionId, on, personSchema, reference } from '../shared/schemas';
import { ChildRepresentative, ReceptionChannel } from './definition';
import { SupportMeasure } from './rules';

/** Receiving a person who may be a victim (Law 53/2024 Art. 27): papers are often missing. */
export const openTraffickingVictim = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune where the person was received' }),
  person: personSchema,
  channel: z.enum(ReceptionChannel),
  receivedOn: isoDate,
});

const result = { evidenceRef: reference.optional().meta({ description: 'The document certifying the victim (Law 53/2024 Art. 33)' }) };

export const traffickingVictimActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('BRING_TO_COMMUNE'), on }),
  z.object({ type: z.literal('NOTIFY_ONWARD'), on }),
  z.object({ type: z.literal('RECORD_VERIFICATION'), on, result: z.enum(['IDENTIFIED', 'FURTHER_VERIFICATION', 'NOT_A_VICTIM']), ...result }),
  z.object({ type: z.literal('CONCLUDE_FURTHER_VERIFICATION'), on, result: z.enum(['IDENTIFIED', 'NOT_A_VICTIM']), ...result }),
  z.object({
    type: z.literal('RECORD_CHILD_PROTECTION'),
    on,
    representative: z.enum(ChildRepresentative).meta({ description: 'Who represents the child; NONE_REACHABLE when nobody could be reached' }),
    alternativeCare: z.boolean().meta({ description: 'Care arranged outside the family (a social-protection facility, a foster family)' }),
  }),
  z.object({
    type: z.literal('AGREE_SUPPORT'),
    on,
    measures: z.array(z.enum(SupportMeasure)).min(1).max(SupportMeasure.length).meta({ description: 'The measures the victim consented to (ND 162/2025 Art. 24)' }),
    consentBy: z
      .enum(['VICTIM', 'REPRESENTATIVE'])
      .default('VICTIM')
      .meta({ description: 'Who consented: for a child (under 16), the representative' }),
  }),
  z.object({ type: z.literal('REFUSE_SUPPORT'), on }),
  z.object({ type: z.literal('PROVIDE_SUPPORT'), on, measure: z.enum(SupportMeasure) }),
]);
export type TraffickingVictimAction = z.infer<typeof traffickingVictimActions>;

export const traffickingVictimFields = z.object({
  channel: z.enum(ReceptionChannel).optional(),
  receivedOn: z.iso.date().optional(),
  identifiedOn: z.iso.date().optional(),
  child: z.boolean().optional(),
  representative: z.enum(ChildRepresentative).optional(),
});
