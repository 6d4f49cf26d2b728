import { signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER } from '@pingyi/contracts';
import { requireRole, requireScope, subgraphContextFactory } from './identity-context';
import { runHealthChecks } from './health';

const secret = 'internal-secret-for-unit-tests';

describe('subgraph context', () => {
  const context = subgraphContextFactory(secret);
  const who = { personId: 'p', roles: ['county_admin' as const], orgPath: 'bt.kdq' };

  it('accepts the identity signed by the gateway', async () => {
    const token = await signForwardedIdentity(who, secret);
    await expect(context({ req: { headers: { [IDENTITY_HEADER]: token } } })).resolves.toEqual({
      identity: who,
    });
  });

  it('refuses a request without it, or with a forged one', async () => {
    await expect(context({ req: { headers: {} } })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const forged = await signForwardedIdentity(who, 'some-other-secret-value');
    await expect(context({ req: { headers: { [IDENTITY_HEADER]: forged } } })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('scope and role checks give stable codes and Chinese messages', () => {
    expect(() => requireScope(who, 'bt.dh.b1')).toThrow('该对象不在您有权管理的组织范围内');
    expect(() => requireScope(who, 'bt.kdq.b1')).not.toThrow();
    expect(() => requireRole(who, 'prefecture_admin')).toThrow('您的角色无权执行此操作');
  });
});

describe('health checks', () => {
  it('reports each check, and a slow one as failed after its timeout', async () => {
    const r = await runHealthChecks(
      {
        fast: async () => 'up',
        slow: () => new Promise((res) => setTimeout(res, 500)),
        broken: async () => Promise.reject(new Error('down')),
      },
      100,
    );
    expect(r.status).toBe('error');
    expect(r.checks['fast']).toEqual({ ok: true, detail: 'up' });
    expect(r.checks['slow']).toMatchObject({ ok: false, error: expect.stringContaining('timed out') });
    expect(r.checks['broken']).toEqual({ ok: false, error: 'down' });
  });
});
