import fs from 'node:fs';
import { bundleWorkflows, PREBUILT_WORKFLOW_BUNDLE } from '../worker/workflow-bundle';

/** `npm run build`, second half: the workflows bundled once, for the compiled worker (worker/workflow-bundle.ts). */
async function main(): Promise<void> {
  const started = Date.now();
  const { code } = await bundleWorkflows({ quiet: true });
  fs.writeFileSync(PREBUILT_WORKFLOW_BUNDLE, code);
  process.stdout.write(`workflow bundle: ${PREBUILT_WORKFLOW_BUNDLE} (${Math.round(code.length / 1024)} kB, ${Date.now() - started} ms)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`could not bundle the workflows: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
