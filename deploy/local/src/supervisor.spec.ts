import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, type PartHandle } from './supervisor';

/** A fake part: each start returns a handle whose death the test triggers. */
function fakePart(name: string, log: string[]) {
  const deaths: ((why: string) => void)[] = [];
  let starts = 0;
  return {
    part: {
      name,
      logFile: `/logs/${name}.log`,
      start: async (): Promise<PartHandle> => {
        const n = ++starts;
        return {
          stop: async () => {
            log.push(`stop ${name}#${n}`);
          },
          onExit: (cb) => deaths.push(cb),
        };
      },
    },
    die: (why = 'code=1') => deaths[deaths.length - 1]!(why),
    starts: () => starts,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('Supervisor', () => {
  it('reports a death (name, why, log), restarts with back-off and stops the restarted part', async () => {
    const said: string[] = [];
    const stopped: string[] = [];
    const eventLog = join(mkdtempSync(join(tmpdir(), 'sup-')), 'launcher.log');
    const sup = new Supervisor({ say: (m) => said.push(m), restart: true, backoffMs: () => 1, eventLog });
    const a = fakePart('kafka', stopped);
    const b = fakePart('org', stopped);
    await sup.add(a.part);
    await sup.add(b.part);
    a.die('进程已退出 (process exited) code=null signal=SIGKILL');
    await settle();
    expect(said).toContain(
      '[kafka] 意外退出 (died): 进程已退出 (process exited) code=null signal=SIGKILL；日志 (log): /logs/kafka.log',
    );
    expect(said).toContain('[kafka] 已重启 (restarted)');
    expect(a.starts()).toBe(2);
    expect(readFileSync(eventLog, 'utf8')).toContain('[kafka] 意外退出 (died)');
    await sup.stopAll();
    // Reverse start order, the restarted kafka (#2) included.
    expect(stopped).toEqual(['stop org#1', 'stop kafka#2']);
  });

  it('after 5 deaths within the window stops the whole stack in order and gives up', async () => {
    const said: string[] = [];
    const stopped: string[] = [];
    let gaveUp = '';
    const sup = new Supervisor({
      say: (m) => said.push(m),
      restart: true,
      backoffMs: () => 1,
      onGiveUp: (r) => (gaveUp = r),
    });
    const a = fakePart('postgres', stopped);
    const b = fakePart('commitment', stopped);
    await sup.add(a.part);
    await sup.add(b.part);
    for (let i = 0; i < 5; i++) {
      b.die();
      await settle();
    }
    expect(b.starts()).toBe(5);
    expect(gaveUp).toContain('[commitment] 120 秒内失败 5 次，按顺序停止全部组件');
    expect(stopped).toEqual(['stop commitment#5', 'stop postgres#1']);
  });

  it('without restart (tests) only reports; a part stopped on purpose is not reported', async () => {
    const said: string[] = [];
    const sup = new Supervisor({ say: (m) => said.push(m), restart: ['postgres'] });
    const a = fakePart('org-worker', []);
    await sup.add(a.part);
    a.die();
    await settle();
    expect(a.starts()).toBe(1);
    expect(said.filter((m) => m.includes('意外退出'))).toHaveLength(1);
    await sup.stopAll();
    a.die();
    expect(said.filter((m) => m.includes('意外退出'))).toHaveLength(1);
  });
});
