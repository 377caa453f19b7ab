import { documentNesting, jsonNesting, requestLimitRefusal } from '../../src/parse-limits';

describe('documentNesting', () => {
  it.each([
    ['{ a }', 1],
    ['{ a(x: [1, [2]]) { b } }', 4],
    ['query($v: [[Int]]) { a(x: $v) }', 3],
    ['{ a(x: "{[(") }', 2],
    ['{ a(x: "\\"{[") }', 2],
    ['{ a(x: """ {{{ \\""" [[[ """) }', 2],
    ['# {{{{\n{ a }', 1],
    ['}}}} { a }', 1],
    ['{ a(x: "unterminated {{{{', 2],
  ])('%s nests %i deep', (source, depth) => {
    expect(documentNesting(source)).toBe(depth);
  });

  it('stops counting past the limit', () => {
    expect(documentNesting('['.repeat(1_000_000), 64)).toBe(65);
  });
});

describe('jsonNesting', () => {
  it.each([
    [null, 0],
    ['x', 0],
    [[], 1],
    [{ a: [1, { b: 2 }] }, 3],
    [[[[[]]]], 4],
  ])('%j nests %i deep', (value, depth) => {
    expect(jsonNesting(value)).toBe(depth);
  });

  it('handles 100,000 levels without recursion', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(jsonNesting(deep)).toBe(100_000);
    expect(jsonNesting(deep, 64)).toBe(65);
  });
});

describe('requestLimitRefusal', () => {
  it('looks at every request of a batch and at GET query strings', () => {
    const deep = `{ a(x: ${'['.repeat(65)}) }`;
    expect(requestLimitRefusal([{ query: '{ a }' }, { query: deep }], {})?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(requestLimitRefusal(undefined, { query: deep })?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(requestLimitRefusal(undefined, { query: '{ a }', variables: '['.repeat(65) + ']'.repeat(65) })?.code).toBe('BAD_REQUEST');
    expect(requestLimitRefusal({ query: '{ a }', variables: { x: [[1]] } }, {})).toBeUndefined();
  });
});
