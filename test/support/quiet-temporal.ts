import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers in tests log warnings and errors only; call before the first NativeConnection. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier test file: keep that one.
  }
}
