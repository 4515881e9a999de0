import { createDb, type Db } from '../../db/client';
import { applyMigrations } from '../../db/migrate';
import { demoAgencies, demoJurisdictions, demoUsers } from '../../db/seed/demo-province';
import { seedDemoData } from '../../db/seed/seed-demo';
import { Role } from '../../generated/prisma/enums';
import { createEmptyDatabase } from '../support/test-env';

let db: Db;
beforeAll(async () => {
  const url = await createEmptyDatabase('seed');
  await applyMigrations(url);
  db = createDb(url, { maxConnections: 2 });
  await seedDemoData(db);
});
afterAll(() => db.$disconnect());

it('seeds the demo province with a user for every role', async () => {
  expect(await db.jurisdiction.count()).toBe(demoJurisdictions.length);
  expect(await db.agency.count()).toBe(demoAgencies.length);
  const users = await db.user.findMany();
  expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(Object.values(Role)));
  expect(users.every((u) => u.passwordHash.startsWith('$argon2'))).toBe(true);
});

it('keeps the 2025 reorganisation: ended units point to their successors', async () => {
  const formerCommune = await db.jurisdiction.findUniqueOrThrow({ where: { id: 'SX-LV-AP' } });
  expect(formerCommune).toMatchObject({ successorId: 'SX-APL', path: '/SX/SX-LV/SX-LV-AP/' });
  expect(formerCommune.validTo?.toISOString().slice(0, 10)).toBe('2025-06-30');
  const formerCourt = await db.agency.findUniqueOrThrow({ where: { id: 'SX-LV-TA' } });
  expect(formerCourt.successorId).toBe('SX-TAKV1');
});

it('is idempotent and never resets a changed password', async () => {
  await db.user.update({ where: { username: 'admin' }, data: { passwordHash: 'changed-by-the-admin' } });
  await seedDemoData(db);
  expect(await db.jurisdiction.count()).toBe(demoJurisdictions.length);
  expect(await db.user.count()).toBe(demoUsers.length);
  expect((await db.user.findUniqueOrThrow({ where: { username: 'admin' } })).passwordHash).toBe('changed-by-the-admin');
});
