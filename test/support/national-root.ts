import type { Db } from '../../db/client';

/** The national body's id, as the demo seed names it. */
export const NATIONAL_AGENCY = 'VN-BCA';

/**
 * The national root and its body as the demo seed has them (a test database may start without
 * them): the root's path ("/VN/") stands beside the provinces', so it covers none of them.
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
