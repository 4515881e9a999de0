import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The ceiling for the case benchmark: a workflow that does nothing but accept one update. */
export const noopUpdate = defineUpdate<string, [string]>('noop.act');

export async function benchNoopWorkflow(): Promise<void> {
  let acted = false;
  setHandler(noopUpdate, (value) => {
    acted = true;
    return value;
  });
  await condition(() => acted);
}
