/** Does nothing: the baseline for benchmarks (start-and-complete rate of the server and a worker). */
export async function noopWorkflow(): Promise<void> {
  // nothing
}
