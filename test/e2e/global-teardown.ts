/** Stops everything the global setup started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__PINGYI_STACK__?.stop();
}
