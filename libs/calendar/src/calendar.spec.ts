import {
  CALENDAR_COVERAGE,
  addWorkingDays,
  chinaDate,
  dayInfo,
  statutoryHolidays,
  isWorkingDay,
  workingDaysBetween,
} from './index';

describe('Chinese working-day calendar', () => {
  it('covers the official arrangements through 2026', () => {
    expect(CALENDAR_COVERAGE.firstYear).toBe(2004);
    expect(CALENDAR_COVERAGE.lastYear).toBe(2026);
  });

  it('knows holidays and make-up workdays (调休)', () => {
    expect(dayInfo('2026-10-01')).toEqual({
      date: '2026-10-01',
      workingDay: false,
      name: '国庆节',
      exact: true,
    });
    expect(dayInfo('2026-02-17')).toMatchObject({ workingDay: false, name: '春节' });
    // Make-up workdays fall on weekends around the Spring Festival and National Day.
    const makeUps = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    for (const d of makeUps) expect(dayInfo(d)).toMatchObject({ workingDay: true, name: '调休上班' });
    expect(isWorkingDay('2026-11-27')).toBe(true); // a Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // a Saturday
  });

  it('adds working days across the National Day holiday', () => {
    // Tuesday 29 September 2026 + 3 working days: 30 Sept, then 1–7 Oct are off, 8 Oct, 9 Oct.
    expect(addWorkingDays('2026-09-29', 3)).toEqual({ date: '2026-10-09', exact: true });
    // Make-up Saturday 10 October counts.
    expect(addWorkingDays('2026-10-09', 1)).toEqual({ date: '2026-10-10', exact: true });
    expect(addWorkingDays('2026-10-01', 0)).toEqual({ date: '2026-10-08', exact: true });
    expect(addWorkingDays('2026-10-09', -3)).toEqual({ date: '2026-09-29', exact: true });
  });

  it('counts working days between dates', () => {
    expect(workingDaysBetween('2026-09-29', '2026-10-09')).toBe(3);
    expect(workingDaysBetween('2026-10-09', '2026-09-29')).toBe(-3);
    expect(workingDaysBetween('2026-11-27', '2026-11-27')).toBe(0);
  });

  it('uses the statutory holidays for a year whose notice is not in the data, and says so', () => {
    // 31 Dec (Thu) is day 1; 1 Jan 2027 (元旦) is off; then 4, 5, 6, 7 Jan.
    expect(addWorkingDays('2026-12-30', 5)).toEqual({ date: '2027-01-07', exact: false });
    expect(dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      workingDay: false,
      name: '元旦',
      exact: false,
    });
    // 春节 2027: lunar new year is 6 Feb, so 除夕 5 Feb to 初三 8 Feb are off.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
      expect(dayInfo(d)).toMatchObject({ name: '春节' });
    expect(dayInfo('2027-04-05')).toMatchObject({ workingDay: false, name: '清明节' });
    expect(dayInfo('2027-06-09')).toMatchObject({ workingDay: false, name: '端午节' });
    expect(dayInfo('2027-09-15')).toMatchObject({ workingDay: false, name: '中秋节' });
    expect(dayInfo('2027-10-04')).toMatchObject({ workingDay: true, exact: false }); // a Monday; the notice may add days
    expect(dayInfo('2027-03-03')).toMatchObject({ workingDay: true, exact: false });
  });

  it('its statutory rule agrees with the official notices of 2025 and 2026', () => {
    for (const year of [2025, 2026]) {
      for (const [d, name] of statutoryHolidays(year)) {
        expect({ d, name, off: !isWorkingDay(d) }).toEqual({ d, name, off: true });
      }
    }
  });

  it('uses the date in China for an instant', () => {
    expect(chinaDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(chinaDate(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
  });

  it('refuses malformed dates', () => {
    expect(() => addWorkingDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-27', 1.5)).toThrow(RangeError);
  });
});
