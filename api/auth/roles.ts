import { Role } from '../../generated/prisma/enums';

/** Every role: for reads that any signed-in official needs, such as the public registry. */
export const ANY_ROLE: readonly Role[] = Object.values(Role);

/** Who may watch and probe the whole system. */
export const SYSTEM_OPERATORS: readonly Role[] = [Role.SYSTEM_ADMIN, Role.PROVINCIAL_COORDINATOR];
