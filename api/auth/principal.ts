import { z } from 'zod';
import { Role } from '../../generated/prisma/enums';

/** Who is calling: carried in the bearer token, checked on every endpoint. */
export const principalSchema = z.object({
  userId: z.string().uuid(),
  username: z.string(),
  agencyId: z.string(),
  roles: z.array(z.enum(Role)).min(1),
  jurisdictionId: z.string(),
  /** Materialised path of the agency's jurisdiction; a subtree check is a prefix match. */
  jurisdictionPath: z.string().startsWith('/'),
});

export type Principal = z.infer<typeof principalSchema>;
