import { Commitment } from './commitment/commitment.entity';

export const SCHEMA = 'commitment';
export const entities = [Commitment];
