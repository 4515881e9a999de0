import request from 'supertest';
import { createActivities } from '../../activities';
import { vietnamDate } from '../../domain/time/legal-date';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { testActivityDependencies } from '../support/deadline-worker';

/** Calendar, rules, the coordinators' deadline view and the inbox, through the real app and database. */
let api: ApiHarness;
let activities: ReturnType<typeof createActivities>;
let dependencies: ReturnType<typeof testActivityDependencies>;
const run = `api${Date.now()}`;

beforeAll(async () => {
  api = await startApiHarness();
  dependencies = testActivityDependencies(api.db);
  activities = createActivities(dependencies);
});
afterAll(async () => {
  await dependencies.close();
  await api.close();
});

const get = async (path: string, user?: string) => {
  const call = request(api.app).get(path);
  return user ? call.set('Authorization', `Bearer ${await api.tokenFor(user)}`) : call;
};

describe('calendar', () => {
  it('lists a year’s holidays and substitute days, readable without a role', async () => {
    const response = await get('/calendar/holidays?year=2026');
    expect(response.status).toBe(200);
    const byDate = new Map(
      (response.body.items as { date: string; kind: string; nameVi: string; nameEn: string }[]).map((d) => [
        d.date,
        d,
      ]),
    );
    expect(byDate.get('2026-02-17')).toMatchObject({ kind: 'HOLIDAY' });
    expect(byDate.get('2026-02-17')?.nameVi).toMatch(/Tết/);
    expect(byDate.get('2026-04-27')).toMatchObject({ kind: 'SUBSTITUTE_DAY' });
    expect(byDate.get('2026-01-01')).toMatchObject({ kind: 'HOLIDAY' });
    expect(byDate.has('2026-02-14')).toBe(false); // an ordinary Saturday is not listed
  });

  it('counts working days from the day after, listing what it skipped', async () => {
    const response = await get('/calendar/add-working-days?from=2026-02-13&days=5');
    expect(response.status).toBe(200);
    expect(response.body.date).toBe('2026-02-27');
    const skipped = response.body.skipped as { date: string; kind: string }[];
    expect(skipped.map((d) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(skipped.filter((d) => d.kind === 'WEEKEND')).toHaveLength(4);
  });

  it('refuses a year it does not cover, and a date that does not exist, with a clear problem', async () => {
    const far = await get('/calendar/holidays?year=2050');
    expect(far.status).toBe(422);
    expect(far.body.code).toBe('CALENDAR.OUT_OF_RANGE');
    expect(far.body.detail).toMatch(/2050/);
    const bad = await get('/calendar/add-working-days?from=2026-02-30&days=5');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/from/);
  });

  it('lets an administrator record an announced day off, and nobody else', async () => {
    const body = {
      kind: 'DAY_OFF',
      nameVi: 'Nghỉ bù theo thông báo',
      nameEn: 'Announced day off',
      source: 'Thông báo thử nghiệm',
    };
    const denied = await request(api.app)
      .put('/calendar/overrides/2032-05-12')
      .set('Authorization', `Bearer ${await api.tokenFor('coordinator.pc04')}`)
      .send(body);
    expect(denied.status).toBe(403);
    // One calendar for the country: a province's administrator may not change it.
    const provincialAdmin = await request(api.app)
      .put('/calendar/overrides/2032-05-12')
      .set('Authorization', `Bearer ${await api.tokenFor('admin')}`)
      .send(body);
    expect(provincialAdmin.status).toBe(403);
    const admin = `Bearer ${await api.tokenFor('national.admin')}`;
    const saved = await request(api.app)
      .put('/calendar/overrides/2032-05-12')
      .set('Authorization', admin)
      .send(body);
    expect(saved.status).toBe(200);
    const year = await get('/calendar/holidays?year=2032');
    expect(year.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2032-05-12', kind: 'ANNOUNCED_SWAP' })]),
    );
    expect(
      await api.db.auditEvent.count({ where: { action: 'calendar.override_set', subjectId: '2032-05-12' } }),
    ).toBe(1);
    expect(
      (await request(api.app).delete('/calendar/overrides/2032-05-12').set('Authorization', admin)).status,
    ).toBe(204);
    expect((await get('/calendar/holidays?year=2032')).body.items).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2032-05-12' })]),
    );
  });
});

