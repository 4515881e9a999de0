import fs from 'node:fs';
import path from 'node:path';

/** The clone's root: the nearest folder above this file with a package.json (from the sources and from dist/ alike). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(__dirname);
/** Embedded-mode state (database cluster, Temporal's SQLite file); git-ignored, survives restarts. DATA_DIR moves it. */
export const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(projectRoot, '.data');
/** Tools the project builds for itself (the Temporal CLI); git-ignored. */
export const toolsBinDir = path.join(projectRoot, '.tools', 'bin');
/** `npm run build` writes the compiled runtime here (scripts/build.sh). */
export const distDir = path.join(projectRoot, 'dist');
/** True when this process runs the compiled JavaScript rather than the TypeScript sources. */
export const runningCompiled = __filename.endsWith('.js');
