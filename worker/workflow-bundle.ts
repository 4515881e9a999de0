import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { distDir, projectRoot, runningCompiled } from '../infra/paths';
import { FAILURE_CONVERTER_PATH } from '../temporal/payload-encryption';

/** Written by `npm run build` (scripts/bundle-workflows.ts) beside the compiled runtime. */
export const PREBUILT_WORKFLOW_BUNDLE = path.join(distDir, 'workflow-bundle.js');

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Every workflow of workflows/index.ts in one webpack bundle, with the failure converter that hides messages. */
export function bundleWorkflows(options: { quiet?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: path.join(projectRoot, 'workflows'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
    ...(options.quiet ? { logger: quiet } : {}),
  });
}

/**
 * The compiled worker loads the bundle built with it instead of running webpack at start-up:
 * webpack and its loaders would otherwise stay in the worker's memory for its whole life.
 */
export function prebuiltWorkflowBundle(): { codePath: string } | undefined {
  if (!runningCompiled) return undefined;
  if (!fs.existsSync(PREBUILT_WORKFLOW_BUNDLE)) throw new Error(`${PREBUILT_WORKFLOW_BUNDLE} is missing: run npm run build`);
  return { codePath: PREBUILT_WORKFLOW_BUNDLE };
}