describe('rules', () => {
  it('lists the rule book with sources and confidence', async () => {
    const response = await get('/rules', 'police.apl');
    expect(response.status).toBe(200);
    const d2 = (
      response.body.items as { key: string; versions: { confidence: string; budget: unknown }[] }[]
    ).find((r) => r.key === 'CRA.D2');
    expect(d2?.versions[0]).toMatchObject({
      confidence: 'CONFIRMED',
      budget: { kind: 'WORKING_DAYS', days: 5 },
    });
  });

  it('lets a provincial coordinator override an unconfirmed limit but not a confirmed one', async () => {
    const token = `Bearer ${await api.tokenFor('coordinator.pc04')}`;
    const confirmed = await request(api.app)
      .put('/rules/CRA.D2/overrides')
      .set('Authorization', token)
      .send({
        provinceId: 'SX',
        effectiveFrom: '2030-01-01',
        parameters: { budget: { kind: 'WORKING_DAYS', days: 10 } },
        reason: 'thử nghiệm',
      });
    expect(confirmed.status).toBe(409);
    expect(confirmed.body.code).toBe('RULE.CONFIRMED_LIMIT');

    const unconfirmed = await request(api.app)
      .put('/rules/CRA.D3/overrides')
      .set('Authorization', token)
      .send({
        provinceId: 'SX',
        effectiveFrom: '2030-01-01',
        parameters: { budget: { kind: 'WORKING_DAYS', days: 4 } },
        reason: 'Quyết định của UBND tỉnh (thử)',
      });
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.body.effective).toMatchObject({
      budget: { kind: 'WORKING_DAYS', days: 4 },
      override: { provinceId: 'SX', fields: ['budget'] },
    });
    const effective = await get('/rules/CRA.D3/effective?provinceId=SX&onDate=2030-06-01', 'police.apl');
    expect(effective.body.budget).toEqual({ kind: 'WORKING_DAYS', days: 4 });
    const before = await get('/rules/CRA.D3/effective?provinceId=SX&onDate=2029-12-31', 'police.apl');
    expect(before.body.budget).toEqual({ kind: 'WORKING_DAYS', days: 2 });
  });

  it('names the bad field, and checks role and province', async () => {
    const token = `Bearer ${await api.tokenFor('coordinator.pc04')}`;
    const bad = await request(api.app)
      .put('/rules/CRA.D3/overrides')
      .set('Authorization', token)
      .send({
        provinceId: 'SX',
        effectiveFrom: '2030-01-01',
        parameters: { budget: { kind: 'WORKING_DAYS', days: -1 } },
      });
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.reason', 'body.parameters.budget.days']));
    const police = await request(api.app)
      .put('/rules/CRA.D3/overrides')
      .set('Authorization', `Bearer ${await api.tokenFor('police.apl')}`)
      .send({});
    expect(police.status).toBe(403);
  });
});

