import { createHmac } from 'node:crypto';

/** Keyed hash of a resident ID number: identifies a member without storing the number. */
export function hashIdNumber(idNumber: string, pepper: string): string {
  return createHmac('sha256', pepper).update(idNumber.trim().toUpperCase()).digest('hex');
}

/** 150203199001011234 → 150203********1234 */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim().toUpperCase();
  return id.slice(0, 6) + '*'.repeat(Math.max(0, id.length - 10)) + id.slice(-4);
}
