import { createAcceptanceActivities } from './acceptance.activities';
import { createCaseloadImportActivities, type CaseStarter } from '../caseload-import/caseload-import.activities';
import type { CalendarSource } from '../db/calendar-source';
import type { Db } from '../db/client';
import { ReferenceData } from '../db/reference-data';
import { createAssessmentActivities } from './assessment/assessment.activities';
import { createActWritesActivities } from './cases/act-writes.activities';
import { createCaseActivities } from './cases/case.activities';
import { createNotificationActivities, type NotificationChannels } from './deadlines/notification.activities';
import { createStepActivities } from './deadlines/step.activities';
import { createReportingActivities } from './reporting/reporting.activities';
import { createSystemPingActivities } from './system-ping.activities';

export interface ActivityDependencies {
  db: Db;
  calendars: CalendarSource;
  channels: NotificationChannels;
  /** Starts cases' workflows for the caseload import (absent in workers that never import). */
  caseStarter?: CaseStarter;
}

/** All activities, built from their dependencies (the worker wires real ones, tests may too). */
export function createActivities({ db, calendars, channels, caseStarter }: ActivityDependencies) {
  // One cache of the registry and the rule overrides for the activities that open steps.
  const reference = new ReferenceData(db);
  return {
    ...createAcceptanceActivities(),
    ...createSystemPingActivities(db),
    ...createStepActivities(db, calendars, reference),
    ...createNotificationActivities(db, channels),
    ...createCaseActivities(db, calendars, reference),
    ...createActWritesActivities(db, calendars, reference),
    ...createReportingActivities(db),
    ...createAssessmentActivities(db, reference),
    ...createCaseloadImportActivities(db, caseStarter),
  };
}
