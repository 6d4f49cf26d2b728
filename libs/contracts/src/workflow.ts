/**
 * What workflow code takes from the contracts (`@pingyi/contracts/dist/workflow`). Every workflow evaluates the
 * bundle's modules afresh, so the workflow bundle holds only the modules named here: the step arguments and their
 * checks, messages, labels and errors — not the event, org and audit schemas (those would cost each workflow
 * ≈ 1 MiB of zod objects and their building time). Types of the rest come along without code.
 */
export * from './task-queues';
export * from './errors';
export * from './lifecycle';
export * from './review';
export * from './periods';
export * from './beijing-time';
export * from './zod-chinese';
export * from './identity';
export * from './workflows/commitment';
export * from './workflows/messages';
export type * from './index';
