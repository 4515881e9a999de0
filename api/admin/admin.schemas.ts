import { z } from 'zod';
import { AgencyKind, Role } from '../../generated/prisma/enums';
import { agencyView } from '../registry/registry.schemas';

const unitId = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'Mã: chữ in hoa, số và dấu gạch ngang / upper-case letters, digits and hyphens');
const name = z.string().trim().min(2).max(200);
const isoDate = z.iso.date().meta({ example: '2026-12-01' });

export const usernameParams = z.object({ username: z.string().min(1).max(64) });

export const userListQuery = z.object({
  agencyId: z.string().min(1).max(64).optional(),
  jurisdictionId: z.string().min(1).max(64).optional().meta({ description: 'Users of the agencies in this unit and below' }),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const userView = z
  .object({
    username: z.string(),
    displayName: z.string(),
    agencyId: z.string(),
    agencyNameVi: z.string(),
    roles: z.array(z.enum(Role)),
    homeAgencyId: z.string().nullable(),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AdministeredUser' });
export const userList = z
  .object({
    items: z.array(userView),
    total: z.number().int(),
    rolesByAgencyKind: z.record(z.enum(AgencyKind), z.array(z.enum(Role))).meta({ description: 'The roles each kind of agency allows: what a form offers' }),
  })
  .meta({ id: 'AdministeredUserList' });

const roles = z
  .array(z.enum(Role))
  .min(1)
  .max(4)
  .refine((list) => new Set(list).size === list.length, { message: 'Vai trò bị trùng / a role is listed twice' })
  .meta({ description: 'Roles the agency’s kind allows (a judge in a court, a doctor in a medical facility)' });

export const createUserBody = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'Tên đăng nhập: chữ thường không dấu, số, . _ - (3–64) / lower-case letters, digits, . _ - (3–64)'),
  displayName: name,
  agencyId: z.string().min(1).max(64),
  roles,
  homeAgencyId: z.string().min(1).max(64).optional().meta({ description: 'For a member of an inter-agency team: the agency they come from' }),
});

export const changeUserBody = z
  .object({
    displayName: name,
    agencyId: z.string().min(1).max(64).meta({ description: 'Moved to another agency: their past actions stay under the old one' }),
    roles,
    homeAgencyId: z.string().min(1).max(64).nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field' });

export const createdUser = z
  .object({ username: z.string(), oneTimePassword: z.string(), mustChangePassword: z.literal(true) })
  .meta({ id: 'CreatedUser', description: 'The one-time password is shown once; the user changes it at the first login' });

export const createAgencyBody = z.object({
  id: unitId,
  // The national body is the registry's root, not a province's to add (its accounts would be national administrators).
  kind: z.enum(AgencyKind).exclude(['NATIONAL_AGENCY']),
  nameVi: name,
  nameEn: name,
  jurisdictionId: z.string().min(1).max(64),
  parentAgencyId: z.string().min(1).max(64).optional(),
  email: z.email().max(200).optional().meta({ description: 'Where its notifications are e-mailed' }),
  validFrom: isoDate,
});

export const changeAgencyBody = z
  .object({ nameVi: name, nameEn: name, email: z.email().max(200).nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field' });

export const agencyParams = z.object({ id: z.string().min(1).max(64) });

export const adminAgencyList = z
  .object({ items: z.array(agencyView.safeExtend({ email: z.string().nullable() })) })
  .meta({ id: 'AdministeredAgencyList' });

const successorUnit = z.union([
  z.object({ existing: z.string().min(1).max(64) }).meta({ description: 'A unit in force' }),
  z.object({ id: unitId, nameVi: name, nameEn: name }).meta({ description: 'A new unit, beside the ended ones' }),
]);

export const reorganisationBody = z
  .object({
    effectiveOn: isoDate.meta({ description: 'The first day of the new units: the merged or split units end the day before' }),
    reason: z.string().trim().min(5).max(500).meta({ description: 'The decision that reorganised them (e.g. NQ 1234/NQ-UBTVQH15)' }),
    merges: z
      .array(
        z.object({
          from: z.array(z.string().min(1).max(64)).min(1).max(50).meta({ description: 'The units that end (in force the day before)' }),
          into: successorUnit.meta({ description: 'The unit that takes them over' }),
        }),
      )
      .max(200)
      .default([]),
    splits: z
      .array(
        z.object({
          from: z.string().min(1).max(64).meta({ description: 'The unit that ends (in force the day before)' }),
          into: z
            .array(successorUnit)
            .min(2)
            .max(20)
            .meta({
              description:
                'The units it went to. The first is the principal successor: it takes over the unit’s agencies, open steps, running cases and past figures; the others are on record as where the rest of its territory went',
            }),
        }),
      )
      .max(200)
      .default([]),
    moveUsers: z.boolean().default(true).meta({ description: 'Move the users of the ended agencies to their successors (their past actions stay under the old agency)' }),
  })
  .refine((body) => body.merges.length + body.splits.length > 0, { message: 'at least one merge or split', path: ['merges'] });

export const reorganisationView = z
  .object({
    effectiveOn: z.iso.date(),
    unitsEnded: z.array(z.object({ id: z.string(), successorId: z.string() })),
    unitsCreated: z.array(z.string()),
    unitsSplit: z.array(z.object({ id: z.string(), successorIds: z.array(z.string()).meta({ description: 'The principal successor first' }) })),
    agenciesEnded: z.array(z.object({ id: z.string(), successorId: z.string() })),
    agenciesCreated: z.array(z.string()),
    usersMoved: z.array(z.object({ username: z.string(), from: z.string(), to: z.string() })),
    openStepsTakenOver: z.number().int().meta({ description: 'Open steps of the ended agencies, now acted on by their successors' }),
  })
  .meta({ id: 'Reorganisation' });

export const newProvinceBody = z.object({
  id: unitId.meta({ description: 'The province’s code, the first segment of every path under it (e.g. "HN")' }),
  nameVi: name,
  nameEn: name,
  validFrom: isoDate.optional().meta({ description: 'Its first day in the registry; today when absent' }),
  administrator: z
    .object({ username: createUserBody.shape.username, displayName: name })
    .meta({ description: 'The province’s first administrator (SYSTEM_ADMIN of its police), who adds everything else' }),
});

export const provinceView = z
  .object({
    id: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    validFrom: z.iso.date(),
    communes: z.number().int().meta({ description: 'Communes in force today' }),
    agencies: z.number().int().meta({ description: 'Agencies in force today' }),
    activeUsers: z.number().int(),
    administrators: z.array(z.string()).meta({ description: 'Usernames of its active administrators' }),
  })
  .meta({ id: 'Province' });

export const provinceList = z.object({ items: z.array(provinceView) }).meta({ id: 'ProvinceList' });

export const createdProvince = z
  .object({ province: provinceView, administrator: createdUser })
  .meta({ id: 'CreatedProvince', description: 'The province, its police and its first administrator with a one-time password shown once' });

export const createUnitBody = z.object({
  id: unitId,
  level: z.enum(['DISTRICT', 'COMMUNE']).meta({ description: 'Below its parent: a commune under a province (or a historical district), a district under a province' }),
  nameVi: name,
  nameEn: name,
  parentId: z.string().min(1).max(64),
  validFrom: isoDate.meta({ description: 'Its first day' }),
  validTo: isoDate.optional().meta({ description: 'Its last day, for a unit entered for history (a commune abolished before the province moved in)' }),
});
