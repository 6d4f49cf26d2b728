import { Worker } from '@temporalio/worker';
import { installQuietRuntime, recordedHistories, workflowBundle } from './testing/env.test-util';

/** Every committed history must replay against today's workflow code: a non-deterministic change fails here. */
describe('replay of recorded histories', () => {
  beforeAll(installQuietRuntime);
  const all = ['commitment', 'rectification', 'campaign', 'org-import', 'report', 'insight'].flatMap((wf) =>
    recordedHistories(wf).map((h) => ({ wf, ...h })),
  );

  it('has recorded histories to replay', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((h) => [`${h.wf}/${h.name}`, h] as const))('%s replays deterministically', async (_, h) => {
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, h.history, `${h.wf}-${h.name}`);
  });
});
