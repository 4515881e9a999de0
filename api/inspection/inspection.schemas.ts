import { z } from 'zod';
import { EstablishmentKind, Risk } from '../../db/inspection/establishments';

const text = (max: number) => z.string().trim().min(2).max(max);
const unitId = z.string().min(1).max(40);

export const establishmentBody = z.object({
  jurisdictionId: unitId.meta({ description: 'The commune where the establishment is', 'x-options': '/registry/jurisdictions?level=COMMUNE' }),
  name: text(200).meta({ description: 'Trade name' }),
  kind: z.enum(EstablishmentKind),
  address: text(300),
  ownerBusiness: text(200).meta({ description: 'The business that runs it (name of the enterprise or household business)' }),
  businessRegistrationNo: z.string().trim().min(3).max(40).optional(),
  risk: z.enum(Risk).meta({ description: 'How prone to prostitution the team judges it' }),
  complex: z.boolean().default(false).meta({ description: 'A complex establishment (điểm phức tạp): each inspection is followed by a re-inspection' }),
});

export const establishmentPatch = z
  .object({
    name: text(200),
    address: text(300),
    ownerBusiness: text(200),
    risk: z.enum(Risk),
    complex: z.boolean(),
    active: z.boolean().meta({ description: 'False once it has closed: it leaves the coverage count' }),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one field' });

export const establishmentParams = z.object({ id: z.uuid() });
export const establishmentQuery = z.object({
  jurisdictionId: unitId.optional(),
  kind: z.enum(EstablishmentKind).optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const establishmentView = z
  .object({
    id: z.uuid(),
    jurisdictionId: z.string(),
    name: z.string(),
    /** The name again under the registry lists' keys, so a form's unit picker lists establishments too. */
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(EstablishmentKind),
    address: z.string(),
    ownerBusiness: z.string(),
    businessRegistrationNo: z.string().nullable(),
    risk: z.enum(Risk),
    complex: z.boolean(),
    active: z.boolean(),
  })
  .meta({ id: 'Establishment' });
/** What a new establishment needs, as JSON Schema, for the screens' form. */
export const establishmentBodyJsonSchema = z.toJSONSchema(establishmentBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

export const establishmentList = z
  .object({
    items: z.array(establishmentView),
    bodySchema: z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema of POST /establishments: screens draw the form from it' }),
  })
  .meta({ id: 'EstablishmentList' });

export const planParams = z.object({ teamAgencyId: z.string().min(1).max(60), year: z.coerce.number().int().min(2004).max(2100) });
export const planBody = z.object({
  coverageTargetPercent: z.number().int().min(0).max(100).meta({ description: 'Share of the area’s prone establishments to inspect at least once in the year (Hanoi 2026: 60)' }),
  surpriseTarget: z.number().int().min(0).max(10_000).meta({ description: 'Surprise inspections in the year (Hanoi 2026: 40 by the city team)' }),
  establishmentIds: z.array(z.uuid()).max(20_000).meta({ description: 'The establishments the plan names' }),
  note: z.string().trim().max(1000).optional(),
});

export const planView = z
  .object({
    teamAgencyId: z.string(),
    year: z.number().int(),
    coverageTargetPercent: z.number().int(),
    surpriseTarget: z.number().int(),
    establishmentIds: z.array(z.string()),
    note: z.string().nullable(),
    updatedAt: z.iso.datetime(),
    coverage: z.object({
      inspections: z.number().int(),
      surpriseInspections: z.number().int(),
      inspectionsWithViolation: z.number().int(),
      planned: z.number().int(),
      plannedInspected: z.number().int(),
      plannedCoveragePercent: z.number().nullable(),
      establishmentsInArea: z.number().int(),
      areaInspected: z.number().int(),
      areaCoveragePercent: z.number().nullable().meta({ description: 'Active establishments of the team’s area inspected at least once in the year, in percent' }),
      inspectedIds: z.array(z.string()),
      coverageTargetMet: z.boolean(),
      surpriseTargetMet: z.boolean(),
      sanctionsLate: z.number().int().meta({ description: 'Sanction steps of the team’s inspections still open past their due instant' }),
    }),
  })
  .meta({ id: 'InspectionPlan' });
