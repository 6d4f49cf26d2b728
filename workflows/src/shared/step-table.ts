import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { UpdateOutcome } from '@pingyi/contracts/dist/workflow';

/** One human step of a workflow: the handler of its Update, given the run (`R`) it acts on. */
export interface StepHandler<R, A> {
  /**
   * Refuses the step before anything is recorded (an ApplicationFailure of type WRONG_STAGE, FORBIDDEN or BAD_INPUT,
   * with a Chinese message); a refused Update leaves no trace in the history.
   */
  validate: (run: R, arg: A) => void;
  /** Takes the step: records its fact and, for a step that moves the workflow on, waits until it has. */
  take: (run: R, arg: A) => Promise<UpdateOutcome>;
}

/**
 * Registers the handler of every Update in `defs` (from contracts), in the order they are listed there; `M` maps each
 * Update's name to its argument. Each handler
 * is looked up by the same name as its Update, so widening both to any step here is sound.
 */
export function registerSteps<R, M extends Record<string, unknown>>(
  run: R,
  defs: { readonly [K in keyof M & string]: UpdateDefinition<UpdateOutcome, [M[K]], K> },
  steps: { readonly [K in keyof M & string]: StepHandler<R, M[K]> },
): void {
  for (const name of Object.keys(defs) as (keyof M & string)[]) {
    const def = defs[name] as UpdateDefinition<UpdateOutcome, [unknown]>;
    const h = steps[name] as StepHandler<R, unknown>;
    setHandler(def, (arg) => h.take(run, arg), { validator: (arg: unknown) => h.validate(run, arg) });
  }
}
