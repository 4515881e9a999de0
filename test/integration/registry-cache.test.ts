import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { until } from '../support/case-driver';
import { createTestProvince, type TestProvince } from '../support/test-province';
import { vietnamDate } from '../../domain/time/legal-date';
import { ReferenceData } from '../../db/reference-data';

/**
 * Two API processes on one database (issue #18): a reorganisation entered through one is seen by
 * the other's cached jurisdiction tree within a few seconds, not after the cache's former 30 s
 * lifetime: a trigger raises registry_version on every change of the units, and each cache
 * compares it about once a second.
 */
jest.setTimeout(60_000);

let first: ApiHarness;
let second: ApiHarness;
let province: TestProvince;
let admin = '';

beforeAll(async () => {
  first = await startApiHarness();
  second = await startApiHarness();
  province = await createTestProvince(first.db, 'registry-cache');
  admin = await province.addUser(province.agency.provincialPolice, ['SYSTEM_ADMIN']);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

it('shows a unit created through one API process to the other within seconds', async () => {
  const tokenFirst = await first.tokenFor(admin);
  const tokenSecond = await second.tokenFor(admin);
  const newUnit = `${province.provinceId}-HOP`;
  const read = () => request(second.app).get(`/registry/jurisdictions/${newUnit}`).set('Authorization', `Bearer ${tokenSecond}`);
  // The second process has the tree in its cache, without the unit.
  expect((await request(second.app).get('/registry/jurisdictions').set('Authorization', `Bearer ${tokenSecond}`)).status).toBe(200);
  expect((await read()).status).toBe(404);

  const before = (await first.db.registryVersion.findUniqueOrThrow({ where: { id: 1 } })).version;
  const merged = await request(first.app)
    .post('/admin/reorganisations')
    .set('Authorization', `Bearer ${tokenFirst}`)
    .send({ effectiveOn: vietnamDate(), reason: 'Sáp nhập thử hai tiến trình', merges: [{ from: [province.communeId], into: { id: newUnit, nameVi: 'Xã Hợp Nhất', nameEn: 'Hop Nhat commune' } }] });
  expect(merged.status).toBe(201);
  expect((await first.db.registryVersion.findUniqueOrThrow({ where: { id: 1 } })).version).toBeGreaterThan(before);

  // The other process answers for the new unit well before its old cache would have expired.
  const seen = await until(async () => ((await read()).status === 200 ? true : undefined), 'the new unit through the second process', 8_000);
  expect(seen).toBe(true);
});

it('gives the worker’s activities the units, agencies and rule overrides as they are the moment they ask', async () => {
  const reference = new ReferenceData(first.db);
  const version = async () => (await first.db.registryVersion.findUniqueOrThrow({ where: { id: 1 } })).version;
  // The same version: the same snapshot, nothing read again but the counter. Other suites share
  // the database and may change the registry between two reads: a pair is judged only when the
  // version did not move around it (it only ever rises).
  let before = await reference.snapshot();
  for (let attempt = 0; ; attempt += 1) {
    const versionBefore = await version();
    before = await reference.snapshot();
    const again = await reference.snapshot();
    if ((await version()) !== versionBefore && attempt < 20) continue;
    expect(again).toBe(before);
    break;
  }
  expect(before.agency(province.agency.communePolice)?.email).not.toBe('moved@test.invalid');

  // Each change is seen by the very next snapshot, whichever table it touched.
  await first.db.agency.update({ where: { id: province.agency.communePolice }, data: { email: 'moved@test.invalid' } });
  const afterAgency = await reference.snapshot();
  expect(afterAgency.agency(province.agency.communePolice)?.email).toBe('moved@test.invalid');
  expect(afterAgency.agenciesOf(province.communeId).map((agency) => agency.id)).toContain(province.agency.communePolice);

  await first.db.ruleOverride.create({
    data: { ruleKey: 'CRA.D2', provinceId: province.provinceId, effectiveFrom: new Date('2026-01-01T00:00:00Z'), parameters: { budget: { kind: 'WORKING_DAYS', days: 7 } }, reason: 'thử' },
  });
  expect((await reference.snapshot()).overridesOf(province.provinceId, 'CRA.D2')).toHaveLength(1);

  const unit = `${province.provinceId}-REF`;
  await first.db.jurisdiction.create({
    data: { id: unit, level: 'COMMUNE', nameVi: 'Xã mới', nameEn: 'New commune', parentId: province.provinceId, path: `/${province.provinceId}/${unit}/`, validFrom: new Date('2026-01-01T00:00:00Z') },
  });
  expect((await reference.snapshot()).unit(unit)?.nameVi).toBe('Xã mới');
});
