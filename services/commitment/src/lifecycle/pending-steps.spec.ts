import { WorkflowUpdateRPCTimeoutOrCancelledError, type Client } from '@temporalio/client';
import { CommitmentUpdate } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { sendStep, stepUpdateId } from './steps';

/** A client whose Update ends as the test says; records the Update ids sent. */
function fakeClient(update: () => Promise<unknown>): { client: Client; ids: string[] } {
  const ids: string[] = [];
  const client = {
    withDeadline: (_: number, fn: () => Promise<unknown>) => fn(),
    connection: { workflowService: { getSystemInfo: async () => ({}) } },
    workflow: {
      getHandle: () => ({
        describe: async () => ({ runId: 'run-1', status: { name: 'RUNNING' } }),
        executeUpdate: (_: unknown, o: { updateId?: string }) => {
          ids.push(o.updateId ?? '(none)');
          return update();
        },
      }),
    },
  } as unknown as Client;
  return { client, ids };
}

function fakeSql(): SqlClient & { calls: { text: string; params: unknown[] }[] } {
  const calls: { text: string; params: unknown[] }[] = [];
  return {
    calls,
    query: async <T>(text: string, params: unknown[] = []) => {
      calls.push({ text, params });
      return [] as T[];
    },
  };
}

const step = (sql: SqlClient, requestId?: string) => ({
  workflowId: 'commitment:c:s',
  update: CommitmentUpdate.submitCommitment,
  arg: { actor: { personId: 'p1', roles: ['member'], orgPath: 'a.b' }, args: { items: [] } },
  deadline: Date.now() + 5_000,
  requestId,
  sql,
});

describe('a step answered STEP_PENDING is recorded to be sent again', () => {
  it('records the pending step under the Update id it was sent with, before answering', async () => {
    const sql = fakeSql();
    const { client, ids } = fakeClient(() =>
      Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('late')),
    );
    await expect(sendStep(client, step(sql))).rejects.toMatchObject({
      extensions: expect.objectContaining({ code: 'STEP_PENDING' }),
    });
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^step-[0-9a-f-]{36}$/);
    const insert = sql.calls.find((c) => c.text.includes('insert into commitment.pending_step'));
    // The run it went to, pinned for the resends.
    expect(insert?.params.slice(0, 4)).toEqual([ids[0], 'commitment:c:s', 'run-1', 'submitCommitment']);
    expect(JSON.parse(insert!.params[4] as string)).toMatchObject({ actor: { personId: 'p1' } });
  });

  it('with a request id, the Update id is the request id’s (a client retry and a resend are one step)', async () => {
    const sql = fakeSql();
    const { client, ids } = fakeClient(() =>
      Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('late')),
    );
    await expect(sendStep(client, step(sql, 'retry_0001'))).rejects.toBeDefined();
    expect(ids).toEqual([stepUpdateId('commitment:c:s', 'submitCommitment', 'retry_0001')]);
    expect(sql.calls[0]?.params[0]).toBe(ids[0]);
  });

  it('a pending step is still answered STEP_PENDING when it cannot be recorded', async () => {
    const sql = { query: () => Promise.reject(new Error('database down')) };
    const { client } = fakeClient(() => Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('late')));
    await expect(sendStep(client, step(sql))).rejects.toMatchObject({
      extensions: expect.objectContaining({ code: 'STEP_PENDING' }),
    });
  });

  it('an answered or refused step records nothing', async () => {
    const sql = fakeSql();
    await expect(sendStep(fakeClient(async () => ({ ok: true })).client, step(sql))).resolves.toEqual({
      ok: true,
    });
    const refused = Object.assign(new Error('x'), { name: 'WorkflowNotFoundError' });
    await expect(sendStep(fakeClient(() => Promise.reject(refused)).client, step(sql))).rejects.toBeDefined();
    expect(sql.calls).toEqual([]);
  });
});
