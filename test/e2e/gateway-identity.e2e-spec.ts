import { signForwardedIdentity } from '@pingyi/auth';
import { loadConfig } from '@pingyi/config';
import { IDENTITY_HEADER, type Identity } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';

/**
 * Issue 22: the gateway stays @apollo/gateway (README: the choice). What any gateway must keep, checked from outside:
 * the caller's identity is the one the gateway verified and signed, whatever the client sends; the anonymous
 * channel is the public identity and nothing more; concurrent callers never get each other's answers.
 */
const AUDIT = `query { auditLog(first: 1) { items { id } } }`;
const BOARD = `query($p: String!) { publicBoard(orgPath: $p, first: 5) { subjectName } }`;
const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

const prefectureAdmin: Identity = {
  personId: 'e2e-forger-target',
  roles: ['prefecture_admin'],
  orgPath: 'p',
};
const orgSubgraph = () => `http://127.0.0.1:${process.env['ORG_PORT']}/graphql`;
/** A header signed with the real internal secret: what a client who stole it would send. */
const forgedHeader = async () => ({
  [IDENTITY_HEADER]: await signForwardedIdentity(prefectureAdmin, loadConfig().INTERNAL_IDENTITY_SECRET),
});

describe('gateway: forwarded identity and the anonymous channel', () => {
  it('signs the identity it verified; a client-sent identity header is replaced, even a validly signed one', async () => {
    const member = await tokenFor(['member'], 'p.gwid', 'gwid-member');
    const admin = await tokenFor(['prefecture_admin'], 'p', 'gwid-admin');
    // The header is valid: the subgraph itself accepts it.
    expect(
      (await gql(AUDIT, {}, { url: orgSubgraph(), headers: await forgedHeader() })).errors,
    ).toBeUndefined();
    expect(code(await gql(AUDIT, {}, { token: member }))).toBe('FORBIDDEN');
    expect(code(await gql(AUDIT, {}, { token: member, headers: await forgedHeader() }))).toBe('FORBIDDEN');
    const allowed = await gql(AUDIT, {}, { token: admin });
    expect(allowed.errors).toBeUndefined();
  });

  it('the anonymous channel is the public identity: the board answers, nothing else does, a forged header changes nothing', async () => {
    const pub = { 'x-pingyi-channel': 'public' };
    const board = await gql(BOARD, { p: 'p' }, { headers: pub });
    expect(board.errors).toBeUndefined();
    expect(Array.isArray((board.data as { publicBoard: unknown[] }).publicBoard)).toBe(true);
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(code(await gql(AUDIT, {}, { headers: pub })));
    const forged = await gql(AUDIT, {}, { headers: { ...pub, ...(await forgedHeader()) } });
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(code(forged));
    // Without a token and off the public channel: nobody.
    const none = await gql(AUDIT, {});
    expect(code(none)).toBe('UNAUTHENTICATED');
    expect(none.status).toBe(401);
  });

  it('answers each of many concurrent callers as themselves', async () => {
    const member = await tokenFor(['member'], 'p.gwid', 'gwid-member-2');
    const admin = await tokenFor(['prefecture_admin'], 'p', 'gwid-admin-2');
    const calls = Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? member : admin));
    const answers = await Promise.all(calls.map((token) => gql(AUDIT, {}, { token })));
    answers.forEach((r, i) => {
      if (i % 2 === 0) expect(code(r)).toBe('FORBIDDEN');
      else expect(r.errors).toBeUndefined();
    });
  });

  it('a subgraph asked directly without the gateway’s signature refuses', async () => {
    const r = await gql(AUDIT, {}, { url: orgSubgraph() });
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code(r));
    const forged = await gql(
      AUDIT,
      {},
      {
        url: orgSubgraph(),
        headers: {
          [IDENTITY_HEADER]: await signForwardedIdentity(prefectureAdmin, 'not-the-internal-secret'),
        },
      },
    );
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code(forged));
  });
});
