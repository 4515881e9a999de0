import { z } from 'zod';

/** Field schemas every procedure's actions and opening bodies share. */
export const isoDate = z.iso.date().meta({ example: '2026-03-02' });
export const reference = z.string().trim().min(1).max(120);
export const reason = z.string().trim().min(3).max(500);
export const documentIds = z.array(z.uuid()).max(50).optional();
/** A unit of the registry; forms offer the communes `GET /registry/jurisdictions` lists. */
export const jurisdictionId = z
  .string()
  .min(1)
  .max(40)
  .meta({ 'x-options': '/registry/jurisdictions?level=COMMUNE' });

/** `on`, the legal date the act happened: today or earlier, never before the case's last recorded date. */
export const on = isoDate.meta({ description: 'The legal date the act happened (today or earlier)' });

/** A 12-digit citizen identity number (căn cước công dân). */
export const citizenId = z
  .string()
  .regex(/^\d{12}$/, { error: 'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số / must be exactly 12 digits' })
  .meta({ example: '079203001234' });

/** A person: by citizen identity number, or, for a foreigner, a child or someone without papers, otherwise. */
export const personSchema = z
  .object({
    fullName: z.string().trim().min(2).max(120),
    birthDate: isoDate.meta({ example: '1990-05-17' }),
    citizenId: citizenId.optional(),
    otherIdentification: z
      .string()
      .trim()
      .min(3)
      .max(300)
      .optional()
      .meta({ description: 'Passport, birth certificate or a description, when there is no citizen identity number' }),
    residenceStatus: z.enum(['STABLE', 'NO_STABLE_RESIDENCE']),
    residenceAddress: z.string().trim().max(300).optional(),
    residenceJurisdictionId: jurisdictionId,
  })
  .refine((person) => person.citizenId !== undefined || person.otherIdentification !== undefined, {
    path: ['citizenId'],
    error: 'Cần số định danh cá nhân hoặc giấy tờ khác / A citizen identity number or other identification is required',
  });

/** An action with no content but its date. */
export const bareAction = <T extends string>(type: T) => z.object({ type: z.literal(type), on });
