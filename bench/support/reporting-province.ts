import type { Client } from '@temporalio/client';
import request from 'supertest';
import type { Db } from '../../db/client';
import { DEMO_PASSWORD } from '../../db/seed/demo-province';
import { quarterlyCycleBody } from '../../test/support/reporting-cycle-body';
import { createTestProvince, type TestProvince } from '../../test/support/test-province';
import { benchApp } from './bench-app';

/**
 * A province of `units` communes (the test province's own and `units - 1` more, each with its
 * People's Committee), its coordinator signed in to the real API, and a quarterly reporting cycle
 * (`<province>-QUARTERLY`, paused so that only the runs started here happen).
 */
export async function reportingProvince(db: Db, temporal: Client, settings: { taskQueue: string; root: string; units: number }) {
  const province: TestProvince = await createTestProvince(db, 'national');
  await province.addCommunes('C', settings.units - 1);
  const app = benchApp({ db, temporal }, settings);
  const coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const login = await request(app).post('/auth/login').send({ username: coordinator, password: DEMO_PASSWORD });
  const auth = `Bearer ${(login.body as { token: string }).token}`;

  const cycleId = `${province.provinceId}-QUARTERLY`;
  const created = await request(app).post('/reporting/cycles').set('Authorization', auth).send(quarterlyCycleBody(province, cycleId));
  if (created.status !== 201) throw new Error(`cycle: ${created.status} ${JSON.stringify(created.body)}`);
  await request(app).post(`/reporting/cycles/${cycleId}/pause`).set('Authorization', auth).send({});
  const communes = await db.jurisdiction.count({ where: { level: 'COMMUNE', parentId: province.provinceId } });

  /** Starts this quarter's run through the API, as the coordinator's button does. */
  const startRun = async () => {
    const started = await request(app).post(`/reporting/cycles/${cycleId}/runs`).set('Authorization', auth).send({});
    if (started.status !== 202) throw new Error(`run: ${started.status} ${JSON.stringify(started.body)}`);
  };
  return { province, app, auth, coordinator, cycleId, communes, startRun };
}
