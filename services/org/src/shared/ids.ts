import { stableUuid } from '@pingyi/persistence';

/** A unit's id follows from its code, so an import, the seed and the API agree on it. */
export const unitId = (code: string): string => stableUuid(`unit:${code}`);

/** A member's id follows from the hash of their ID number (never from the number itself). */
export const memberIdFromHash = (idNumberHash: string): string => stableUuid(`member:${idNumberHash}`);
