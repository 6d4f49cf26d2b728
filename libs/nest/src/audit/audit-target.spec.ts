import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { extractTarget, outcomeOf, rootMutationFields, safeTargetValue } from './audit-target';

const ID_NUMBER = '11010519491231002X';
const UUID = '3f2a8c1e-5b7d-4e9a-8c21-0a1b2c3d4e5f';

describe('audit target extraction', () => {
  it('takes the main id argument, most specific first', () => {
    expect(extractTarget({ commitmentId: UUID, content: '异议内容' })).toEqual({
      kind: 'commitmentId',
      value: UUID,
    });
    expect(extractTarget({ unitId: UUID, memberId: 'x' })).toEqual({ kind: 'unitId', value: UUID });
    expect(extractTarget({ id: '2026-xl', reason: '活动结束' })).toEqual({ kind: 'id', value: '2026-xl' });
    expect(extractTarget({ input: { cadreId: UUID, unitId: UUID, kind: 'liaison' } })).toEqual({
      kind: 'unitId',
      value: UUID,
    });
    expect(extractTarget({ input: { code: 'c1', name: '新支部', parentId: UUID } })).toEqual({
      kind: 'parentId',
      value: UUID,
    });
    expect(extractTarget({ input: { id: 'camp1', scopePath: 'bt.kdq' } })).toEqual({
      kind: 'id',
      value: 'camp1',
    });
    expect(extractTarget({ input: { scopePath: 'bt.kdq' } })).toEqual({ kind: 'scopePath', value: 'bt.kdq' });
  });

  it('never records free text, tokens, ID numbers or files', () => {
    expect(extractTarget({ content: '异议\u0000内容', note: '已整改', reason: '撤销' })).toBeNull();
    expect(extractTarget({ token: 'abcDEF123456', rating: 'satisfied', comment: '很好' })).toBeNull();
    expect(extractTarget({ input: { idNumber: ID_NUMBER, name: '张三', phone: '13800000000' } })).toBeNull();
    expect(
      extractTarget({ input: { kind: 'members', contentBase64: 'UEsDBBQ', fileName: 'a.xlsx' } }),
    ).toBeNull();
    // An ID number (or any 15+ digit run) put where an id belongs is dropped too.
    expect(extractTarget({ memberId: ID_NUMBER })).toBeNull();
    expect(extractTarget({ id: `x${ID_NUMBER}` })).toBeNull();
    expect(extractTarget({ id: '110105491231002' })).toBeNull();
    // Text with spaces, punctuation or control characters is not an id.
    expect(extractTarget({ id: 'drop table; --' })).toBeNull();
    expect(extractTarget({ id: 'a'.repeat(200) })).toBeNull();
    expect(extractTarget({ id: ['a', 'b'] })).toBeNull();
    // Deeper nesting is never read.
    expect(extractTarget({ input: { review: { id: UUID } } })).toBeNull();
  });

  it('accepts org paths only where a path belongs', () => {
    expect(safeTargetValue('scopePath', 'bt.kdq.c01')).toBe('bt.kdq.c01');
    expect(safeTargetValue('scopePath', 'bt..kdq')).toBeNull();
    expect(safeTargetValue('orgPath', 'bt.%')).toBeNull();
  });
});

const schema = buildSchema(`
  input In { id: ID, text: String }
  type R { ok: Boolean }
  type Query { x: Int }
  type Mutation {
    raiseObjection(commitmentId: ID!, content: String!): R
    createThing(input: In!): R
    closeWindow(commitmentId: ID!): R
  }
`);

const fieldsOf = (src: string, variables?: Record<string, unknown>) => {
  const doc = parse(src);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return rootMutationFields(schema, doc, op, variables);
};

describe('root mutation fields', () => {
  it('lists each root field once with coerced arguments, through aliases, variables and fragments', () => {
    const f = fieldsOf(
      `mutation($c: ID!, $t: String!) {
        a: raiseObjection(commitmentId: $c, content: $t) { ok }
        ... on Mutation { closeWindow(commitmentId: "c2") { ok } }
        ...F
      }
      fragment F on Mutation { createThing(input: { id: "t1", text: "x" }) { ok } }`,
      { c: 'c1', t: '内容' },
    );
    expect(f.map((x) => [x.key, x.operation, extractTarget(x.args)])).toEqual([
      ['a', 'raiseObjection', { kind: 'commitmentId', value: 'c1' }],
      ['closeWindow', 'closeWindow', { kind: 'commitmentId', value: 'c2' }],
      ['createThing', 'createThing', { kind: 'id', value: 't1' }],
    ]);
  });

  it('ignores queries', () => {
    expect(fieldsOf(`query { x }`)).toEqual([]);
  });
});

describe('outcome of a root field', () => {
  it('is ok, or the code of the error at that field, or of a request-level error', () => {
    expect(outcomeOf('a', { a: { ok: true } }, undefined)).toBe('ok');
    const errors = [{ path: ['b'], extensions: { code: 'FORBIDDEN' } }];
    expect(outcomeOf('a', { a: { ok: true }, b: null }, errors)).toBe('ok');
    expect(outcomeOf('b', { a: { ok: true }, b: null }, errors)).toBe('FORBIDDEN');
    expect(outcomeOf('a', null, [{ extensions: { code: 'UNAVAILABLE' } }])).toBe('UNAVAILABLE');
    expect(outcomeOf('a', null, [{ path: ['a'] }])).toBe('INTERNAL');
    expect(outcomeOf('a', null, [{ path: ['a'], extensions: { code: 'select * from x' } }])).toBe('INTERNAL');
  });
});
