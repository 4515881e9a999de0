import { hash } from '@node-rs/argon2';
import { generateOneTimePassword } from '../api/auth/password-policy';
import type { Db } from './client';

/** The national body's id, as the demo seed and a bootstrapped deployment name it. */
export const NATIONAL_AGENCY = 'VN-BCA';

/**
 * The national root and its body: the root's path ("/VN/") stands beside the provinces', so it
 * covers none of them. Changes nothing that exists.
 */
export async function ensureNationalRoot(db: Db): Promise<string> {
  const since = new Date('1991-01-01');
  await db.jurisdiction.upsert({ where: { id: 'VN' }, update: {}, create: { id: 'VN', level: 'NATION', nameVi: 'Việt Nam', nameEn: 'Viet Nam', path: '/VN/', validFrom: since } });
  await db.agency.upsert({
    where: { id: NATIONAL_AGENCY },
    update: {},
    create: { id: NATIONAL_AGENCY, kind: 'NATIONAL_AGENCY', nameVi: 'Bộ Công an', nameEn: 'Ministry of Public Security', jurisdictionId: 'VN', validFrom: since },
  });
  return NATIONAL_AGENCY;
}

export class UsernameTaken extends Error {}

/**
 * The first national administrator of a deployment (no one yet can create one through the API):
 * the national root if missing, and the account with a one-time password, which the caller shows
 * once; the password must be changed at the first login. Audited with no actor (the operator).
 */
export async function bootstrapNationalAdmin(db: Db, account: { username: string; displayName: string }): Promise<{ oneTimePassword: string }> {
  if (await db.user.findUnique({ where: { username: account.username } })) throw new UsernameTaken(`the username ${account.username} is taken`);
  const agencyId = await ensureNationalRoot(db);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hash(oneTimePassword);
  await db.$transaction([
    db.user.create({ data: { ...account, agencyId, roles: ['NATIONAL_ADMIN'], passwordHash, mustChangePassword: true } }),
    db.auditEvent.create({
      data: { action: 'national.admin_bootstrapped', subjectType: 'user', subjectId: account.username, jurisdictionId: 'VN', details: { agencyId, by: 'npm run national-admin' } },
    }),
  ]);
  return { oneTimePassword };
}
