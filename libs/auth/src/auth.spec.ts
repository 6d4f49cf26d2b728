import { SignJWT } from 'jose';
import {
  AuthError,
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
