import type { ScratchStack } from '../../infra/scratch-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__testStack as ScratchStack | undefined;
  await stack?.stop();
}
