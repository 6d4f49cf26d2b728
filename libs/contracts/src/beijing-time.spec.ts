import { amountOf, beijingTime } from './beijing-time';

describe('beijingTime', () => {
  it('shows an UTC instant in Beijing time, Chinese form', () => {
    expect(beijingTime('2026-11-29T13:47:40.990Z')).toBe('2026年11月29日 21:47');
    expect(beijingTime(new Date('2026-12-31T16:05:09Z'), true)).toBe('2027年1月1日 00:05:09');
  });
  it('names amounts in Chinese', () => {
    expect(amountOf(10, 'second')).toBe('10 秒');
    expect(amountOf(3, 'working_day')).toBe('3 个工作日');
  });
});
