import { z } from 'zod';

/** "true"/"false" explicitly: z.coerce.boolean() would read "false" as true. */
const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

const DEV_ONLY_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';
/** Encrypts workflow payloads in the embedded mode only; production must bring its own key. */
const DEV_ONLY_PAYLOAD_KEY = 'dev-only:ZGV2LW9ubHktcGF5bG9hZC1rZXktMzItYnl0ZXMtISE=';
const payloadKey = z
  .string()
  .regex(/^[A-Za-z0-9._-]+:[A-Za-z0-9+/]{43}=$/, 'must be "key-id:" followed by 32 bytes in base64');

/** The payload keys alone: what a backup and a restore need, without the rest of the configuration. */
const payloadKeysSchema = z.object({
  /** "key-id:base64" (32 bytes): encrypts Temporal payloads, which may hold personal data. */
  PAYLOAD_ENCRYPTION_KEY: payloadKey.default(DEV_ONLY_PAYLOAD_KEY),
  /** Earlier keys, comma-separated, still used to decrypt what they encrypted after a rotation. */
  PAYLOAD_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((text) => (text ? text.split(',').map((part) => part.trim()) : []))
    .pipe(z.array(payloadKey)),
});

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z.string().url(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('coordination'),
    /** mTLS to a self-hosted cluster or Temporal Cloud: the client certificate and key (PEM files), both or neither. */
    TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
    /** The CA of the cluster's certificate, when it is not publicly trusted. */
    TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
    /** The name in the server's certificate, when it differs from TEMPORAL_ADDRESS's host. */
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /** Temporal Cloud with an API key (TLS with the system's CAs). */
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /** Running cases the worker keeps in memory between their tasks (a case not kept is replayed from its history). 0: the SDK's default from the heap size. */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(0),
    JWT_SECRET: z.string().min(32).default(DEV_ONLY_JWT_SECRET),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(8 * 3600),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    TRUST_PROXY: booleanFlag.default(false),
    /** Optional bearer token for GET /metrics; without it the endpoint is open (keep it on an internal network). */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** SMTP server for e-mail notifications (smtp://user:pass@host:port); without it only the inbox and webhooks are used. */
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default('He thong dieu phoi <no-reply@coordination.invalid>'),
    /** Host part of notification Message-IDs, so receivers can de-duplicate a resent e-mail. */
    MESSAGE_ID_DOMAIN: z.string().min(1).default('coordination.invalid'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** How long the worker trusts its copy of the calendar overrides before reading them again. */
    CALENDAR_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /** How often the worker closes the tasks of reports submitted while Temporal was unreachable; 0 turns it off. */
    REPORT_TASK_SWEEP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    ...payloadKeysSchema.shape,
    /** The Temporal Web UI's origins, comma-separated: the only ones allowed to call /codec/decode from a browser. */
    TEMPORAL_UI_ORIGIN: z
      .string()
      .default('http://localhost:8233,http://127.0.0.1:8233')
      .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin: scheme://host[:port], no path'))),
    /** Where uploaded case documents are stored (outside Temporal and the database). */
    DOCUMENT_STORE_DIR: z.string().min(1).default('.data/documents'),
    DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  })
  .refine((c) => Boolean(c.TEMPORAL_TLS_CERT_FILE) === Boolean(c.TEMPORAL_TLS_KEY_FILE), {
    path: ['TEMPORAL_TLS_KEY_FILE'],
    message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together',
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.JWT_SECRET !== DEV_ONLY_JWT_SECRET, {
    path: ['JWT_SECRET'],
    message: 'JWT_SECRET must be set in production',
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.PAYLOAD_ENCRYPTION_KEY !== DEV_ONLY_PAYLOAD_KEY, {
    path: ['PAYLOAD_ENCRYPTION_KEY'],
    message: 'PAYLOAD_ENCRYPTION_KEY must be set in production',
  });

export type AppConfig = z.infer<typeof configSchema>;

/** Parsed once at start-up; a bad variable stops the process with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return parseEnvironment(configSchema, env);
}

function parseEnvironment<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** The payload keys from the environment (a backup records their ids, a restore checks them). */
export function loadPayloadKeys(env: NodeJS.ProcessEnv = process.env): z.infer<typeof payloadKeysSchema> {
  return parseEnvironment(payloadKeysSchema, env);
}
