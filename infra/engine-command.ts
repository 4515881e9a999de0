import path from 'node:path';
import { distDir, projectRoot } from './paths';

/**
 * Flags for our compiled processes (ENGINE_NODE_FLAGS replaces them): a young generation of 2 MB
 * semi-spaces instead of 16 (V8 keeps three of them resident; short-lived request garbage is
 * collected a little more often). NODE_OPTIONS still applies on top.
 */
export const engineNodeFlags = (): string[] => (process.env.ENGINE_NODE_FLAGS ?? '--max-semi-space-size=2').split(' ').filter(Boolean);

/**
 * How a process of ours (the worker, the API, a one-off step) is run: compiled JavaScript under
 * plain node (`npm start`, after `npm run build`), or the TypeScript sources under tsx.
 */
export function engineCommand(entry: string, compiled: boolean): [string, string[]] {
  return compiled
    ? [process.execPath, [...engineNodeFlags(), path.join(distDir, entry.replace(/\.ts$/, '.js'))]]
    : [path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [entry]];
}
