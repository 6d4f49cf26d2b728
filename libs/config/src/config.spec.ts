import { ConfigError, loadConfig } from './index';

describe('loadConfig', () => {
  it('gives local defaults for development', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:54329/pingyi');
    expect(c.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(c.subgraphUrls.commitment).toBe('http://127.0.0.1:4102/graphql');
  });

  it('reads the variables and splits the broker list', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'a:1, b:2', COMMITMENT_PORT: '5000', TEMPORAL_ADDRESS: 't:7233' });
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
});
