import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ApiRoutes } from '../http/routes';

const CHECK_TIMEOUT_MS = 2_000;

const dependency = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number(),
  error: z.string().optional(),
});

const healthResponse = z
  .object({ status: z.enum(['ok', 'degraded']), checks: z.object({ database: dependency, temporal: dependency }) })
  .meta({ id: 'Health' });

type Dependency = z.infer<typeof dependency>;

async function probe(check: () => Promise<unknown>): Promise<Dependency> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // Only the class of failure: a connection string in an error message must not leak.
    const reason = error instanceof Error && error.message.startsWith('no answer') ? error.message : 'unreachable';
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: reason };
  } finally {
    clearTimeout(timer);
  }
}

export function registerHealthRoutes(routes: ApiRoutes, db: Db, temporal: Client): void {
  routes.add({
    method: 'get',
    path: '/health',
    tag: 'System',
    summary: 'Reachability of PostgreSQL and Temporal (for load balancers and operators)',
    access: { public: true },
    responses: {
      200: { description: 'Both dependencies reachable', schema: healthResponse },
      503: { description: 'A dependency is down', schema: healthResponse },
    },
    handler: async () => {
      const [database, temporalCheck] = await Promise.all([
        probe(() => db.$queryRaw`SELECT 1`),
        probe(() =>
          temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
            temporal.connection.workflowService.getSystemInfo({}),
          ),
        ),
      ]);
      const ok = database.status === 'up' && temporalCheck.status === 'up';
      return {
        status: ok ? 200 : 503,
        body: { status: ok ? 'ok' : 'degraded', checks: { database, temporal: temporalCheck } },
        headers: { 'Cache-Control': 'no-store' },
      };
    },
  });
}
