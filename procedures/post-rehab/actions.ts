import { z } from 'zod';
import { jurisdictionId, on, reference } from '../shared/schemas';

const support = z.enum(['COUNSELLING', 'VOCATIONAL_TRAINING', 'JOB', 'LOAN', 'SCHOOLING']);

/** Every action of post-rehabilitation management, told apart by `type`. */
export const postRehabActions = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RECORD_CHECK_IN'),
    on,
    met: z.boolean().optional().meta({ description: 'Whether the person was met' }),
    testResult: z.enum(['NOT_DONE', 'NEGATIVE', 'POSITIVE']).optional(),
    support: z.array(support).max(5).optional().meta({ description: 'Support given this month (schooling for 12–18)' }),
  }),
  z.object({ type: z.literal('RECORD_MOVE'), on, toJurisdictionId: jurisdictionId }),
  z.object({ type: z.literal('RECORD_RELAPSE'), on }),
  z.object({ type: z.literal('ISSUE_COMPLETION_CERTIFICATE'), on, certificateRef: reference.meta({ description: 'Form 54' }) }),
]);
export type PostRehabAction = z.infer<typeof postRehabActions>;

const date = z.iso.date();
export const postRehabFields = z.object({
  startedOn: date.optional(),
  months: z.number().int().optional(),
  lastDay: date.optional(),
  certificateRef: z.string().optional(),
});
