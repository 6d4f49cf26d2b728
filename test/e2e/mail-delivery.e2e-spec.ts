import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { NOTIFICATION_DISPATCH_SCHEDULE } from '@pingyi/contracts';
import { TOOLS_DIR, VERSIONS } from '@pingyi/local-stack';
import { eventually, fastSettings, must, openOne, useWorld } from './lifecycle-fixtures';
import { memberInput } from './org-fixtures';

/** A mail as maildev's REST API (`GET /email`) answers it. */
interface SentMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string }[];
  headers: Record<string, string>;
}

const mailUrl = (): string => process.env['PINGYI_E2E_MAIL_URL']!;
const sentMail = async (): Promise<SentMail[]> =>
  (await fetch(`${mailUrl()}/email`)).json() as Promise<SentMail[]>;
const mailTo = async (address: string): Promise<SentMail[]> =>
  (await sentMail()).filter((m) => m.to.some((t) => t.address === address));

/** Runs the delivery schedule once now and waits for that run: whatever is due would go out (again) here. */
async function dispatchOnce(): Promise<void> {
  const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! });
  try {
    const client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' });
    const schedule = client.schedule.getHandle(NOTIFICATION_DISPATCH_SCHEDULE);
    // The run wanted is one that started after this call (so it sees what the test wrote before): any action not
    // among those already listed. A background run started meanwhile does as well; one started before does not.
    const before = new Set(
      (await schedule.describe()).info.recentActions.map((a) => a.action.workflow.workflowId),
    );
    // Allowed alongside a scheduled run in progress (rows are claimed, so two runs never send one twice).
    await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    const run = await eventually('the dispatch run', async () =>
      (await schedule.describe()).info.recentActions.find((a) => !before.has(a.action.workflow.workflowId)),
    );
    await client.workflow
      .getHandle(run.action.workflow.workflowId, run.action.workflow.firstExecutionRunId)
      .result();
  } finally {
    await connection.close();
  }
}

