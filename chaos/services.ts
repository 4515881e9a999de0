import type { LocalPostgres } from '../infra/postgres-cluster';
import type { TemporalDevServer } from '../infra/temporal-dev-server';

/** What the chaos driver kills: each can be started (and waited for) and SIGKILLed. */
export type ServiceKind = 'worker' | 'api' | 'temporal' | 'postgres';

export interface Service {
  readonly kind: ServiceKind;
  start(): Promise<void>;
  /** SIGKILL, then wait for the process to be gone. */
  crash(): Promise<void>;
  /** Exits nobody asked for (a process that gave up on its own), each restarted by the supervisor. */
  readonly unexpectedExits: number;
  stop(): Promise<void>;
}

export const postgresService = (postgres: LocalPostgres): Service => ({
  kind: 'postgres',
  unexpectedExits: 0,
  start: () => postgres.start(),
  crash: () => postgres.crash(),
  stop: () => postgres.stop(),
});

export const temporalService = (temporal: TemporalDevServer): Service => ({
  kind: 'temporal',
  unexpectedExits: 0,
  start: () => temporal.start(),
  crash: () => temporal.crash(),
  stop: () => temporal.stop(),
});

export { apiReady, NodeService, workerReady } from '../infra/node-service';
