import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { vietnamMonth } from '../../api/performance/month-range';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import type { Prisma, Step } from '../../generated/prisma/client';
import type { Role } from '../../generated/prisma/enums';
import { stepKeyOf } from '../../procedures/procedure-definition';
import type { Budget } from '../../rules/rule-types';
import { until } from '../support/case-driver';
import { startCaseStack, type CaseStack } from '../support/case-stack';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * On-time performance and step durations, from completed steps written with known times: the
 * counts, rates, medians and 90th percentiles are checked against figures worked out by hand.
 */
jest.setTimeout(120_000);

let stack: CaseStack;
let province: TestProvince;
let other: TestProvince;
/** Steps done on paper and entered later (the legal-date test). Created before the first request: the API caches the registry's units. */
let paper: TestProvince;
const users = { police: '', coordinator: '', doctor: '' };
/** A step a real case opened: its snapshot, explanation and titles are the template of the rows written here. */
let template: Step;

const DAY_MS = 24 * 3600 * 1000;
const at = (iso: string, plusDays = 0) => new Date(new Date(iso).getTime() + plusDays * DAY_MS);

interface Completed {
  ownerAgencyId: string;
  ownerRole?: Role;
  jurisdictionId?: string;
  provinceId?: string;
  procedure?: string;
  ruleKey?: string;
  stepKey?: string;
  budget?: Budget;
  status?: 'COMPLETED' | 'CANCELLED';
  openedAt: string;
  /** Days from opening to completion, and from opening to the due instant. */
  taken: number;
  given: number;
  /** Exact instants and the act's legal date, where a test needs them rather than day offsets. */
  dueAt?: string;
  /** The legal due date, when dueAt is the end of that day (17:00 UTC, already the next day in Vietnam). */
  dueDate?: string;
  completedAt?: string;
  completedOn?: string;
}

async function insertStep(step: Completed) {
  const id = randomUUID();
  const openedAt = new Date(step.openedAt);
  const dueAt = step.dueAt ? new Date(step.dueAt) : at(step.openedAt, step.given);
  const ruleKey = step.ruleKey ?? template.ruleKey;
  const procedure = step.procedure ?? template.procedure;
  const snapshot = template.ruleSnapshot as { rule: Record<string, unknown> };
  const ruleSnapshot = {
    ...snapshot,
    rule: { ...snapshot.rule, key: ruleKey, procedure, ...(step.budget ? { budget: step.budget } : {}) },
  };
  await stack.api.db.step.create({
    data: {
      id: `perf:${id}`,
      workflowId: `perf:${id}`,
      caseRef: `PERF-${id.slice(0, 8)}`,
      procedure,
      stepKey: step.stepKey ?? stepKeyOf(ruleKey),
      ruleKey,
      titleVi: ruleKey === template.ruleKey ? template.titleVi : `Bước ${ruleKey}`,
      titleEn: ruleKey === template.ruleKey ? template.titleEn : `Step ${ruleKey}`,
      jurisdictionId: step.jurisdictionId ?? province.communeId,
      provinceId: step.provinceId ?? province.provinceId,
      ownerAgencyId: step.ownerAgencyId,
      ownerRole: step.ownerRole ?? template.ownerRole,
      status: step.status ?? 'COMPLETED',
      startEvent: template.startEvent,
      startDate: isoToDateColumn(vietnamDate(openedAt)),
      openedAt,
      dueDate: isoToDateColumn(step.dueDate ?? vietnamDate(dueAt)),
      dueAt,
      ruleSnapshot: ruleSnapshot as Prisma.InputJsonValue,
      explanation: template.explanation as Prisma.InputJsonValue,
      firePoints: [],
      completedAt: step.status === 'CANCELLED' ? null : step.completedAt ? new Date(step.completedAt) : at(step.openedAt, step.taken),
      completedOn: step.completedOn ? isoToDateColumn(step.completedOn) : null,
    },
  });
}

