import type { UnitLevel } from '@pingyi/contracts';

/** Which levels a unit of each level may sit under. */
export const ALLOWED_PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  prefecture: [],
  county: ['prefecture'],
  committee: ['prefecture', 'county', 'committee'],
  general_branch: ['county', 'committee'],
  branch: ['county', 'committee', 'general_branch'],
};

export function levelAllowed(level: UnitLevel, parentLevel: UnitLevel | null): boolean {
  return parentLevel === null ? level === 'prefecture' : ALLOWED_PARENT_LEVELS[level].includes(parentLevel);
}

/** Units of these levels may have child units; members only under branches. */
export const canHaveChildren = (level: UnitLevel): boolean => level !== 'branch';
