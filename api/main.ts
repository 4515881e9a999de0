import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createDb } from '../db/client';
import { createEmailSender } from '../notifications';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { dataConverterFor } from '../temporal/payload-encryption';
import { createApp } from './app';
import { createLogger } from './observability/logger';

/** The API process: serves until SIGINT/SIGTERM, then stops taking requests and closes its pools. */
async function main(): Promise<void> {
  process.env.SCARF_ANALYTICS = 'false';
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const db = createDb(config.DATABASE_URL, { maxConnections: config.DATABASE_POOL_SIZE });
  // Lazy: the API starts (and /health says why) even while Temporal is still coming up.
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(config),
  });
  // The same mail server as the worker's notifications, for an administrator's test e-mail.
  const emailSender = config.SMTP_URL ? createEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }) : undefined;
  const app = createApp(
    {
      jwtSecret: config.JWT_SECRET,
      jwtTtlSeconds: config.JWT_TTL_SECONDS,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      loginRateLimitPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE,
      trustProxy: config.TRUST_PROXY,
      metricsToken: config.METRICS_TOKEN,
      documentStoreDir: config.DOCUMENT_STORE_DIR,
      documentMaxBytes: config.DOCUMENT_MAX_BYTES,
      temporalUiOrigins: config.TEMPORAL_UI_ORIGIN,
      webhookTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
    },
    { db, temporal, logger, ...(emailSender ? { emailSender } : {}) },
  );
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'API listening');
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'API stopping');
    server.close(() => {
      void Promise.allSettled([connection.close(), db.$disconnect(), emailSender?.close()]).then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  createLogger('error', 'api').fatal({ err: error }, 'API failed to start');
  process.exit(1);
});
