import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { findFreePort } from '../../infra/ports';
import { LocalPostgres } from '../../infra/postgres-cluster';
import { TemporalDevServer } from '../../infra/temporal-dev-server';
import { testTmpRoot } from '../support/test-env';

/** What `npm start` relies on: stopping and starting its servers keeps their data. */
it('keeps workflow history in Temporal’s SQLite file across a restart', async () => {
  const dbFile = path.join(testTmpRoot(), `temporal-${Date.now()}.db`);
  const settings = { port: await findFreePort(), dbFile, logFile: path.join(testTmpRoot(), 'temporal-restart.log') };
  const workflowId = `persisted-${Date.now()}`;

  const first = new TemporalDevServer(settings);
  await first.start();
  try {
    const connection = await Connection.connect({ address: first.address });
    // No worker polls this queue: the workflow stays open, its start event is the history we check.
    await new Client({ connection }).workflow.start('systemPingWorkflow', { workflowId, taskQueue: 'nobody-polls', args: [] });
    await connection.close();
  } finally {
    await first.stop();
  }

  const second = new TemporalDevServer(settings);
  await second.start();
  try {
    const connection = await Connection.connect({ address: second.address });
    const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('systemPingWorkflow');
    await connection.close();
  } finally {
    await second.stop();
  }
}, 120_000);

it('keeps rows in the project-local PostgreSQL cluster across a restart', async () => {
  const options = { dataDir: path.join(testTmpRoot(), `pg-restart-${Date.now()}`), port: await findFreePort() };
  const query = async (cluster: LocalPostgres, sql: string) => {
    const client = new PgClient({ connectionString: cluster.url });
    await client.connect();
    try {
      return (await client.query<{ note: string }>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const first = new LocalPostgres(options);
  await first.start();
  await query(first, "CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('vẫn còn')");
  await first.stop();

  const second = new LocalPostgres(options);
  await second.start();
  try {
    expect(await query(second, 'SELECT note FROM kept')).toEqual([{ note: 'vẫn còn' }]);
  } finally {
    await second.stop();
  }
}, 120_000);
