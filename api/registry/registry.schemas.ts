import { z } from 'zod';
import { AgencyKind, JurisdictionLevel } from '../../generated/prisma/enums';

const isoDate = z.iso.date().meta({ example: '2025-07-01' });

export const registryListQuery = z.object({
  asOf: isoDate.optional().meta({ description: 'Units in force on this day (default: today in Vietnam)' }),
  includeHistorical: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'Also list units that have ended (abolished or merged)' }),
});

export const jurisdictionListQuery = registryListQuery.extend({ level: z.enum(JurisdictionLevel).optional() });

export const agencyListQuery = registryListQuery.extend({
  kind: z.enum(AgencyKind).optional(),
  jurisdictionId: z.string().min(1).max(64).optional(),
});

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const jurisdictionView = z
  .object({
    id: z.string(),
    level: z.enum(JurisdictionLevel),
    nameVi: z.string(),
    nameEn: z.string(),
    parentId: z.string().nullable(),
    validFrom: isoDate,
    validTo: isoDate.nullable().meta({ description: 'Last day the unit existed; null while it exists' }),
    successorId: z.string().nullable().meta({ description: 'The unit it merged into (for a split unit: the principal successor)' }),
    splitInto: z.array(z.string()).meta({ description: 'When it was split: every unit it went to, the principal one first; empty otherwise' }),
  })
  .meta({ id: 'Jurisdiction' });

export const agencyView = z
  .object({
    id: z.string(),
    kind: z.enum(AgencyKind),
    nameVi: z.string(),
    nameEn: z.string(),
    jurisdictionId: z.string(),
    parentAgencyId: z.string().nullable(),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    successorId: z.string().nullable(),
  })
  .meta({ id: 'Agency' });

export const jurisdictionList = z.object({ items: z.array(jurisdictionView) }).meta({ id: 'JurisdictionList' });
export const agencyList = z.object({ items: z.array(agencyView) }).meta({ id: 'AgencyList' });
