import { z } from 'zod';

const DEV_JWT_SECRET = 'pingyi-dev-jwt-secret-change-me-in-production';
const DEV_INTERNAL_SECRET = 'pingyi-dev-internal-secret-change-me-in-production';
const DEV_ID_PEPPER = 'pingyi-dev-id-number-pepper';

/** An empty value counts as unset (the launcher passes SMTP_URL='' when there is none). */
const unsetIfEmpty = (s: unknown) => (s === '' ? undefined : s);
const hour = (fallback: number) => z.coerce.number().int().min(0).max(23).default(fallback);

/** Reaching people outside the platform: e-mail (SMTP), SMS (Aliyun), digest and quiet hours. README: Reaching people. */
const NotifyEnv = {
  /** smtp:// or smtps:// with optional user:password@; unset: no e-mail (the inbox only). */
  SMTP_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .url()
      .refine((u) => /^smtps?:\/\//.test(u), 'SMTP_URL 须以 smtp:// 或 smtps:// 开头')
      .optional(),
  ),
  MAIL_FROM: z.string().min(3).default('评议平台 <noreply@pingyi.local>'),
  /** off: no SMS; aliyun: Aliyun SMS (dysmsapi SendSms, signature method HMAC-SHA1). */
  SMS_PROVIDER: z.enum(['off', 'aliyun']).default('off'),
  SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com/'),
  SMS_ACCESS_KEY_ID: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  SMS_ACCESS_KEY_SECRET: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  SMS_SIGN_NAME: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  SMS_TEMPLATE_CODE: z.preprocess(unsetIfEmpty, z.string().min(1).optional()),
  /** No SMS from SMS_QUIET_FROM to SMS_QUIET_UNTIL (Beijing hours); held until SMS_QUIET_UNTIL. */
  SMS_QUIET_FROM: hour(22),
  SMS_QUIET_UNTIL: hour(8),
  /** A person's messages on one channel beyond this many in a Beijing day are held for one digest. */
  NOTIFY_DIGEST_AFTER: z.coerce.number().int().min(1).default(3),
  /** The Beijing hour the held messages go out as one digest. */
  NOTIFY_DIGEST_HOUR: hour(18),
  /** How often the delivery schedule sends what is due (held, digests, retries). */
  NOTIFY_DISPATCH_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Attempts per message and channel before it is given up (status failed). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
};

/**
 * Every environment variable the platform reads. README.md documents the same table;
 * docker-compose.yml sets the same names.
 */
export const EnvSchema = z.object({
  /** Unset means production: the development secrets are accepted only when development or test is said explicitly. */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
  DATABASE_URL: z.string().url().default('postgres://postgres:postgres@127.0.0.1:54329/pingyi'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  KAFKA_CLIENT_ID: z.string().default('pingyi'),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).default(3),
  LISTEN_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  ORG_PORT: z.coerce.number().int().min(1).max(65535).default(4101),
  COMMITMENT_PORT: z.coerce.number().int().min(1).max(65535).default(4102),
  INSIGHT_PORT: z.coerce.number().int().min(1).max(65535).default(4103),
  ORG_URL: z.string().url().optional(),
  COMMITMENT_URL: z.string().url().optional(),
  INSIGHT_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().default('pingyi'),
  JWKS_URL: z.string().url().optional(),
  INTERNAL_IDENTITY_SECRET: z.string().min(16).default(DEV_INTERNAL_SECRET),
  /** Key of the HMAC that identifies members by resident ID number without storing it. */
  ID_NUMBER_PEPPER: z.string().min(16).default(DEV_ID_PEPPER),
  /** Longest an access token may live: now - iat and exp - iat may not exceed it. */
  TOKEN_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /**
   * Addresses of reverse proxies whose `X-Forwarded-For` the gateway believes (comma-separated); empty: none, the
   * socket's address is the client's.
   */
  TRUSTED_PROXY: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  /** Requests per minute one client may send on the anonymous channel. */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Gateway → subgraph request deadline. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Largest evidence file (践诺进展、整改办结佐证) accepted through `POST /files`, in bytes (default 20 MiB). */
  EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  /**
   * Memory of a worker process, MiB: sizes its workflow caches and caps its workflow threads' heaps (see
   * planWorkerMemory in @pingyi/nest); the process stays below it.
   */
  WORKER_MEMORY_BUDGET_MIB: z.coerce.number().int().min(512).default(896),
  /** Workflows a worker process keeps in memory, shared by its Workers; unset: from WORKER_MEMORY_BUDGET_MIB. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** A worker logs its memory (RSS, main heap, cached workflows per queue) every so many ms; unset: never. */
  WORKER_MEMORY_LOG_MS: z.coerce.number().int().min(100).optional(),
  /** Port of a worker's own endpoint (`/health/live` for Kubernetes probes, `/metrics`); unset: none. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Port of the Temporal SDK's own Prometheus metrics in a worker (task slots, polls, latencies); unset: none. */
  TEMPORAL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Days an export's file is kept after it is written (then deleted; a download answers 410). */
  EXPORT_RETENTION_DAYS: z.coerce.number().min(0.0001).default(7),
  /** Minutes between runs of the schedule that deletes expired export files. */
  EXPORT_CLEANUP_MINUTES: z.coerce.number().int().min(1).default(60),
  /** Size of a stored export chunk (a `bytea` row), in KiB. */
  EXPORT_CHUNK_KB: z.coerce.number().int().min(4).max(16_384).default(512),
  /** Pause after each exported row or form, in ms (a throttle for a busy database; tests use it to cut an export). */
  EXPORT_PACE_MS: z.coerce.number().int().min(0).default(0),
  ...NotifyEnv,
  /**
   * Who records a missed person's stage deadline: `sweep` (the campaign's deadline sweep, in bulk; commitments keep no
   * timer) or `per-workflow` (each commitment's own timer, the design before issue 16; kept for `bench:storm`).
   */
  DEADLINE_TIMERS: z.enum(['sweep', 'per-workflow']).default('sweep'),
});

