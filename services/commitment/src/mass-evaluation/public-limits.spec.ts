import type { Identity } from '@pingyi/contracts';
import { PublicLimits, chinaDay } from './public-limits';

const pub = (clientKey?: string): Identity => ({
  personId: 'anonymous',
  roles: ['public'],
  orgPath: '_public',
  ...(clientKey ? { clientKey } : {}),
});
const codeOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('abuse limits of the anonymous channel (in memory, per client key)', () => {
  it('a client gets 3 objections per commitment a day; another client is unaffected', () => {
    const l = new PublicLimits();
    for (let i = 0; i < 3; i++) l.objection(pub('clientAAAA'), 'c1');
    expect(codeOf(() => l.objection(pub('clientAAAA'), 'c1'))).toBe('RATE_LIMITED');
    expect(codeOf(() => l.objection(pub('clientBBBB'), 'c1'))).toBeUndefined();
    expect(codeOf(() => l.objection(pub('clientAAAA'), 'c2'))).toBeUndefined();
  });

  it('20 objections a day per client overall; refused attempts count nothing', () => {
    const l = new PublicLimits();
    for (let i = 0; i < 20; i++) l.objection(pub('clientAAAA'), `c${Math.floor(i / 3)}`);
    expect(codeOf(() => l.objection(pub('clientAAAA'), 'fresh'))).toBe('RATE_LIMITED');
    expect(codeOf(() => l.objection(pub('clientAAAA'), 'fresh'))).toBe('RATE_LIMITED');
  });

  it('requests without a client key share one stricter key; persons count by person', () => {
    const l = new PublicLimits();
    for (let i = 0; i < 10; i++) l.objection(pub(), `c${Math.floor(i / 3)}`);
    expect(codeOf(() => l.objection(pub(), 'x'))).toBe('RATE_LIMITED');
    expect(codeOf(() => l.objection(null, 'x'))).toBe('RATE_LIMITED');
    const member: Identity = { personId: 'm1', roles: ['member'], orgPath: 'xl.a' };
    expect(codeOf(() => l.objection(member, 'x'))).toBeUndefined();
  });

  it('bad evaluation codes are limited per client; counts reset the next day', () => {
    let day = '2026-11-29';
    const l = new PublicLimits(undefined, undefined, () => day);
    for (let i = 0; i < 20; i++) {
      l.evaluation(pub('clientAAAA'));
      l.badCode(pub('clientAAAA'));
    }
    expect(codeOf(() => l.evaluation(pub('clientAAAA')))).toBe('RATE_LIMITED');
    expect(codeOf(() => l.evaluation(pub('clientBBBB')))).toBeUndefined();
    day = '2026-11-30';
    expect(codeOf(() => l.evaluation(pub('clientAAAA')))).toBeUndefined();
  });

  it('the day is the China day', () => {
    expect(chinaDay(Date.parse('2026-11-29T16:30:00Z'))).toBe('2026-11-30');
    expect(chinaDay(Date.parse('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
  });
});