beforeAll(async () => {
  stack = await startCaseStack('performance-api');
  province = await createTestProvince(stack.api.db, 'performance');
  other = await createTestProvince(stack.api.db, 'performance other');
  paper = await createTestProvince(stack.api.db, 'performance paper');
  users.police = await province.addUser(province.agency.communePolice, ['COMMUNE_POLICE_OFFICER']);
  users.coordinator = await province.addUser(province.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  // A province-level reader of drug cases who does not read trafficking victims' records.
  users.doctor = await province.addUser(province.agency.medicalFacility, ['DOCTOR']);
  const { caseRef } = await stack.driver.openCase(users.police, {
    jurisdictionId: province.communeId,
    residenceJurisdictionId: province.communeId,
    groundsFoundOn: vietnamDate(),
  });
  template = await until(
    async () => (await stack.api.db.step.findFirst({ where: { caseRef, ruleKey: 'CRA.D2' } })) ?? undefined,
    'the case’s first step',
  );

  const A = province.agency.communePolice;
  const B = province.agency.communeCommittee;
  const march = '2025-03-03T01:00:00Z'; // 08:00 on 3 March in Vietnam
  // Agency A in March 2025, the case's own rule (CRA.D2): taken 2, 10, 6, 20 days against 10, 10, 12, 14 given.
  // The second is completed at its due instant exactly (on time); the fourth is late.
  await insertStep({ ownerAgencyId: A, openedAt: march, taken: 2, given: 10 });
  await insertStep({ ownerAgencyId: A, openedAt: march, taken: 10, given: 10 });
  await insertStep({ ownerAgencyId: A, openedAt: march, taken: 6, given: 12 });
  await insertStep({ ownerAgencyId: A, openedAt: march, taken: 20, given: 14 });
  // Not counted: completed in February, cancelled, or in another province.
  await insertStep({ ownerAgencyId: A, openedAt: '2025-02-03T01:00:00Z', taken: 20, given: 5 });
  await insertStep({ ownerAgencyId: A, openedAt: march, taken: 1, given: 5, status: 'CANCELLED' });
  await insertStep({
    ownerAgencyId: other.agency.communePolice,
    jurisdictionId: other.communeId,
    provinceId: other.provinceId,
    openedAt: march,
    taken: 1,
    given: 5,
  });
  // Agency B: completed at 01:00 on 1 April in Vietnam (still 31 March in UTC), on time: April's.
  await insertStep({ ownerAgencyId: B, openedAt: '2025-03-25T18:00:00Z', taken: 6, given: 7 });
  // Agency B: a quarterly report task (stepKey is the unit, as a reporting run writes it), late, in April.
  await insertStep({
    ownerAgencyId: B,
    ownerRole: 'COMMUNE_CHAIRMAN',
    procedure: 'REPORTING',
    ruleKey: 'REPORT.QUARTERLY',
    stepKey: province.communeId,
    budget: { kind: 'DAY_OF_LAST_MONTH', periodMonths: 3, day: 5, rollForwardToWorkingDay: false },
    openedAt: '2025-04-01T01:00:00Z',
    taken: 10,
    given: 4,
  });
  // Agency B: a trafficking victim's verification in March, on time: counted only for its readers.
  await insertStep({
    ownerAgencyId: B,
    procedure: 'TRAFFICKING_VICTIM',
    ruleKey: 'TRF.VERIFICATION',
    budget: { kind: 'CALENDAR_DAYS', days: 3, rollForwardToWorkingDay: false },
    openedAt: '2025-03-10T01:00:00Z',
    taken: 1,
    given: 3,
  });
  // Agency A, an hour ago: inside the default range.
  await insertStep({
    ownerAgencyId: A,
    openedAt: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
    taken: 2 / 24,
    given: 1,
  });
});
afterAll(async () => {
  await stack?.close();
});

const get = async (user: string, path: string) =>
  request(stack.api.app)
    .get(path)
    .set('Authorization', `Bearer ${await stack.driver.token(user)}`);

const counts = (onTime: number, late: number) => ({
  completed: onTime + late,
  onTime,
  late,
  onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
});

it('counts steps completed on time and late per agency and per Vietnamese month, with the rate', async () => {
  const response = await get(
    users.coordinator,
    `/performance/on-time?jurisdictionId=${province.provinceId}&from=2025-03&to=2025-04`,
  );
  expect(response.status).toBe(200);
  const body = response.body;
  expect(body).toMatchObject({
    jurisdiction: { id: province.provinceId, nameVi: 'Tỉnh thử performance' },
    from: '2025-03',
    to: '2025-04',
    procedure: null,
    months: ['2025-03', '2025-04'],
  });
  // March: A's 3 + 1, B's trafficking step on time; April: B's case step on time and its late report.
  expect(body.byMonth).toEqual([
    { month: '2025-03', ...counts(4, 1) },
    { month: '2025-04', ...counts(1, 1) },
  ]);
  expect(body.totals).toEqual(counts(5, 2));
  // The lowest rate first: B (2 of 3) before A (3 of 4).
  expect(body.byAgency).toEqual([
    {
      agencyId: province.agency.communeCommittee,
      nameVi: 'COMMUNE_PEOPLES_COMMITTEE performance',
      nameEn: 'COMMUNE_PEOPLES_COMMITTEE performance',
      jurisdictionId: province.communeId,
      totals: counts(2, 1),
      byMonth: [
        { month: '2025-03', ...counts(1, 0) },
        { month: '2025-04', ...counts(1, 1) },
      ],
    },
    {
      agencyId: province.agency.communePolice,
      nameVi: 'COMMUNE_POLICE performance',
      nameEn: 'COMMUNE_POLICE performance',
      jurisdictionId: province.communeId,
      totals: { completed: 4, onTime: 3, late: 1, onTimeRate: 0.75 },
      byMonth: [
        { month: '2025-03', completed: 4, onTime: 3, late: 1, onTimeRate: 0.75 },
        { month: '2025-04', completed: 0, onTime: 0, late: 0, onTimeRate: null },
      ],
    },
  ]);

  const cases = await get(
    users.coordinator,
    '/performance/on-time?from=2025-03&to=2025-04&procedure=COMPULSORY_REHAB_ADULT',
  );
  expect(cases.status).toBe(200);
  expect(cases.body.procedure).toBe('COMPULSORY_REHAB_ADULT');
  expect(cases.body.byMonth).toEqual([
    { month: '2025-03', ...counts(3, 1) },
    { month: '2025-04', ...counts(1, 0) },
  ]);
  const reports = await get(
    users.coordinator,
    '/performance/on-time?from=2025-03&to=2025-04&procedure=REPORTING',
  );
  expect(reports.body.totals).toEqual(counts(0, 1));
  expect(reports.body.byAgency.map((row: { agencyId: string }) => row.agencyId)).toEqual([
    province.agency.communeCommittee,
  ]);
});

it('defaults to the twelve months up to the current one in Vietnam', async () => {
  const response = await get(users.police, '/performance/on-time');
  expect(response.status).toBe(200);
  expect(response.body.jurisdiction.id).toBe(province.communeId);
  expect(response.body.months).toHaveLength(12);
  expect(response.body.to).toBe(vietnamMonth());
  expect(response.body.months.at(-1)).toBe(vietnamMonth());
  expect(response.body.totals).toEqual(counts(1, 0));
});

it('counts a trafficking victim’s steps only for the roles that read those cases', async () => {
  const doctor = await get(users.doctor, '/performance/on-time?from=2025-03&to=2025-04');
  expect(doctor.status).toBe(200);
  expect(doctor.body.byMonth).toEqual([
    { month: '2025-03', ...counts(3, 1) },
    { month: '2025-04', ...counts(1, 1) },
  ]);
  const askedFor = await get(
    users.doctor,
    '/performance/on-time?from=2025-03&to=2025-04&procedure=TRAFFICKING_VICTIM',
  );
  expect([askedFor.status, askedFor.body.totals, askedFor.body.byAgency]).toEqual([200, counts(0, 0), []]);
  const durations = await get(users.doctor, '/performance/durations?from=2025-03&to=2025-04');
  expect(durations.body.items.map((row: { ruleKey: string }) => row.ruleKey)).toEqual([
    'CRA.D2',
    'REPORT.QUARTERLY',
  ]);

  const reader = await get(
    users.coordinator,
    '/performance/on-time?from=2025-03&to=2025-04&procedure=TRAFFICKING_VICTIM',
  );
  expect(reader.body.totals).toEqual(counts(1, 0));
});

it('gives the median and 90th percentile of the time taken and the time given, against the rule’s budget', async () => {
  // The template's snapshot is the rule version the case's step opened under: 5 working days.
  expect((template.ruleSnapshot as { rule: { budget: Budget } }).rule.budget).toEqual({
    kind: 'WORKING_DAYS',
    days: 5,
  });
  const march = await get(
    users.coordinator,
    '/performance/durations?from=2025-03&to=2025-03&procedure=COMPULSORY_REHAB_ADULT',
  );
  expect(march.status).toBe(200);
  expect(march.body).toMatchObject({ from: '2025-03', to: '2025-03', procedure: 'COMPULSORY_REHAB_ADULT' });
  // Taken 2, 6, 10, 20: median 6 + 0.5 × 4 = 8, p90 at rank 2.7: 10 + 0.7 × 10 = 17.
  // Given 10, 10, 12, 14: median 10 + 0.5 × 2 = 11, p90 12 + 0.7 × 2 = 13.4.
  expect(march.body.items).toEqual([
    {
      procedure: 'COMPULSORY_REHAB_ADULT',
      ruleKey: 'CRA.D2',
      stepKey: 'D2',
      titleVi: template.titleVi,
      titleEn: template.titleEn,
      budget: { value: 5, unit: 'WORKING_DAYS' },
      completed: 4,
      late: 1,
      lateShare: 0.25,
      takenDays: { median: 8, p90: 17 },
      budgetedDays: { median: 11, p90: 13.4 },
    },
  ]);

  const both = await get(
    users.coordinator,
    `/performance/durations?jurisdictionId=${province.communeId}&from=2025-03&to=2025-04`,
  );
  expect(both.status).toBe(200);
  const rows = both.body.items as {
    procedure: string;
    ruleKey: string;
    stepKey: string;
    completed: number;
    budget: unknown;
  }[];
  expect(rows.map((row) => [row.procedure, row.ruleKey, row.completed])).toEqual([
    ['COMPULSORY_REHAB_ADULT', 'CRA.D2', 5],
    ['REPORTING', 'REPORT.QUARTERLY', 1],
    ['TRAFFICKING_VICTIM', 'TRF.VERIFICATION', 1],
  ]);
  expect(rows[1]).toMatchObject({
    stepKey: 'QUARTERLY',
    budget: { value: 5, unit: 'DAY_OF_LAST_MONTH', periodMonths: 3 },
    late: 1,
    lateShare: 1,
    takenDays: { median: 10, p90: 10 },
    budgetedDays: { median: 4, p90: 4 },
  });
  expect(rows[2]).toMatchObject({ budget: { value: 3, unit: 'CALENDAR_DAYS' }, late: 0, lateShare: 0 });
});

it('answers a bad query with 400, an unknown unit with 404, another province with 403, no token with 401', async () => {
  for (const path of ['/performance/on-time', '/performance/durations']) {
    for (const query of [
      'from=2025-13',
      'to=25-03',
      'from=2025-03%00',
      'procedure=NOPE',
      'from=2025-05&to=2025-03',
      // Found by the fuzzer (fuzz/run.ts): twelve months before 0000-01 answered 500.
      'to=0000-01',
      'from=0999-12',
    ]) {
      const response = await get(users.coordinator, `${path}?${query}`);
      expect([path, query, response.status]).toEqual([path, query, 400]);
    }
    const tooLong = await get(users.coordinator, `${path}?from=2022-01&to=2025-03`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      {
        field: 'query.from',
        message: 'Khoảng thời gian tối đa 36 tháng; từ 2022-01 đến 2025-03 là 39 tháng.',
        messageEn: 'The range may cover at most 36 months; 2022-01 to 2025-03 covers 39.',
      },
    ]);
    expect((await get(users.coordinator, `${path}?from=2023-04&to=2026-03`)).status).toBe(200);
    expect((await get(users.coordinator, `${path}?jurisdictionId=NO-SUCH-UNIT`)).status).toBe(404);
    expect((await get(users.coordinator, `${path}?jurisdictionId=${other.provinceId}`)).status).toBe(403);
    expect((await get(users.police, `${path}?jurisdictionId=${province.provinceId}`)).status).toBe(403);
    expect((await request(stack.api.app).get(path)).status).toBe(401);
  }
});