export type AppConfig = z.infer<typeof EnvSchema> & {
  subgraphUrls: { org: string; commitment: string; insight: string };
};

export class ConfigError extends Error {}

let warned = false;

/** Names of the secrets still at their published development values (JWT_SECRET counts only without JWKS_URL). */
export function developmentSecretsInUse(c: z.infer<typeof EnvSchema>): string[] {
  return [
    ...(c.JWT_SECRET === DEV_JWT_SECRET && !c.JWKS_URL ? ['JWT_SECRET'] : []),
    ...(c.INTERNAL_IDENTITY_SECRET === DEV_INTERNAL_SECRET ? ['INTERNAL_IDENTITY_SECRET'] : []),
    ...(c.ID_NUMBER_PEPPER === DEV_ID_PEPPER ? ['ID_NUMBER_PEPPER'] : []),
  ];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.SMS_PROVIDER !== 'off') {
    const missing = (
      ['SMS_ACCESS_KEY_ID', 'SMS_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_CODE'] as const
    ).filter((k) => !c[k]);
    if (missing.length > 0)
      throw new ConfigError(
        `SMS_PROVIDER=${c.SMS_PROVIDER} 需要设置 ${missing.join('、')} (SMS settings missing)`,
      );
  }
  const devSecrets = developmentSecretsInUse(c);
  if (devSecrets.length > 0 && c.NODE_ENV === 'production') {
    throw new ConfigError(
      `${devSecrets.join('、')} 仍是公开的开发密钥：生产环境必须设置真实值；仅在明确设置 NODE_ENV=development 或 test 时可用开发密钥` +
        ` (${devSecrets.join(', ')}: published development secrets; set real values, or NODE_ENV=development|test explicitly)`,
    );
  }
  if (devSecrets.length > 0 && !warned) {
    warned = true;
    console.warn(
      `[config] 警告：正在使用公开的开发密钥 ${devSecrets.join('、')}，仅限开发与测试 (WARNING: development secrets in use, NODE_ENV=${c.NODE_ENV})`,
    );
  }
  return {
    ...c,
    subgraphUrls: {
      org: c.ORG_URL ?? `http://127.0.0.1:${c.ORG_PORT}/graphql`,
      commitment: c.COMMITMENT_URL ?? `http://127.0.0.1:${c.COMMITMENT_PORT}/graphql`,
      insight: c.INSIGHT_URL ?? `http://127.0.0.1:${c.INSIGHT_PORT}/graphql`,
    },
  };
}

/** Database schema owned by each service. */
export const ServiceSchema = {
  org: 'org',
  commitment: 'commitment',
  insight: 'insight',
} as const;
