import { mintAccessToken } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { gatewayContextFactory } from './auth-context';

describe('gateway context', () => {
  const config = loadConfig({});
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
});