it('describes both endpoints and their answers in the OpenAPI document', async () => {
  const document = (await request(stack.api.app).get('/openapi.json')).body as {
    paths: Record<
      string,
      Record<
        string,
        { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }
      >
    >;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  for (const [path, id] of [
    ['/performance/on-time', 'OnTimePerformance'],
    ['/performance/durations', 'StepDurations'],
  ] as const) {
    const responses = document.paths[path]?.get?.responses ?? {};
    expect([path, Object.keys(responses).sort()]).toEqual([path, ['200', '400', '401', '403', '404', '503']]);
    expect(responses['200']?.content?.['application/json']?.schema.$ref).toBe(`#/components/schemas/${id}`);
  }
  expect(Object.keys(document.components.schemas.OnTimePerformance?.properties ?? {})).toEqual(
    expect.arrayContaining(['months', 'totals', 'byMonth', 'byAgency']),
  );
  expect(Object.keys(document.components.schemas.StepDurations?.properties ?? {})).toEqual(
    expect.arrayContaining(['items']),
  );
});

it('judges an act by its legal date: done on paper in time and entered later is on time, in the month it was done', async () => {
  const coordinator = await paper.addUser(paper.agency.drugDivision, ['PROVINCIAL_COORDINATOR']);
  const police = paper.agency.communePolice;
  const base = { ownerAgencyId: police, jurisdictionId: paper.communeId, provinceId: paper.provinceId, openedAt: '2025-06-02T01:00:00Z', taken: 0, given: 0 };
  // Due on 10 June to the end of the day (endOfLegalDay: midnight in Vietnam), as the engine writes it.
  const tenthJune = { dueDate: '2025-06-10', dueAt: '2025-06-10T17:00:00.000Z' };
  // Done on 5 June, entered on 2 July: on time, and in June.
  await insertStep({ ...base, ...tenthJune, completedOn: '2025-06-05', completedAt: '2025-07-02T03:00:00Z' });
  // Done on the due day itself, entered two days later: on time (the deadline runs to the end of that day).
  await insertStep({ ...base, ...tenthJune, completedOn: '2025-06-10', completedAt: '2025-06-12T03:00:00Z' });
  // Done the day after: late.
  await insertStep({ ...base, ...tenthJune, completedOn: '2025-06-11', completedAt: '2025-06-11T03:00:00Z' });
  // A deadline in hours, due at noon: an act dated that day and recorded in the afternoon is late (the instant decides).
  await insertStep({ ...base, dueDate: '2025-06-10', dueAt: '2025-06-10T05:00:00Z', completedOn: '2025-06-10', completedAt: '2025-06-10T08:00:00Z' });

  const response = await get(coordinator, `/performance/on-time?jurisdictionId=${paper.provinceId}&from=2025-06&to=2025-07`);
  expect(response.status).toBe(200);
  expect(response.body.byMonth).toEqual([
    { month: '2025-06', ...counts(2, 2) },
    { month: '2025-07', completed: 0, onTime: 0, late: 0, onTimeRate: null },
  ]);
  const durations = await get(coordinator, `/performance/durations?jurisdictionId=${paper.provinceId}&from=2025-06&to=2025-06`);
  // In legal days from the start event (2 June): 3, 8, 8 and 9 days taken; 8 days given each.
  expect(durations.body.items).toHaveLength(1);
  expect(durations.body.items[0]).toMatchObject({ completed: 4, late: 2, takenDays: { median: 8 }, budgetedDays: { median: 8 } });
});
