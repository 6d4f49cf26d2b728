import { figureConditions } from './figure-filter';

describe('figure filters of the commitment list', () => {
  const bind = () => {
    const values: unknown[] = [];
    return { values, param: (v: unknown) => `$${values.push(v)}` };
  };

  it('binds every value; a milestone lists the stages from which it counts as reached', () => {
    const b = bind();
    const where = figureConditions(
      {
        deadlineMissed: false,
        inProgress: true,
        grade: 'good',
        milestone: 'reviewed',
        rectification: 'listed',
      },
      b.param,
    );
    expect(where).toEqual([
      'not deadline_missed',
      `stage not in ('closed', 'cancelled')`,
      'grade = $1',
      'stage = any($2::text[])',
      expect.stringContaining('r.listed'),
    ]);
    expect(b.values).toEqual([
      'good',
      ['mass_evaluation', 'rectification', 'follow_up', 'outcome', 'closed'],
    ]);
  });

  it('adds nothing when no figure filter is given', () => {
    expect(figureConditions({}, bind().param)).toEqual([]);
  });

  it('refuses an unknown milestone or rectification kind in Chinese, without echoing it', () => {
    for (const f of [{ milestone: `x' or 1=1 --` }, { rectification: 'everything' }]) {
      let message = '';
      try {
        figureConditions(f, bind().param);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^(节点|整改事项类别)应为/);
      expect(message).not.toContain(Object.values(f)[0]);
    }
  });
});