describe('deadline view and inbox', () => {
  let lateApl: string;
  let lateBm: string;
  beforeAll(async () => {
    const open = (caseRef: string, jurisdictionId: string, startDate: string, extra: object = {}) =>
      activities.openStep({
        caseRef,
        stepKey: 'D2',
        ruleKey: 'CRA.D2',
        jurisdictionId,
        startDate,
        workflowId: `view:${caseRef}`,
        openedAt: new Date().toISOString(),
        ...extra,
      });
    lateApl = (
      await open(`${run}-apl`, 'SX-APL', '2026-09-01', {
        statutoryLimit: { ruleKey: 'CRA.LIMIT', startDate: '2026-08-01' },
      })
    ).stepId;
    lateBm = (await open(`${run}-bm`, 'SX-BM', '2026-10-01')).stepId;
    await open(`${run}-soon`, 'SX-APL', vietnamDate());
    const plan = await api.db.step.findUniqueOrThrow({ where: { id: lateApl } });
    const rung2 = (plan.firePoints as { kind: string; rung: number }[]).find(
      (p) => p.kind === 'ESCALATION' && p.rung === 2,
    );
    await activities.recordNotification({ stepId: lateApl, firePoint: rung2 as never });
  });

  it('shows a provincial coordinator every late step in the province, most late first, with how it was computed', async () => {
    const response = await get(
      '/deadlines/steps?view=overdue&procedure=COMPULSORY_REHAB_ADULT',
      'coordinator.pc04',
    );
    expect(response.status).toBe(200);
    const mine = (response.body.items as { stepId: string }[]).filter((row) =>
      [lateApl, lateBm].includes(row.stepId),
    );
    expect(mine.map((row) => row.stepId)).toEqual([lateApl, lateBm]);
    const row = response.body.items.find((r: { stepId: string }) => r.stepId === lateApl);
    expect(row).toMatchObject({
      caseRef: `${run}-apl`,
      dueDate: '2026-09-09',
      owner: { agencyId: 'SX-APL-CA', role: 'COMMUNE_POLICE_HEAD' },
      howComputed: { ruleKey: 'CRA.D2', confidence: 'CONFIRMED' },
    });
    expect(row.daysLate).toBeGreaterThan(60);
    expect(row.howComputed.summaryVi).toMatch(/09\/09\/2026/);
    expect(row.escalationsSent).toEqual([
      expect.objectContaining({ kind: 'ESCALATION', rung: 2, recipientAgencyId: 'SX-PC04' }),
    ]);
    expect(JSON.stringify(row)).not.toMatch(/displayName|fullName/);
  });

  it('limits a commune to its own steps, and refuses another commune as a filter', async () => {
    const own = await get('/deadlines/steps?view=overdue', 'police.bm');
    const ids = (own.body.items as { stepId: string }[]).map((r) => r.stepId);
    expect(ids).toContain(lateBm);
    expect(ids).not.toContain(lateApl);
    const other = await get('/deadlines/steps?view=overdue&jurisdictionId=SX-APL', 'police.bm');
    expect(other.status).toBe(403);
    const detail = await get(`/deadlines/steps/${encodeURIComponent(lateApl)}`, 'police.bm');
    expect(detail.status).toBe(403);
  });

  it('lists steps due soon and steps past the procedure’s statutory limit', async () => {
    const soon = await get('/deadlines/steps?view=due-soon&withinDays=10', 'coordinator.pc04');
    expect((soon.body.items as { caseRef: string }[]).map((r) => r.caseRef)).toContain(`${run}-soon`);
    const limit = await get('/deadlines/steps?view=past-statutory-limit', 'coordinator.pc04');
    const row = (limit.body.items as { stepId: string; statutoryDueDate: string }[]).find(
      (r) => r.stepId === lateApl,
    );
    expect(row?.statutoryDueDate).toBe('2026-09-30');
    const late = await get('/deadlines/steps?view=overdue&minDaysLate=3650', 'coordinator.pc04');
    expect(late.body.total).toBe(0);
  });

  it('explains one step: rule, source, skipped days, plan and ledger', async () => {
    const response = await get(`/deadlines/steps/${encodeURIComponent(lateApl)}`, 'coordinator.pc04');
    expect(response.status).toBe(200);
    expect(response.body.explanation).toMatchObject({
      baseDueDate: '2026-09-09',
      startEvent: { code: 'ART32_GROUNDS_FOUND', date: '2026-09-01' },
    });
    // 2 September 2026 (National Day) and the day beside it are skipped.
    expect(response.body.explanation.skipped).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2026-09-02', kind: 'HOLIDAY' })]),
    );
    expect(response.body.ledger).toEqual([expect.objectContaining({ revision: 0, kind: 'OPENED' })]);
    expect(
      response.body.plannedNotifications.map((p: { kind: string; rung: number }) => `${p.kind}${p.rung}`),
    ).not.toContain('ESCALATION2');
  });

  it('delivers escalations to the recipient’s inbox, marks them read, and hides them from others', async () => {
    const token = `Bearer ${await api.tokenFor('coordinator.pc04')}`;
    const inbox = await request(api.app).get('/inbox?unreadOnly=true').set('Authorization', token);
    const item = (inbox.body.items as { id: string; stepId: string; titleVi: string }[]).find(
      (i) => i.stepId === lateApl,
    );
    expect(item?.titleVi).toMatch(/Quá hạn \(cấp 2\)/);
    const other = await request(api.app)
      .post(`/inbox/${item?.id}/read`)
      .set('Authorization', `Bearer ${await api.tokenFor('police.bm')}`);
    expect(other.status).toBe(404);
    expect((await request(api.app).post(`/inbox/${item?.id}/read`).set('Authorization', token)).status).toBe(
      204,
    );
    const after = await request(api.app).get('/inbox?unreadOnly=true').set('Authorization', token);
    expect((after.body.items as { id: string }[]).map((i) => i.id)).not.toContain(item?.id);
    expect(after.body.unread).toBe(inbox.body.unread - 1);
  });
});
