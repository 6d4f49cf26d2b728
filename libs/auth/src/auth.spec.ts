import { SignJWT } from 'jose';
import {
  AuthError,
  checkTokenTimes,
  createAccessTokenVerifier,
  mintAccessToken,
  signForwardedIdentity,
  verifyForwardedIdentity,
} from './index';

const secret = 'a-test-secret-of-enough-length';
const internal = 'an-internal-secret-of-enough-length';

describe('access tokens', () => {
  const verify = createAccessTokenVerifier({ issuer: 'pingyi', secret });

  it('round-trips a minted token into an identity', async () => {
    const t = await mintAccessToken({
      secret,
      issuer: 'pingyi',
      personId: 'p1',
      roles: ['county_admin'],
      orgPath: 'bt.kdq',
      name: '张三',
    });
    await expect(verify(t)).resolves.toEqual({
      personId: 'p1',
      roles: ['county_admin'],
      orgPath: 'bt.kdq',
      name: '张三',
    });
  });

  it('refuses a token signed with another secret, from another issuer, expired, or without roles', async () => {
    const base = { issuer: 'pingyi', personId: 'p1', roles: ['member' as const], orgPath: 'bt' };
    await expect(
      verify(await mintAccessToken({ ...base, secret: 'another-secret-of-enough-length' })),
    ).rejects.toThrow(AuthError);
    await expect(verify(await mintAccessToken({ ...base, secret, issuer: 'evil' }))).rejects.toThrow(
      AuthError,
    );
    await expect(verify(await mintAccessToken({ ...base, secret, expiresIn: '-1m' }))).rejects.toThrow(/exp/);
    const noRoles = await new SignJWT({ orgPath: 'bt' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('p1')
      .setIssuer('pingyi')
      .sign(new TextEncoder().encode(secret));
    await expect(verify(noRoles)).rejects.toThrow(/claims/);
    await expect(verify('not-a-jwt')).rejects.toThrow(AuthError);
  });
});

describe('token times (finding 9)', () => {
  const claims = { roles: ['member'], orgPath: 'bt' };
  const sign = (times: { iat?: number; exp?: number }) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('p1').setIssuer('pingyi');
    if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
    if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
    return jwt.sign(new TextEncoder().encode(secret));
  };
  const now = Math.floor(Date.now() / 1000);
  const verify = createAccessTokenVerifier({ issuer: 'pingyi', secret, maxAgeSeconds: 86_400 });
  const refusal = async (token: Promise<string>) => {
    try {
      await verify(await token);
    } catch (e) {
      expect(e).toBeInstanceOf(AuthError);
      return (e as AuthError).userMessage;
    }
    throw new Error('accepted');
  };

  it('accepts a token issued now for 12 hours, and one whose iat is at most 60 s ahead', async () => {
    await expect(verify(await sign({ iat: now, exp: now + 12 * 3600 }))).resolves.toMatchObject({
      personId: 'p1',
    });
    await expect(verify(await sign({ iat: now + 50, exp: now + 3600 }))).resolves.toMatchObject({
      personId: 'p1',
    });
  });

  it('refuses a token without exp or without iat', async () => {
    expect(await refusal(sign({ iat: now }))).toBe('登录凭证缺少有效期（exp），请重新登录');
    expect(await refusal(sign({ exp: now + 3600 }))).toBe('登录凭证缺少签发时间（iat），请重新登录');
  });

  it('refuses an iat in the future beyond 60 s of clock skew (even years ahead)', async () => {
    expect(await refusal(sign({ iat: now + 120, exp: now + 3600 }))).toMatch(/签发时间晚于当前时间/);
    const years = now + 5 * 365 * 86_400;
    expect(await refusal(sign({ iat: years, exp: years + 3600 }))).toMatch(/签发时间晚于当前时间/);
  });

  it('refuses a token issued for longer than the cap, and one older than the cap', async () => {
    expect(await refusal(sign({ iat: now, exp: now + 86_401 }))).toBe(
      '登录凭证的有效期超过允许的最长时长（24 小时），请重新登录',
    );
    const later = createAccessTokenVerifier({
      issuer: 'pingyi',
      secret,
      maxAgeSeconds: 3600,
      now: () => (now + 3601) * 1000,
    });
    const token = await sign({ iat: now, exp: now + 3600 });
    await expect(later(token)).rejects.toMatchObject({ userMessage: '登录凭证已过期，请重新登录' });
    expect(() => checkTokenTimes({ iat: now, exp: now + 3600 }, 1800, now + 10)).toThrow('lifetime');
    expect(() => checkTokenTimes({ iat: now, exp: now + 7200 }, 3600, now + 3601)).toThrow(/lifetime/);
    expect(() => checkTokenTimes({ iat: now, exp: now + 3600 }, 3600, now + 3601)).toThrow(/older/);
  });
});

describe('forwarded identity', () => {
  const who = { personId: 'p2', roles: ['unit_secretary' as const], orgPath: 'bt.kdq.c01' };

  it('is verified by subgraphs with the internal secret', async () => {
    await expect(
      verifyForwardedIdentity(await signForwardedIdentity(who, internal), internal),
    ).resolves.toEqual(who);
  });

  it('is refused with another secret, and a user access token is not accepted in its place', async () => {
    await expect(
      verifyForwardedIdentity(await signForwardedIdentity(who, 'x'.repeat(32)), internal),
    ).rejects.toThrow(AuthError);
    const userToken = await mintAccessToken({ secret: internal, issuer: 'pingyi', ...who });
    await expect(verifyForwardedIdentity(userToken, internal)).rejects.toThrow(AuthError);
  });
});
