import { ConfigError, loadConfig } from './index';

describe('loadConfig', () => {
  it('gives local defaults for development', () => {
    const c = loadConfig({ NODE_ENV: 'development' });
    expect(c.DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:54329/pingyi');
    expect(c.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(c.subgraphUrls.commitment).toBe('http://127.0.0.1:4102/graphql');
  });

  it('reads the variables and splits the broker list', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      KAFKA_BROKERS: 'a:1, b:2',
      COMMITMENT_PORT: '5000',
      TEMPORAL_ADDRESS: 't:7233',
    });
    expect(c.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(c.subgraphUrls.commitment).toBe('http://127.0.0.1:5000/graphql');
    expect(c.TEMPORAL_ADDRESS).toBe('t:7233');
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'x', DATABASE_URL: 'nope' })).toThrow(
      /GATEWAY_PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*GATEWAY_PORT/,
    );
  });

  it('refuses development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWKS_URL: 'https://idp.example/jwks',
        INTERNAL_IDENTITY_SECRET: 'z'.repeat(32),
      }),
    ).toThrow('ID_NUMBER_PEPPER');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWKS_URL: 'https://idp.example/jwks',
        INTERNAL_IDENTITY_SECRET: 'z'.repeat(32),
        ID_NUMBER_PEPPER: 'p'.repeat(32),
      }),
    ).not.toThrow();
  });

  const REAL = {
    JWT_SECRET: 'j'.repeat(32),
    INTERNAL_IDENTITY_SECRET: 'i'.repeat(32),
    ID_NUMBER_PEPPER: 'p'.repeat(32),
  };

  it('treats an unset NODE_ENV as production: the development secrets refuse to load (finding 9)', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/JWT_SECRET.*INTERNAL_IDENTITY_SECRET.*ID_NUMBER_PEPPER/);
    expect(() => loadConfig({ ...REAL, ID_NUMBER_PEPPER: undefined })).toThrow(
      /^ID_NUMBER_PEPPER 仍是公开的开发密钥/,
    );
    expect(loadConfig(REAL).NODE_ENV).toBe('production');
  });

  it('accepts the development secrets only with NODE_ENV development or test said explicitly, with one warning', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(loadConfig({ NODE_ENV: 'development' }).JWT_SECRET).toMatch(/^pingyi-dev/);
      expect(loadConfig({ NODE_ENV: 'test' }).NODE_ENV).toBe('test');
      expect(() => loadConfig({ NODE_ENV: '' })).toThrow(ConfigError);
      expect(loadConfig({ NODE_ENV: 'test', ...REAL }).JWT_SECRET).toBe(REAL.JWT_SECRET);
      const lines = warn.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => l.includes('开发密钥')).length).toBeLessThanOrEqual(1);
      expect(lines.join('\n')).not.toContain('pingyi-dev');
    } finally {
      warn.mockRestore();
    }
  });

  it('reads the gateway limits', () => {
    const c = loadConfig({
      NODE_ENV: 'test',
      TRUSTED_PROXY: '10.0.0.1, 10.0.0.2',
      TOKEN_MAX_AGE_SECONDS: '3600',
    });
    expect(c.TRUSTED_PROXY).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(c.TOKEN_MAX_AGE_SECONDS).toBe(3600);
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({
      TRUSTED_PROXY: [],
      TOKEN_MAX_AGE_SECONDS: 86_400,
      PUBLIC_RATE_LIMIT_PER_MINUTE: 30,
      SUBGRAPH_TIMEOUT_MS: 15_000,
    });
  });
  it('reaching people: SMTP relay validated, SMS off by default and refused without its keys', () => {
    const c = loadConfig({ NODE_ENV: 'test', SMTP_URL: '' });
    expect(c).toMatchObject({
      SMS_PROVIDER: 'off',
      SMS_QUIET_FROM: 22,
      SMS_QUIET_UNTIL: 8,
      NOTIFY_DIGEST_AFTER: 3,
    });
    expect(c.SMTP_URL).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtps://u:p@relay.example.gov.cn:465' }).SMTP_URL).toBe(
      'smtps://u:p@relay.example.gov.cn:465',
    );
    expect(() => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'http://relay.example.gov.cn' })).toThrow(
      /SMTP_URL 须以 smtp:\/\/ 或 smtps:\/\/ 开头/,
    );
    expect(() => loadConfig({ NODE_ENV: 'test', SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'id' })).toThrow(
      /SMS_PROVIDER=aliyun 需要设置 SMS_ACCESS_KEY_SECRET、SMS_SIGN_NAME、SMS_TEMPLATE_CODE/,
    );
    expect(() => loadConfig({ NODE_ENV: 'test', SMS_QUIET_FROM: '24' })).toThrow(ConfigError);
  });
});
