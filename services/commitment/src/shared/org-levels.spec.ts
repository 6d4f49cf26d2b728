import { depthOf, levelLabel, parentOf, pathsFrom } from './org-levels';

describe('org levels of supervision figures', () => {
  it('rolls a place up to every unit between it and the scope, at any level', () => {
    expect(pathsFrom('xl', 'xl.dw.k1.b2')).toEqual(['xl', 'xl.dw', 'xl.dw.k1', 'xl.dw.k1.b2']);
    expect(pathsFrom('xl.dw', 'xl.dw.k1')).toEqual(['xl.dw', 'xl.dw.k1']);
    expect(pathsFrom('xl.dw', 'xl.dw')).toEqual(['xl.dw']);
    expect(pathsFrom('xl.dw', 'xl.dwx.k1')).toEqual([]);
  });

  it('knows parents, depths and the Chinese name of each level', () => {
    expect(parentOf('xl.dw.k1')).toBe('xl.dw');
    expect(parentOf('xl')).toBeNull();
    expect(depthOf('xl.dw')).toBe(2);
    expect(levelLabel('scope')).toBe('活动范围');
    expect(levelLabel('committee')).toBe('党委');
    expect(levelLabel('branch')).toBe('党支部');
    expect(levelLabel('unit')).toBe('组织');
  });
});
