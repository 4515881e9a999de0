import { z } from 'zod';
import { isoDate, jurisdictionId, on, reference } from '../shared/schemas';
import { Outcome, Programme } from './scoring';

/** Opening one commune's assessment for a programme and year (one case per commune, programme and year). */
export const openCommuneAssessment = z.object({
  jurisdictionId: jurisdictionId.meta({ description: 'The commune assessed' }),
  programme: z.enum(Programme),
  year: z.number().int().min(2008).max(2100).meta({ description: 'The year assessed' }),
  openedOn: isoDate.meta({ description: 'The day the assessment round opened for the commune' }),
});

const criterion = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,19}$/)
  // Forms fill one row per criterion of the case's set (x-fixed-rows) and keep each row's code (x-readonly).
  .meta({ description: 'A criterion code of the case’s criteria set (GET /assessment-criteria/sets/{id})', 'x-readonly': true });

const scores = (withEvidence: boolean) =>
  z
    .array(
      z.object({
        criterion,
        score: z.number().int().min(0).max(100),
        ...(withEvidence ? { evidenceRef: reference.optional().meta({ description: 'The evidence document (minutes, list, report)' }) } : {}),
      }),
    )
    .min(1)
    .max(60)
    .meta({ description: 'One score for every criterion of the set, at most its maximum', 'x-fixed-rows': true });

export const communeAssessmentActions = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SUBMIT_SELF_ASSESSMENT'), on, scores: scores(true), note: z.string().trim().max(1000).optional() }),
  z.object({ type: z.literal('RECORD_COUNCIL_SCORES'), on, scores: scores(false), minutesRef: reference.optional() }),
  z.object({
    type: z.literal('RECORD_DECISION'),
    on,
    level: z.enum(Outcome).meta({ description: 'At most the level the council’s scores reach' }),
    decisionRef: reference.meta({ description: 'The decision’s number' }),
  }),
]);
export type CommuneAssessmentAction = z.infer<typeof communeAssessmentActions>;

export const communeAssessmentFields = z.object({
  programme: z.enum(Programme).optional(),
  year: z.number().int().optional(),
  criteriaSetId: z.string().optional(),
  criteriaExample: z.boolean().optional(),
  maxScore: z.number().int().optional(),
  selfScore: z.number().int().optional(),
  selfLevel: z.enum(Outcome).optional(),
  councilScore: z.number().int().optional(),
  proposedLevel: z.enum(Outcome).optional(),
  level: z.enum(Outcome).optional(),
  decisionRef: z.string().optional(),
});
