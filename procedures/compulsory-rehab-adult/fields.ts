import { z } from 'zod';

const date = z.iso.date();

/** Procedure D's own case fields (cases.fields), written by its workflow's timeline entries. */
export const compulsoryRehabAdultFields = z.object({
  legalGround: z.number().int().min(1).max(4).optional(),
  groundsFoundOn: date.optional(),
  /** FAMILY or FACILITY while the dossier is processed (ND 116 Art. 44–45). */
  interimArrangement: z.enum(['FAMILY', 'FACILITY']).optional(),
  heldFrom: date.optional(),
  heldUntil: date.optional(),
  /** APPLY, NOT_APPLY, SUSPEND or TEMPORARILY_SUSPEND. */
  decisionOutcome: z.string().optional(),
  decidedMonths: z.number().int().optional(),
  decisionDate: date.optional(),
  decisionRef: z.string().optional(),
  decisionEffectiveOn: date.optional(),
  admittedOn: date.optional(),
  termEndOn: date.optional(),
  completedOn: date.optional(),
});
export type CompulsoryRehabAdultFields = z.infer<typeof compulsoryRehabAdultFields>;

/** The case page's procedure part, in the shape the page has always had. */
export function compulsoryRehabAdultPage(fields: CompulsoryRehabAdultFields) {
  return {
    legalGround: fields.legalGround ?? null,
    groundsFoundOn: fields.groundsFoundOn ?? null,
    interimArrangement: fields.interimArrangement ?? null,
    heldFrom: fields.heldFrom ?? null,
    heldUntil: fields.heldUntil ?? null,
    decision: fields.decisionOutcome
      ? {
          outcome: fields.decisionOutcome,
          months: fields.decidedMonths ?? null,
          date: fields.decisionDate ?? null,
          reference: fields.decisionRef ?? null,
          effectiveOn: fields.decisionEffectiveOn ?? null,
        }
      : null,
    admittedOn: fields.admittedOn ?? null,
    termEndOn: fields.termEndOn ?? null,
    completedOn: fields.completedOn ?? null,
  };
}
