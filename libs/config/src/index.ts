import { z } from 'zod';

const DEV_JWT_SECRET = 'pingyi-dev-jwt-secret-change-me-in-production';
const DEV_INTERNAL_SECRET = 'pingyi-dev-internal-secret-change-me-in-production';
const DEV_ID_PEPPER = 'pingyi-dev-id-number-pepper';

/**
 * Every environment variable the platform reads. README.md documents the same table;
 * docker-compose.yml sets the same names.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
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
  ORG_URL: z.string().url().optional(),
  COMMITMENT_URL: z.string().url().optional(),
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().default('pingyi'),
  JWKS_URL: z.string().url().optional(),
  INTERNAL_IDENTITY_SECRET: z.string().min(16).default(DEV_INTERNAL_SECRET),
  /** Key of the HMAC that identifies members by resident ID number without storing it. */
  ID_NUMBER_PEPPER: z.string().min(16).default(DEV_ID_PEPPER),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(200),
  /** Workflows a worker keeps in memory; idle ones (most commitments, most of the year) are replayed when woken. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type AppConfig = z.infer<typeof EnvSchema> & {
  subgraphUrls: { org: string; commitment: string };
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && c.JWT_SECRET === DEV_JWT_SECRET && !c.JWKS_URL) {
    throw new ConfigError(
      '生产环境必须设置 JWKS_URL 或 JWT_SECRET (production needs JWKS_URL or a real JWT_SECRET)',
    );
  }
  if (c.NODE_ENV === 'production' && c.ID_NUMBER_PEPPER === DEV_ID_PEPPER) {
    throw new ConfigError('生产环境必须设置 ID_NUMBER_PEPPER');
  }
  if (c.NODE_ENV === 'production' && c.INTERNAL_IDENTITY_SECRET === DEV_INTERNAL_SECRET) {
    throw new ConfigError('生产环境必须设置 INTERNAL_IDENTITY_SECRET');
  }
  return {
    ...c,
    subgraphUrls: {
      org: c.ORG_URL ?? `http://127.0.0.1:${c.ORG_PORT}/graphql`,
      commitment: c.COMMITMENT_URL ?? `http://127.0.0.1:${c.COMMITMENT_PORT}/graphql`,
    },
  };
}

/** Database schema owned by each service. */
export const ServiceSchema = {
  org: 'org',
  commitment: 'commitment',
} as const;
