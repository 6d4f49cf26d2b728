import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { gatewayContextFactory } from './auth-context';
import { ClientKeys, RateLimiter } from './public-channel';

describe('gateway context', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const context = gatewayContextFactory(config);

  it('puts the verified caller into the context', async () => {
    const token = await mintAccessToken({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      personId: 'p',
      roles: ['reviewer'],
      orgPath: 'bt.kdq',
    });
    await expect(context({ req: { headers: { authorization: `Bearer ${token}` } } })).resolves.toEqual({
      identity: { personId: 'p', roles: ['reviewer'], orgPath: 'bt.kdq' },
    });
  });

  it.each([
    ['no header', {}],
    ['not bearer', { authorization: 'Basic abc' }],
    ['garbage', { authorization: 'Bearer abc.def.ghi' }],
  ])('refuses %s with UNAUTHENTICATED and a Chinese message', async (_, headers) => {
    await expect(context({ req: { headers } })).rejects.toMatchObject({
      message: '未登录或登录凭证无效，请重新登录',
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  });

  describe('anonymous channel', () => {
    const publicReq = (remoteAddress: string, extra: Record<string, string> = {}) => ({
      req: { headers: { 'x-pingyi-channel': 'public', ...extra }, socket: { remoteAddress } },
    });
    const keyOf = async (ctx: ReturnType<typeof gatewayContextFactory>, ...a: Parameters<typeof publicReq>) =>
      (await ctx(publicReq(...a))).identity?.clientKey;

    it('gives each client address an opaque 22-character key, the same all day', async () => {
      const ctx = gatewayContextFactory(config);
      const a = await keyOf(ctx, '203.0.113.7');
      expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(a).not.toContain('203');
      expect(await keyOf(ctx, '::ffff:203.0.113.7')).toBe(a);
      expect(await keyOf(ctx, '203.0.113.8')).not.toBe(a);
      await expect(ctx(publicReq('203.0.113.7'))).resolves.toMatchObject({
        identity: { personId: 'anonymous', roles: ['public'], orgPath: '_public' },
      });
    });

    it('ignores X-Forwarded-For unless the socket is a trusted proxy', async () => {
      const ctx = gatewayContextFactory(config);
      const direct = await keyOf(ctx, '127.0.0.1');
      expect(await keyOf(ctx, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1' })).toBe(direct);
      const behindProxy = gatewayContextFactory({ ...config, TRUSTED_PROXY: ['127.0.0.1'] });
      const a = await keyOf(behindProxy, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 127.0.0.1' });
      const b = await keyOf(behindProxy, '127.0.0.1', { 'x-forwarded-for': '198.51.100.2' });
      expect(a).not.toBe(b);
      expect(await keyOf(behindProxy, '10.9.9.9', { 'x-forwarded-for': '198.51.100.2' })).not.toBe(b);
    });

    it('changes every key when the Beijing day changes', async () => {
      let now = Date.parse('2026-11-29T15:59:00Z'); // 23:59 in Beijing
      const keys = new ClientKeys(() => now);
      const before = keys.keyOf('203.0.113.7');
      now += 30_000;
      expect(keys.keyOf('203.0.113.7')).toBe(before);
      now += 60_000; // 00:00:30 the next day in Beijing
      expect(keys.keyOf('203.0.113.7')).not.toBe(before);
    });

    it('refuses a client over its per-minute limit with RATE_LIMITED, others unaffected', async () => {
      let now = 0;
      const ctx = gatewayContextFactory(
        { ...config, PUBLIC_RATE_LIMIT_PER_MINUTE: 3 },
        { keys: new ClientKeys(), limiter: new RateLimiter(3, () => now) },
      );
      for (let i = 0; i < 3; i += 1) await ctx(publicReq('203.0.113.7'));
      await expect(ctx(publicReq('203.0.113.7'))).rejects.toMatchObject({
        message: '操作过于频繁，请稍后再试（匿名渠道每分钟最多 3 次）',
        extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
      });
      await expect(ctx(publicReq('203.0.113.8'))).resolves.toBeDefined();
      now += 60_000;
      await expect(ctx(publicReq('203.0.113.7'))).resolves.toBeDefined();
    });
  });

  it('tells why a token is refused, in Chinese', async () => {
    const token = await mintAccessToken({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      personId: 'p',
      roles: ['reviewer'],
      orgPath: 'bt',
      expiresIn: '25h',
    });
    await expect(context({ req: { headers: { authorization: `Bearer ${token}` } } })).rejects.toMatchObject({
      message: '登录凭证的有效期超过允许的最长时长（24 小时），请重新登录',
      extensions: { code: 'UNAUTHENTICATED', reason: 'token lifetime exceeds 86400 s' },
    });
  });
});
