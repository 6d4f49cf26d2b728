import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { CommitmentUpdate } from '@pingyi/contracts';
import { PROBE_MS, StepNotSentError, executeUpdateWithin, pollUpdateWithin } from './steps';

/** A port nothing listens on (taken, then given back). */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('steps with Temporal down', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await deadPort()}` }) });
  });
  afterAll(() => client.connection.close());

  it('an Update is not sent and answers StepNotSentError within the probe time, not the whole deadline', async () => {
    const t = Date.now();
    await expect(
      executeUpdateWithin(client, {
        workflowId: 'w',
        update: CommitmentUpdate.submitCommitment,
        arg: {},
        deadline: Date.now() + 30_000,
      }),
    ).rejects.toBeInstanceOf(StepNotSentError);
    expect(Date.now() - t).toBeLessThan(PROBE_MS + 1_500);
  });

  it('so does a poll for an earlier outcome', async () => {
    await expect(
      pollUpdateWithin(client, { workflowId: 'w', updateId: 'x', deadline: Date.now() + 30_000 }),
    ).rejects.toBeInstanceOf(StepNotSentError);
  });
});
