import { z } from 'zod';
import { criteriaSetBody } from '../../procedures/commune-assessment/criteria';
import { Outcome, Programme } from '../../procedures/commune-assessment/scoring';

const year = z.coerce.number().int().min(2008).max(2100);
const provinceId = z.string().min(1).max(40);

/** What a province enters, as JSON Schema, for the screens' form. */
export const criteriaBodyJsonSchema = z.toJSONSchema(criteriaSetBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

export const criteriaQuery = z.object({ provinceId, programme: z.enum(Programme), year });
export const criteriaPathParams = z.object({ provinceId, programme: z.enum(Programme), year });
export const criteriaSetParams = z.object({ id: z.string().min(1).max(120) });

export const criteriaSetView = criteriaSetBody
  .safeExtend({
    id: z.string(),
    programme: z.enum(Programme),
    year: z.number().int(),
    version: z.number().int(),
    example: z.boolean().meta({ description: 'The software’s illustration, not the law: shown until the province enters its own set' }),
    provinceId: z.string().nullable(),
  })
  .meta({ id: 'AssessmentCriteriaSet' });

export const criteriaView = z
  .object({
    inForce: criteriaSetView.meta({ description: 'What a new assessment of the year uses' }),
    versions: z.array(criteriaSetView).meta({ description: 'The province’s versions, newest first (none while the example applies)' }),
    bodySchema: z
      .record(z.string(), z.unknown())
      .meta({ description: 'JSON Schema of a new version (the body of POST /assessment-criteria/{provinceId}/{programme}/{year}): screens draw the form from it' }),
  })
  .meta({ id: 'AssessmentCriteria' });

export const rollupQuery = criteriaQuery;

const level = z.enum(Outcome);
export const assessmentRollupView = z
  .object({
    provinceId: z.string(),
    programme: z.enum(Programme),
    year: z.number().int(),
    communes: z.array(
      z.object({
        jurisdictionId: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        caseRef: z.string().nullable(),
        phase: z.string().nullable(),
        criteriaSetId: z.string().nullable(),
        criteriaExample: z.boolean().nullable(),
        selfScore: z.number().int().nullable(),
        councilScore: z.number().int().nullable(),
        maxScore: z.number().int().nullable(),
        proposedLevel: level.nullable(),
        level: level.nullable(),
        /** The open step, if any, and whether it is past its due instant now. */
        openStep: z.object({ ruleKey: z.string(), dueDate: z.iso.date(), dueAt: z.iso.datetime(), late: z.boolean() }).nullable(),
      }),
    ),
    counts: z.object({
      communes: z.number().int(),
      notOpened: z.number().int(),
      selfAssessment: z.number().int(),
      councilReview: z.number().int(),
      awaitingDecision: z.number().int(),
      decided: z.number().int(),
      good: z.number().int(),
      recognised: z.number().int().meta({ description: 'Recognised at any level (GOOD included)' }),
      notRecognised: z.number().int(),
      late: z.number().int(),
    }),
    recognisedPercent: z.number().nullable().meta({ description: 'Communes recognised over the communes in force, in percent (one decimal)' }),
    target: z
      .object({ communes: z.number().int(), metric: z.string(), source: z.string().nullable() })
      .nullable()
      .meta({ description: 'The province’s target for the year (report targets), in communes recognised' }),
  })
  .meta({ id: 'AssessmentRollup' });
