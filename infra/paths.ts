import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..');
/** Embedded-mode state (database cluster, Temporal's SQLite file); git-ignored, survives restarts. */
export const dataDir = path.join(projectRoot, '.data');
/** Tools the project builds for itself (the Temporal CLI); git-ignored. */
export const toolsBinDir = path.join(projectRoot, '.tools', 'bin');
