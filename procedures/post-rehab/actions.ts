import { z } from 'zod';
import { bareAction } from '../shared/schemas';

/** Every action of post-rehabilitation management, told apart by `type`. */
export const postRehabActions = z.discriminatedUnion('type', [bareAction('RECORD_CHECK_IN')]);
export type PostRehabAction = z.infer<typeof postRehabActions>;
