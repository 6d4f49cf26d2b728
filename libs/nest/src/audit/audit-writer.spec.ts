import { Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuditEntry } from '@pingyi/contracts';
import { AuditWriter } from './audit-writer';

const entry: AuditEntry = {
  entryId: '3f2a8c1e-5b7d-4e9a-8c21-0a1b2c3d4e5f',
  source: 'commitment',
  personId: 'anonymous',
  roles: ['public'],
  actorScope: '_public',
  orgPath: 'bt.kdq',
  operation: 'raiseObjection',
  targetKind: 'commitmentId',
  target: '9b2a8c1e-5b7d-4e9a-8c21-0a1b2c3d4e5f',
  outcome: 'ok',
  occurredAt: new Date().toISOString(),
};

/** An ORM whose transactions fail `failures` times, then succeed; counts the attempts. */
function fakeOrm(failures: number) {
  let attempts = 0;
  const orm = {
    config: { get: () => 'commitment' },
    em: {
      fork: () => ({
        transactional: async () => {
          attempts++;
          if (attempts <= failures) throw new Error('connection refused');
        },
      }),
    },
  } as unknown as MikroORM;
  return { orm, attempts: () => attempts };
}

describe('audit writer failure policy', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it('retries a failed write once', async () => {
    const f = fakeOrm(1);
    await new AuditWriter(f.orm, { source: 'commitment', targetPlaces: {} }).record([entry]);
    expect(f.attempts()).toBe(2);
    expect(errors).not.toHaveBeenCalled();
  });

  it('logs each unwritten entry as one re-importable line and does not throw', async () => {
    const f = fakeOrm(5);
    await expect(
      new AuditWriter(f.orm, { source: 'commitment', targetPlaces: {} }).record([entry]),
    ).resolves.toBeUndefined();
    expect(f.attempts()).toBe(2);
    const lines = errors.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('AUDIT-UNWRITTEN '));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.slice('AUDIT-UNWRITTEN '.length))).toEqual(entry);
  });
});

describe('audit entries', () => {
  const writer = new AuditWriter(fakeOrm(0).orm, { source: 'commitment', targetPlaces: {} });
  const field = {
    key: 'raiseObjection',
    operation: 'raiseObjection',
    args: { commitmentId: entry.target, content: '异议' },
  };
  beforeEach(() => jest.spyOn(writer, 'placeOf').mockResolvedValue('bt.kdq.c01'));

  it('on the anonymous channel: no person, no client key, placed where the target is', async () => {
    const [e] = await writer.entriesFor(
      { personId: 'anonymous', roles: ['public'], orgPath: '_public', clientKey: 'k3y-of-the-client' },
      [field],
      { raiseObjection: { ok: true } },
      undefined,
    );
    expect(e).toMatchObject({
      personId: 'anonymous',
      actorScope: '_public',
      orgPath: 'bt.kdq.c01',
      outcome: 'ok',
    });
    expect(JSON.stringify(e)).not.toMatch(/k3y-of-the-client|异议/);
  });

  it('an attempt outside the caller scope is placed in the caller scope', async () => {
    const [e] = await writer.entriesFor(
      { personId: 'p1', roles: ['county_admin'], orgPath: 'bt.other' },
      [field],
      null,
      [{ path: ['raiseObjection'], extensions: { code: 'OUT_OF_SCOPE' } }],
    );
    expect(e).toMatchObject({
      personId: 'p1',
      orgPath: 'bt.other',
      target: entry.target,
      outcome: 'OUT_OF_SCOPE',
    });
  });
});
