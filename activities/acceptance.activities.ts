/**
 * Does nothing, on purpose: a workflow schedules it first thing in an Update's handler, which ends
 * the workflow task that accepted the Update, so the acceptance is on record before any write
 * (workflows/support/acceptance.ts). An ordinary activity, not a timer: Temporal rounds timers up
 * to whole seconds, which added a second to every action.
 */
export function createAcceptanceActivities() {
  return {
    async acceptanceRecorded(): Promise<void> {
      // the point is the round trip, not the work
    },
  };
}
