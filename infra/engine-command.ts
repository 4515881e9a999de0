import path from 'node:path';
import { distDir, projectRoot } from './paths';

/**
 * Flags for our compiled processes (ENGINE_NODE_FLAGS replaces them). A young generation of 2 MB
 * semi-spaces instead of 16 (V8 keeps three of them resident; short-lived request garbage is
 * collected a little more often). WebAssembly kept in V8's baseline code (`--liftoff-only`): the
 * only WebAssembly here is Prisma's query compiler, whose hot functions V8 otherwise compiles a
 * second time with its optimising compiler and keeps both, about 60 MB more per process; its
 * queries were ~10% slower in a loop of 4,000 and the case benchmark did not notice (3.56 against
 * 3.55 cases/s). NODE_OPTIONS still applies on top.
 */
export const engineNodeFlags = (): string[] =>
  (process.env.ENGINE_NODE_FLAGS ?? '--max-semi-space-size=2 --liftoff-only').split(' ').filter(Boolean);

/**
 * How a process of ours (the worker, the API, a one-off step) is run: compiled JavaScript under
 * plain node (`npm start`, after `npm run build`), or the TypeScript sources under tsx.
 */
export function engineCommand(entry: string, compiled: boolean): [string, string[]] {
  return compiled
    ? [process.execPath, [...engineNodeFlags(), path.join(distDir, entry.replace(/\.ts$/, '.js'))]]
    : [path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [entry]];
}
