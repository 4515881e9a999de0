import { z } from 'zod';

/** The problem+json body (api/http/problem.ts), described for the OpenAPI document. */
export const problemResponseSchema = z
  .object({
    type: z.string().meta({ example: 'urn:problem:coordination-engine:REQUEST.INVALID' }),
    code: z.string().meta({ example: 'REQUEST.INVALID' }),
    status: z.number().int(),
    title: z.string().meta({ description: 'Vietnamese title' }),
    detail: z.string().meta({ description: 'Vietnamese explanation' }),
    titleEn: z.string(),
    detailEn: z.string(),
    instance: z.string().optional().meta({ description: 'Request id, to quote when reporting a problem' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), messageEn: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem' });
