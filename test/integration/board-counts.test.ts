import pureRand from 'pure-rand';
import { bucketCountsSql, scannedCountsSql, type CountRow } from '../../api/deadlines/board-buckets';
import type { Db } from '../../db/client';
import { isoToDateColumn, vietnamDate } from '../../domain/time/legal-date';
import type { StepStatus } from '../../generated/prisma/enums';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { createTestProvince, type TestProvince } from '../support/test-province';

/**
 * The live board's counts come from a table a trigger keeps as steps change (step_board_counts),
 * with the steps of the boundary days counted from the steps themselves (issue #19). Whatever
 * happens to the steps (opened, completed, stopped, moved to another owner or unit, given more
 * time, deleted) and whenever the board is asked (just before or after midnight in Vietnam, on a
 * window's last day), the counts must equal one scan of the steps.
 */
jest.setTimeout(120_000);

let api: ApiHarness;
let province: TestProvince;
let secondCommune = '';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const base = Date.now();

beforeAll(async () => {
  api = await startApiHarness();
  province = await createTestProvince(api.db, 'board-counts');
  secondCommune = (await province.addCommune('X2')).communeId;
});
afterAll(() => api.close());

async function addStep(db: Db, id: string, at: { due: number; statutory: number | null; status: StepStatus; commune: string; owner: string; procedure: string }) {
  const dueAt = new Date(at.due);
  await db.step.create({
    data: {
      id: `board:${province.provinceId}:${id}`,
      workflowId: `board:${id}`,
      caseRef: `BOARD-${id}`,
      procedure: at.procedure,
      stepKey: 'D2',
      ruleKey: 'CRA.D2',
      titleVi: 'Bước',
      titleEn: 'Step',
      jurisdictionId: at.commune,
      provinceId: province.provinceId,
      ownerAgencyId: at.owner,
      ownerRole: 'COMMUNE_POLICE_HEAD',
      status: at.status,
      startEvent: 'E',
      startDate: isoToDateColumn(vietnamDate(new Date(base))),
      openedAt: new Date(base - 10 * DAY),
      dueDate: isoToDateColumn(vietnamDate(dueAt)),
      dueAt,
      statutoryDueAt: at.statutory === null ? null : new Date(at.statutory),
      ruleSnapshot: {},
      explanation: {},
      firePoints: [],
    },
  });
}

const sorted = (rows: CountRow[]) => [...rows].sort((a, b) => `${a.ownerAgencyId}|${a.jurisdictionId}`.localeCompare(`${b.ownerAgencyId}|${b.jurisdictionId}`));

async function expectCountsEqualScan(label: string) {
  const units = [province.provinceId, province.communeId, secondCommune];
  // Around midnight in Vietnam (17:00 UTC), on the hour, and a window ending on a boundary day.
  const midnight = Date.parse(`${vietnamDate(new Date(base))}T00:00:00+07:00`) + DAY;
  for (const now of [base, midnight - 1, midnight, midnight + 1, base + 2 * DAY + 3 * HOUR])
    for (const withinDays of [0, 1, 3, 7])
      for (const filter of [{ units }, { units, hiddenProcedures: ['TRAFFICKING_VICTIM'] }, { units, ownerAgencyIds: [province.agency.communePolice] }]) {
        const kept = await api.db.$queryRaw<CountRow[]>(bucketCountsSql(filter, new Date(now), withinDays));
        const scanned = await api.db.$queryRaw<CountRow[]>(scannedCountsSql(filter, new Date(now), withinDays));
        expect({ label, now: new Date(now).toISOString(), withinDays, filter, counts: sorted(kept) }).toEqual({
          label,
          now: new Date(now).toISOString(),
          withinDays,
          filter,
          counts: sorted(scanned),
        });
      }
}

it('counts as a scan of the steps would, through every change of a step and at every boundary of the day', async () => {
  const random = pureRand.xoroshiro128plus(20261201);
  const pick = (n: number) => pureRand.unsafeUniformIntDistribution(0, n - 1, random);
  const owners = [province.agency.communePolice, province.agency.communeCommittee];
  const statuses: StepStatus[] = ['OPEN', 'OPEN', 'OPEN', 'SUSPENDED', 'COMPLETED'];
  const procedures = ['COMPULSORY_REHAB_ADULT', 'TRAFFICKING_VICTIM'];
  // Due instants from 5 days back to 10 days ahead, some on the hour around midnight in Vietnam.
  const instant = () => (pick(4) === 0 ? Date.parse(`${vietnamDate(new Date(base + (pick(12) - 4) * DAY))}T00:00:00+07:00`) + (pick(3) - 1) : base + (pick(15 * 24) - 5 * 24) * HOUR + pick(3600) * 1000);
  const ids: string[] = [];
  for (let n = 0; n < 400; n += 1) {
    const id = `s${n}`;
    ids.push(id);
    await addStep(api.db, id, {
      due: instant(),
      statutory: pick(3) === 0 ? null : instant(),
      status: statuses[pick(statuses.length)] as StepStatus,
      commune: pick(2) === 0 ? province.communeId : secondCommune,
      owner: owners[pick(2)] as string,
      procedure: procedures[pick(2)] as string,
    });
  }
  await expectCountsEqualScan('opened');

  const where = (id: string) => ({ id: `board:${province.provinceId}:${id}` });
  for (const id of ids.slice(0, 60)) await api.db.step.update({ where: where(id), data: { status: 'COMPLETED' } });
  for (const id of ids.slice(60, 100)) await api.db.step.update({ where: where(id), data: { status: 'SUSPENDED' } });
  for (const id of ids.slice(100, 140)) await api.db.step.update({ where: where(id), data: { status: 'OPEN' } });
  for (const id of ids.slice(140, 180)) await api.db.step.update({ where: where(id), data: { dueAt: new Date(instant()) } });
  for (const id of ids.slice(180, 220)) await api.db.step.update({ where: where(id), data: { ownerAgencyId: owners[pick(2)], jurisdictionId: secondCommune } });
  for (const id of ids.slice(220, 240)) await api.db.step.update({ where: where(id), data: { statutoryDueAt: null } });
  for (const id of ids.slice(240, 250)) await api.db.step.delete({ where: where(id) });
  // A change that leaves every counted column as it was.
  for (const id of ids.slice(250, 270)) await api.db.step.update({ where: where(id), data: { titleEn: 'Renamed' } });
  await expectCountsEqualScan('changed');

  // And the counts the board shows are not all zero: the province has work in every column.
  const totals = await api.db.$queryRaw<CountRow[]>(bucketCountsSql({ units: [province.communeId, secondCommune] }, new Date(base), 3));
  for (const bucket of ['onTime', 'dueSoon', 'late', 'pastStatutoryLimit', 'suspended'] as const)
    expect(totals.reduce((sum, row) => sum + row[bucket], 0)).toBeGreaterThan(0);
});
