import type { Db } from '../db/client';
import { createSystemPingActivities } from './system-ping.activities';

export interface ActivityDependencies {
  db: Db;
}

/** All activities, built from their dependencies (the worker wires real ones, tests may too). */
export function createActivities({ db }: ActivityDependencies) {
  return {
    ...createSystemPingActivities(db),
  };
}
