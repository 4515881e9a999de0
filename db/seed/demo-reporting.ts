import type { Db } from '../client';

/**
 * The demo province's quarterly report (the local plans' rule: due on the 5th of the quarter's
 * last month, figures to the day before) and a year's targets shaped like the Kiên Giang plan's.
 * Created once: a coordinator's later changes are never overwritten by a restart.
 */
export async function seedDemoReporting(db: Db): Promise<void> {
  const cycleId = 'SX-QUARTERLY';
  if (!(await db.reportCycle.findUnique({ where: { id: cycleId } }))) {
    await db.reportCycle.create({
      data: {
        id: cycleId,
        provinceId: 'SX',
        periodKind: 'QUARTERLY',
        nameVi: 'Báo cáo quý công tác cai nghiện và quản lý sau cai nghiện',
        nameEn: 'Quarterly report on rehabilitation and post-rehabilitation management',
        ruleKey: 'REPORT.QUARTERLY',
        reporterLevel: 'COMMUNE',
        reporterIds: [],
        receiverAgencyId: 'SX-PC04',
        config: { window: { preset: 'LOCAL_PLAN' }, schedule: { kind: 'PERIOD_START' } },
      },
    });
  }
  const year = new Date().getFullYear();
  const source = 'Mẫu theo Kế hoạch 2019 của UBND tỉnh Kiên Giang';
  const targets = [
    { metric: 'dossiersWithoutStableResidence', target: 200 },
    { metric: 'admissions', target: 70 },
    { metric: 'vocationalClasses', target: 7 },
    { metric: 'vocationalTrainees', target: 210 },
    { metric: 'voluntaryAdmissionsToFacility', target: 80 },
  ];
  await db.reportTarget.createMany({
    data: targets.map((t) => ({ ...t, year, jurisdictionId: 'SX', source })),
    skipDuplicates: true,
  });
}
