import { z } from 'zod';
import { isoDate, jurisdictionId, on, reference } from '../shared/schemas';
import { InspectionResult, SanctionOutcome } from './definition';

/** What a team finds, as codes: no free text about people reaches the record's details. */
export const ViolationKind = [
  'PROSTITUTION_ACTIVITY',
  'HARBOURING_PROSTITUTION',
  'GUESTS_NOT_REGISTERED',
  'NO_BUSINESS_LICENCE',
  'SECURITY_CONDITIONS_NOT_MET',
  'STAFF_NOT_REGISTERED',
  'OTHER',
] as const;

/** Recording an inspection that took place (a surprise one included: it is never announced in the system). */
export const openInspection = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune where the establishment is' }),
  establishmentId: z.uuid().meta({ description: 'The establishment in the register', 'x-options': '/establishments?active=true' }),
  inspectedOn: isoDate,
  surprise: z.boolean().meta({ description: 'An unannounced inspection (counted against the plan’s surprise target)' }),
  result: z.enum(InspectionResult),
  violations: z.array(z.enum(ViolationKind)).max(ViolationKind.length).default([]).meta({ description: 'What was found, when the result is VIOLATION' }),
  minutesRef: reference.meta({ description: 'The inspection record’s number' }),
});

export const inspection178Actions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('RECORD_SANCTION'), on, outcome: z.enum(SanctionOutcome), decisionRef: reference.optional() }),
  z.object({ type: z.literal('RECORD_REINSPECTION'), on, result: z.enum(['COMPLIANT', 'VIOLATION_AGAIN']), minutesRef: reference }),
]);
export type Inspection178Action = z.infer<typeof inspection178Actions>;

export const inspection178Fields = z.object({
  establishmentId: z.string().optional(),
  establishmentKind: z.string().optional(),
  teamAgencyId: z.string().optional(),
  inspectedOn: z.iso.date().optional(),
  surprise: z.boolean().optional(),
  result: z.enum(InspectionResult).optional(),
  violations: z.number().int().optional(),
  complex: z.boolean().optional(),
  sanction: z.enum(SanctionOutcome).optional(),
  reinspection: z.enum(['COMPLIANT', 'VIOLATION_AGAIN']).optional(),
});
