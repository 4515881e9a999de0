import { z } from 'zod';
import { bareAction, isoDate, jurisdictionId, on, personSchema, reference } from '../shared/schemas';

/** Registering a person after a positive test (Law 73/2021 Art. 23; ND 105/2021 Ch. IV). */
export const openDrugUserManagement = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune of residence' }),
  person: personSchema,
  testedOn: isoDate.meta({ description: 'The date of the positive test' }),
  testResultRef: reference.meta({ description: 'The test result (upload it to the case as a document)' }),
  violationRecordRef: reference.meta({ description: 'The record of the administrative violation' }),
});

export const drugUserManagementActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DECIDE_MANAGEMENT'), on, decisionRef: reference }),
  z.object({
    type: z.literal('RECORD_RESIDENCE_CHECK'),
    on,
    outcome: z.enum(['PRESENT', 'ABSENT']),
    retest: z.enum(['NOT_DONE', 'NEGATIVE', 'POSITIVE']).default('NOT_DONE'),
  }),
  z.object({
    type: z.literal('RECORD_MOVE'),
    on,
    toJurisdictionId: jurisdictionId.meta({ description: 'The commune the person moved to' }),
  }),
  bareAction('NOTIFY_RECEIVING_COMMUNE'),
  bareAction('CONFIRM_ARRIVAL'),
  z.object({
    type: z.literal('SEND_FOR_DETERMINATION'),
    on,
    reason: z.enum(['USING_AGAIN', 'NO_STABLE_RESIDENCE']).meta({ description: 'Law 73/2021 Art. 27(1)' }),
  }),
]);
export type DrugUserManagementAction = z.infer<typeof drugUserManagementActions>;

const date = z.iso.date();

/** Procedure A's own case fields. */
export const drugUserManagementFields = z.object({
  testedOn: date.optional(),
  decisionRef: z.string().optional(),
  managementFrom: date.optional(),
  managementEndsOn: date.optional(),
});
