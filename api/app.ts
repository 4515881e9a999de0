import { registerCaseloadImportRoutes } from '../caseload-import/caseload-import.routes';
import { registerAdminRegistryRoutes } from './admin/admin-registry.routes';
import { registerAdminUserRoutes } from './admin/admin-users.routes';
import { registerDeputationRoutes } from './admin/deputations.routes';
import { registerAdminUserImportRoutes } from './admin/admin-user-import.routes';
import { registerWebhookRoutes } from './admin/webhooks.routes';
import { registerNationalRoutes } from './admin/national.routes';
import { urlForLog } from './observability/url-for-log';
import { registerAgencyEmailRoutes } from './admin/agency-email.routes';
import type { EmailSender } from '../notifications';
import { registerAssessmentRoutes } from './assessment/assessment.routes';
import { registerInspectionRoutes } from './inspection/inspection.routes';
import { randomUUID } from 'node:crypto';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { CalendarSource } from '../db/calendar-source';
import type { Db } from '../db/client';
import { ruleBook } from '../rules/rule-book';
import { registerAccountRoutes } from './auth/account.routes';
import { registerLoginRoutes } from './auth/login.routes';
import { DEFAULT_LOGIN_DELAY, LoginThrottle } from './auth/login-throttle';
import { DocumentStore } from './cases/case-documents';
import { codecCors, registerCodecRoutes } from './codec/codec.routes';
import { registerCaseRoutes } from './cases/cases.routes';
import { registerProcedureRoutes } from './procedures/procedures.routes';
import { registerCalendarRoutes } from './calendar/calendar.routes';
import { registerDeadlineViewRoutes } from './deadlines/deadline-view.routes';
import { registerLiveBoardRoutes } from './deadlines/live-board.routes';
import { registerPerformanceRoutes } from './performance/performance.routes';
import { registerInboxRoutes } from './inbox/inbox.routes';
import { registerReportCycleRoutes } from './reporting/cycles.routes';
import { registerReportRoutes } from './reporting/reports.routes';
import { registerRuleRoutes } from './rules/rules.routes';
import { TokenService } from './auth/tokens';
import { errorHandler, routeNotFound } from './http/error-handler';
import { buildOpenApiDocument } from './http/openapi-document';
import { problems } from './http/problem';
import { ApiRoutes } from './http/routes';
import { ApiMetrics } from './observability/metrics';
import { JurisdictionDirectory } from './registry/jurisdiction-directory';
import { registerRegistryRoutes } from './registry/registry.routes';
import { registerHealthRoutes } from './system/health.routes';
import { registerPingRoutes } from './system/ping.routes';
import { serveWebApp } from './web/web-app';
import { accountState } from './auth/principal-lookup';

export interface AppSettings {
  jwtSecret: string;
  jwtTtlSeconds: number;
  taskQueue: string;
  loginRateLimitPerMinute: number;
  /** The per-username delay after failed logins: the first wait (1 s, doubling) and the longest (60 s). */
  loginDelayBaseMs?: number | undefined;
  loginDelayMaxMs?: number | undefined;
  trustProxy: boolean;
  /** When set, GET /metrics needs "Authorization: Bearer <this>"; otherwise it is open (internal network). */
  metricsToken?: string | undefined;
  /** Where case documents are stored, and the largest accepted. */
  documentStoreDir: string;
  documentMaxBytes: number;
  /** The Temporal Web UI's origins, the only ones /codec answers cross-origin (default: localhost and 127.0.0.1 on 8233). */
  temporalUiOrigins?: readonly string[] | undefined;
  /** How long an administrator's webhook test message waits for the receiver (WEBHOOK_TIMEOUT_MS). */
  webhookTimeoutMs?: number | undefined;
}