/** Whether the local SMTP server's page answers. */
const mailUp = async (): Promise<boolean> =>
  fetch(`${mailUrl()}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.ok,
    () => false,
  );

/** Kills the stack's maildev (by the pid the launcher wrote) and waits until it no longer answers. */
async function stopMail(): Promise<void> {
  const pid = Number(readFileSync(join(process.env['PINGYI_E2E_STACK_DIR']!, 'mail', 'maildev.pid'), 'utf8'));
  process.kill(-pid, 'SIGKILL');
  await eventually('maildev gone', async () => !(await mailUp()));
}

/** Starts maildev again on the same ports and folder (its pid for the global teardown), with the mail kept so far. */
async function startMail(): Promise<void> {
  const entry = join(TOOLS_DIR, `maildev-${VERSIONS.maildev}`, 'node_modules', 'maildev', 'bin', 'maildev');
  const smtp = new URL(process.env['SMTP_URL']!.replace(/^smtp/, 'http')).port;
  const web = new URL(mailUrl()).port;
  const dir = join(process.env['PINGYI_E2E_STACK_DIR']!, 'mail', 'messages');
  const args = [entry, '--ip', '127.0.0.1', '--smtp', smtp, '--web', web, '--mail-directory', dir];
  const child = spawn(process.execPath, args, { stdio: 'ignore', detached: true });
  child.unref();
  writeFileSync(join(process.env['PINGYI_E2E_RUN_DIR']!, 'mail.extra.pid'), String(child.pid));
  await eventually('maildev back', mailUp);
  await fetch(`${mailUrl()}/reloadMailsFromDirectory`);
}

describe('reaching people: a reminder leaves the inbox as e-mail through the local SMTP server', () => {
  const ctx = useWorld();
  const w = ctx.w;
  const email = (k: string) => `${w.p}-${k}@example.cn`;

  /** A member of branch B registered with contact details; waits until the commitment service has them. */
  async function member(key: string, extra: Record<string, unknown>): Promise<{ id: string; token: string }> {
    const p = await must<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      { i: { ...memberInput(key, w.unit['B']!.id), ...extra } },
      w.admin,
    );
    const id = p.addMember.id;
    await eventually(`the contact of ${key} in the commitment service`, async () => {
      const r = await ctx.pg.query(`select 1 from commitment.person_contact where person_id = $1`, [id]);
      return r.rowCount === 1;
    });
    return { id, token: '' };
  }

  it('a member working away (外出党员) gets the task and the overdue reminder by e-mail, each exactly once', async () => {
    expect(mailUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const away = await member('W', {
      type: 'mobile',
      mobileLocation: '浙江省杭州市',
      email: email('w'),
      notifyChannels: ['email'],
    });
    // Registered for SMS only: no mail, though an address is on file.
    const smsOnly = await member('Q', { email: email('q'), notifyChannels: ['sms'] });

    await openOne(w, { kind: 'member', id: away.id }, fastSettings({ draftDays: 6 }));
    await openOne(w, { kind: 'member', id: smsOnly.id }, fastSettings({ draftDays: 6 }));

    const overdue = await eventually(
      'the overdue reminder in the mailbox',
      async () => (await mailTo(email('w'))).find((m) => m.subject.includes('逾期')),
      90_000,
    );
    expect(overdue.subject).toBe('“定诺”已逾期');
    expect(overdue.text).toContain('党员W');
    expect(overdue.text).toContain('请尽快办理');
    expect(overdue.text).toContain('此邮件由评议平台自动发送');
    expect(overdue.headers['x-pingyi-kind']).toBe('overdue');
    const task = (await mailTo(email('w'))).find((m) => m.subject === '请制定年度承诺');
    expect(task?.text).toContain('本年度承诺已开启');

    // The delivery schedule runs again: nothing is sent a second time.
    await dispatchOnce();
    const mine = await mailTo(email('w'));
    expect(mine.map((m) => m.subject).sort()).toEqual(['“定诺”已逾期', '请制定年度承诺']);
    expect(new Set(mine.map((m) => m.headers['x-pingyi-delivery'])).size).toBe(2);
    expect(await mailTo(email('q'))).toEqual([]);

    // Each mail is one delivery row (notification × person × channel), sent on the first attempt.
    const rows = await ctx.pg.query(
      `select channel, status, attempts, address, provider_id from commitment.notification_delivery
        where person_id = $1 order by created_at`,
      [away.id],
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1, address: email('w') }),
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1, address: email('w') }),
    ]);
    const inbox = await ctx.pg.query(`select kind from commitment.inbox_message where person_id = $1`, [
      smsOnly.id,
    ]);
    expect(inbox.rows.map((r) => r.kind)).toContain('task');
  }, 180_000);

  it('a changed e-mail address reaches the commitment service by the org event and the next mail goes there', async () => {
    const v = await member('V', { email: email('v1') });
    await must(
      `mutation($id: ID!, $i: UpdateMemberInput!) { updateMember(id: $id, input: $i) { id } }`,
      { id: v.id, i: { email: email('v2') } },
      w.admin,
    );
    await eventually('the new address', async () => {
      const r = await ctx.pg.query(`select email from commitment.person_contact where person_id = $1`, [
        v.id,
      ]);
      return r.rows[0]?.email === email('v2');
    });
    await openOne(w, { kind: 'member', id: v.id }, fastSettings());
    const got = await eventually(
      'the task mail at the new address',
      async () => (await mailTo(email('v2')))[0],
    );
    expect(got.subject).toBe('请制定年度承诺');
    expect(await mailTo(email('v1'))).toEqual([]);
  }, 120_000);
  it('beyond three messages a day the rest wait for one digest at 18:00 Beijing time', async () => {
    const d = await member('D', { email: email('d') });
    for (let i = 0; i < 4; i++) await openOne(w, { kind: 'member', id: d.id }, fastSettings());
    const rows = async () =>
      (
        await ctx.pg.query(
          `select status, kind, not_before from commitment.notification_delivery where person_id = $1 order by created_at`,
          [d.id],
        )
      ).rows as { status: string; kind: string; not_before: Date }[];
    const planned = await eventually('four deliveries, three sent', async () => {
      const r = await rows();
      return r.length === 4 && r.filter((x) => x.status === 'sent').length === 3 ? r : undefined;
    });
    const held = planned.find((x) => x.status === 'held')!;
    const beijing = new Date(held.not_before.getTime() + 8 * 3600_000);
    expect([beijing.getUTCHours(), beijing.getUTCMinutes()]).toEqual([18, 0]);
    expect(held.not_before.getTime()).toBeGreaterThan(Date.now());
    expect(await mailTo(email('d'))).toHaveLength(3);

    // The clock reaches 18:00: the next dispatch sends one digest of the held message, and only once.
    await ctx.pg.query(
      `update commitment.notification_delivery set not_before = now() where person_id = $1 and status = 'held'`,
      [d.id],
    );
    await dispatchOnce();
    // A background run may have claimed the digest row first and still be sending it when the triggered run ends.
    await eventually('the digest sent', async () =>
      (await rows()).some((r) => r.status === 'sent' && r.kind === 'digest') ? true : undefined,
    );
    await dispatchOnce();
    const digests = async () =>
      (await mailTo(email('d'))).filter((m) => m.subject.startsWith('评议平台消息汇总'));
    const digest = await eventually('the digest in the mailbox', async () =>
      (await digests()).length > 0 ? digests() : undefined,
    );
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe('评议平台消息汇总（1 条）');
    expect(digest[0]!.text).toMatch(/1\. 【\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}】请制定年度承诺/);
    expect((await rows()).map((r) => r.status).sort()).toEqual(['digested', 'sent', 'sent', 'sent', 'sent']);
  }, 180_000);
  it('a mail the SMTP server could not take is retried after its back-off and then sent once', async () => {
    const r = await member('R', { email: email('r') });
    const row = async () =>
      (
        await ctx.pg.query(
          `select status, attempts, not_before, last_error from commitment.notification_delivery where person_id = $1`,
          [r.id],
        )
      ).rows[0] as
        { status: string; attempts: number; not_before: Date; last_error: string | null } | undefined;
    await stopMail();
    try {
      await openOne(w, { kind: 'member', id: r.id }, fastSettings());
      const failed = await eventually('the failed first attempt', async () => {
        const x = await row();
        return x?.status === 'failed' ? x : undefined;
      });
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await startMail();
    }
    // Not before its back-off (30 s): a dispatch now leaves it.
    await dispatchOnce();
    expect((await row())?.status).toBe('failed');
    await eventually(
      'the back-off passed',
      async () => (await row())!.not_before.getTime() <= Date.now(),
      60_000,
    );
    // The background dispatch schedule runs too: the second attempt may be its run, still in flight when the
    // triggered one ends (the row is then `sending`), or made while the SMTP server was still starting.
    const sent = await eventually(
      'sent after the back-off',
      async () => {
        const x = await row();
        if (x?.status === 'sent') return x;
        if (x?.status === 'failed' && x.not_before.getTime() <= Date.now()) await dispatchOnce();
        return undefined;
      },
      90_000,
    );
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.last_error).toBeNull();
    const got = await mailTo(email('r'));
    expect(got.map((m) => m.subject)).toEqual(['请制定年度承诺']);
  }, 180_000);
});
