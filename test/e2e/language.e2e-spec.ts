import { gql, graphqlUrl, type GqlResult } from './helpers';
import { notChinese } from './english-check';
import { code, fastSettings, useWorld } from './lifecycle-fixtures';

/**
 * Issue 15, language: every message a person can see is Chinese — schema validation errors (unknown enum value,
 * missing argument, wrong type, unknown field, bad variable), a missing or invalid token, and campaign settings with
 * an unknown key. Each error the suite provokes is scanned: no English sentence in anything returned.
 */

function expectChineseOnly(r: GqlResult<unknown>, what: string): void {
  expect(r.errors?.length).toBeGreaterThan(0);
  for (const e of r.errors ?? [])
    expect({ what, message: e.message, why: notChinese(e) }).toEqual({ what, message: e.message, why: null });
}

describe('the English check every e2e file runs on the errors it provokes', () => {
  it('passes Chinese messages that name schema fields and values', () => {
    expect(
      notChinese({ message: '查询语句不符合接口定义：“campaign”缺少必填参数“id”（类型 ID!）' }),
    ).toBeNull();
    expect(
      notChinese({ message: '无权访问', extensions: { code: 'FORBIDDEN', correlationId: 'a b c d' } }),
    ).toBeNull();
  });
  it('flags English messages and English sentences in extensions', () => {
    expect(notChinese({ message: 'Forbidden' })).toBe('message has no Chinese');
    expect(notChinese({ message: '请求有误 Cannot query field here' })).toMatch(/^English words/);
    expect(notChinese({ message: '请求有误', extensions: { detail: 'Unexpected token in JSON' } })).toMatch(
      /^English words/,
    );
  });
});

describe('language (issue 15): every error a person sees is Chinese', () => {
  const ctx = useWorld();

  it('answers schema validation errors in Chinese, naming what was wrong', async () => {
    const t = ctx.w.admin;
    const enumValue = await gql(
      `mutation { createUnit(input: { code: "x", name: "x", level: NOT_A_LEVEL, field: rural }) { id } }`,
      {},
      { token: t },
    );
    expectChineseOnly(enumValue, 'unknown enum value');
    expect(enumValue.errors?.[0]?.message).toContain('NOT_A_LEVEL');

    const missing = await gql(`query { campaign { id } }`, {}, { token: t });
    expectChineseOnly(missing, 'missing argument');
    expect(missing.errors?.[0]?.message).toContain('缺少必填参数');

    const wrongType = await gql(
      `mutation { createCampaign(input: { id: "x", name: "x", year: "二〇二六", scopePath: "x" }) { id } }`,
      {},
      { token: t },
    );
    expectChineseOnly(wrongType, 'wrong type');

    const variable = await gql(
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      { i: { id: 'x', name: 'x', year: 'abc', scopePath: 'x' } },
      { token: t },
    );
    expectChineseOnly(variable, 'wrong variable type');
    const noVariable = await gql(`query($id: ID!) { campaign(id: $id) { id } }`, {}, { token: t });
    expectChineseOnly(noVariable, 'missing variable');
    expectChineseOnly(await gql(`query { campaign(id: "x") { nam } }`, {}, { token: t }), 'unknown field');
    expectChineseOnly(await gql(`query { campaign(id: "x") { id }`, {}, { token: t }), 'syntax error');
  });

  it('answers a missing, malformed or forged token in Chinese', async () => {
    const none = await gql(`query { __typename }`);
    expect(code(none)).toBe('UNAUTHENTICATED');
    expectChineseOnly(none, 'missing token');
    const forged = await gql(`query { __typename }`, {}, { token: 'e30.e30.forged' });
    expect(code(forged)).toBe('UNAUTHENTICATED');
    expectChineseOnly(forged, 'invalid token');
    const r = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expectChineseOnly((await r.json()) as GqlResult<unknown>, 'wrong scheme');
  });

  it('refuses campaign settings with an unknown key, in Chinese', async () => {
    const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`;
    const draft = (settings: Record<string, unknown>) => ({
      i: {
        id: `${ctx.w.p}-lang-${Object.keys(settings).length}`,
        name: '语言检查活动',
        year: 2026,
        scopePath: ctx.w.unit['B2']!.path,
        settingsJson: JSON.stringify(settings),
      },
    });
    const typo = await gql(CREATE, draft(fastSettings({ draftDayz: 3 })), { token: ctx.w.admin });
    expect(code(typo)).toBe('BAD_INPUT');
    expect(typo.errors?.[0]?.message).toContain('未知的设置项：draftDayz');
    expectChineseOnly(typo, 'unknown settings key');
    const wrong = await gql(CREATE, draft(fastSettings({ minMassResponses: 'five' })), {
      token: ctx.w.admin,
    });
    expect(code(wrong)).toBe('BAD_INPUT');
    expectChineseOnly(wrong, 'settings value of the wrong type');
  });
});
