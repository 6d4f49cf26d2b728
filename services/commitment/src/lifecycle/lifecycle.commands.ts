/**
 * The org-event consumer (org-events.consumer.ts) injects its commands under this name; they are the org sync's.
 * Goes when the consumer imports `OrgSync` from './org-sync'.
 */
export { OrgSync as LifecycleCommands } from './org-sync';
