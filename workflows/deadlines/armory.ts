import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { RecordedNotification } from '../../activities/deadlines/notification.activities';
import type { FirePoint } from '../../domain/deadlines/deadline-types';
import { clockTaskQueue } from './contract';

type Activities = ReturnType<typeof createActivities>;

/** A notification a step's clock arms ahead of its instant, under the plan revision it was armed with. */
export interface ArmedNotification {
  stepId: string;
  revision: number;
  firePoint: FirePoint;
}

/** What was written for it at its instant; undefined when the step no longer wanted it. */
export type ArmedResult = RecordedNotification | undefined;

/**
 * Sends armed notifications to the clock task queue, where an activity waits for their instant
 * and writes them (`recordWhenDue`). Every notification of one instant handed to it together goes
 * in one activity.
 */
export function recordWhenDue(due: ArmedNotification[]): Promise<ArmedResult[]> {
  const at = Math.max(...due.map((item) => Date.parse(item.firePoint.at)));
  const { recordWhenDue: record } = proxyActivities<Activities>({
    taskQueue: clockTaskQueue(workflowInfo().taskQueue),
    // It waits for its instant, heartbeating: a worker lost meanwhile is noticed within 20 s.
    startToCloseTimeout: Math.max(0, at - Date.now()) + 60_000,
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '10 seconds' },
  });
  return record({ due });
}

/** How a clock arms one notification: alone (a case's step), or gathered with its workflow's others. */
export type Arm = (notification: ArmedNotification) => Promise<ArmedResult>;

export const armAlone: Arm = async (notification) => (await recordWhenDue([notification]))[0];

/** How long an armory gathers the notifications of one instant before arming them together. */
const GATHER_MS = 1_000;

/**
 * For a workflow that keeps many steps' clocks (a batch of report tasks): the notifications its
 * clocks arm for the same instant, within a second of the first, go in one activity. A national
 * cycle's reminders of one morning are then 34 activities, not 3,321, each writing a hundred. A
 * durable timer gathers them, so a replay groups them the same way; one armed too close to its
 * instant to wait goes alone.
 */
export class Armory {
  private readonly gathering = new Map<string, { due: ArmedNotification[]; written: Promise<ArmedResult[]> }>();

  readonly arm: Arm = async (notification) => {
    const at = notification.firePoint.at;
    const wait = Math.min(GATHER_MS, Date.parse(at) - Date.now() - GATHER_MS);
    if (wait <= 0 && !this.gathering.has(at)) return armAlone(notification);
    let group = this.gathering.get(at);
    if (!group) {
      const due: ArmedNotification[] = [];
      const written = sleep(wait).then(() => {
        this.gathering.delete(at);
        return recordWhenDue(due);
      });
      group = { due, written };
      this.gathering.set(at, group);
    }
    const index = group.due.push(notification) - 1;
    return (await group.written)[index];
  };
}
