import { parse, type OperationDefinitionNode } from 'graphql';
import { EstimateCache } from '../../src/cost/estimate-cache';

const operationOf = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

describe('EstimateCache', () => {
  it('prices an operation once per caller kind, and again for other variables', () => {
    const cache = new EstimateCache<{ calls: number }>();
    const operation = operationOf(
      'query($first: Int) { referralWorklist(type: REFERRALS_FOR_REVIEW, first: $first) { edges { node { ubrn } } } }',
    );
    let priced = 0;
    const price = (calls: number) => () => ({ calls: (priced++, calls) });

    expect(cache.get(operation, 'user', { first: 50 }, price(51))).toEqual({ calls: 51 });
    expect(cache.get(operation, 'user', { first: 50 }, price(-1))).toEqual({ calls: 51 });
    expect(priced).toBe(1);
    expect(cache.get(operation, 'user', { first: 10 }, price(11))).toEqual({ calls: 11 });
    expect(cache.get(operation, 'application', { first: 50 }, price(50))).toEqual({ calls: 50 });
    expect(priced).toBe(3);
  });

  it('tells apart two parses of one text only by their operation (a document Apollo forgot is priced again)', () => {
    const cache = new EstimateCache<{ calls: number }>();
    const text = '{ me { userId } }';
    let priced = 0;
    cache.get(operationOf(text), 'user', undefined, () => ({ calls: ++priced }));
    const again = operationOf(text);
    expect(cache.get(again, 'user', {}, () => ({ calls: ++priced }))).toEqual({ calls: 2 });
    // An operation without variable definitions ignores whatever variables are sent.
    expect(cache.get(again, 'user', { junk: 1 }, () => ({ calls: ++priced }))).toEqual({ calls: 2 });
  });

  it('keeps at most 16 variable sets of one operation', () => {
    const cache = new EstimateCache<{ calls: number }>();
    const operation = operationOf('query($n: String!) { referral(ubrn: $n) { ubrn } }');
    let priced = 0;
    for (let i = 0; i < 17; i++) cache.get(operation, 'user', { n: String(i) }, () => ({ calls: ++priced }));
    cache.get(operation, 'user', { n: '16' }, () => ({ calls: ++priced }));
    expect(priced).toBe(17);
    cache.get(operation, 'user', { n: '0' }, () => ({ calls: ++priced }));
    expect(priced).toBe(18);
  });
});