export interface AppDependencies {
  db: Db;
  temporal: Client;
  logger: Logger;
  /** The mail server the notifications use, for an administrator's test e-mail; absent when SMTP_URL is not set. */
  emailSender?: EmailSender;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;


export function createApp(settings: AppSettings, { db, temporal, logger, emailSender }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', settings.trustProxy);

  const metrics = new ApiMetrics();
  app.use(metrics.middleware());
  app.use(
    pinoHttp({
      logger,
      // A caller's X-Request-Id is kept when it is a plain token, so logs can be followed across systems.
      genReqId: (req, res) => {
        const offered = req.headers['x-request-id'];
        const id = typeof offered === 'string' && REQUEST_ID.test(offered) ? offered : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: urlForLog(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        // Scripts only from this origin, never inline or eval'd. Styles may be inline: the docs page
        // (swagger-ui) and the component library set style attributes and CSS variables at run time.
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  app.use('/codec', codecCors(settings.temporalUiOrigins));
  app.use(express.json({ limit: '1mb' }));

  // Every authenticated request reads the account's token version and state (one primary-key lookup, no cache),
  // so logout, a password change, a reset or a deactivation takes effect at once; so do the
  // deputations in force today (a deputy holds the absent colleague's role between two dates).
  const tokens = new TokenService(settings.jwtSecret, settings.jwtTtlSeconds, (userId) => accountState(db, userId));
  const throttle = new LoginThrottle(
    db,
    {
      ...DEFAULT_LOGIN_DELAY,
      baseMs: settings.loginDelayBaseMs ?? DEFAULT_LOGIN_DELAY.baseMs,
      maxMs: settings.loginDelayMaxMs ?? DEFAULT_LOGIN_DELAY.maxMs,
    },
    settings.jwtSecret,
  );
  const directory = new JurisdictionDirectory(db);
  const openapi = new OpenAPIRegistry();
  openapi.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const routes = new ApiRoutes(openapi, tokens);

  app.use(
    ['/auth/login', '/auth/session'],
    rateLimit({
      windowMs: 60_000,
      limit: settings.loginRateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      skip: (req) => req.method !== 'POST',
      handler: (_req, _res, next) => next(problems.tooManyRequests()),
    }),
  );
  registerHealthRoutes(routes, db, temporal);
  registerLoginRoutes(routes, db, tokens, throttle);
  registerAccountRoutes(routes, { db, tokens, throttle, directory });
  registerRegistryRoutes(routes, db, directory);
  registerPingRoutes(routes, db, temporal, directory, { taskQueue: settings.taskQueue });
  registerCalendarRoutes(routes, db, new CalendarSource(db));
  registerRuleRoutes(routes, db, ruleBook, directory);
  registerDeadlineViewRoutes(routes, db, directory);
  registerLiveBoardRoutes(routes, db, directory);
  registerPerformanceRoutes(routes, db, directory);
  registerInboxRoutes(routes, db);
  registerProcedureRoutes(routes, ruleBook);
  registerCaseRoutes(
    routes,
    { db, temporal, directory, documents: new DocumentStore(settings.documentStoreDir, settings.documentMaxBytes) },
    { taskQueue: settings.taskQueue },
  );
  registerReportCycleRoutes(routes, { db, temporal, directory }, { taskQueue: settings.taskQueue });
  registerReportRoutes(routes, { db, temporal, directory, logger });
  registerCodecRoutes(routes, db, temporal);
  registerAssessmentRoutes(routes, db, directory);
  registerInspectionRoutes(routes, db, directory);
  registerAdminUserRoutes(routes, db, directory);
  registerAdminRegistryRoutes(routes, db, directory);
  registerDeputationRoutes(routes, db, directory);
  registerAdminUserImportRoutes(routes, db, directory);
  registerWebhookRoutes(routes, db, directory, { timeoutMs: settings.webhookTimeoutMs ?? 10_000 });
  registerNationalRoutes(routes, db, directory);
  registerAgencyEmailRoutes(routes, db, directory, emailSender);
  registerCaseloadImportRoutes(routes, { db, temporal, directory }, { taskQueue: settings.taskQueue });
  app.use(routes.router);

  const document = buildOpenApiDocument(openapi);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(undefined, { swaggerOptions: { url: '/openapi.json' } }));
  app.get('/metrics', async (req, res) => {
    if (settings.metricsToken && req.get('authorization') !== `Bearer ${settings.metricsToken}`) {
      throw problems.unauthenticated();
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  serveWebApp(app);

  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return app;
}
