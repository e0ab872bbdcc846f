import fc from 'fast-check';
import { copyWith } from '../../src/util/copy-with';

describe('copyWith', () => {
  // Property names as props and rendered specs have them (no "__proto__": see copyWith's comment).
  const key = fc.constantFrom('a', 'b', 'image', 'resources', 'securityContext', 'ports', 'x-y', '0', '10', 'z');
  const record = fc.dictionary(key, fc.oneof(fc.integer(), fc.string(), fc.constant(undefined), fc.constant(null)));

  test('is the spread { ...base, ...changes }: same keys in the same order, same values', () => {
    fc.assert(fc.property(fc.option(record, { nil: undefined }), fc.option(record, { nil: undefined }), (base, changes) => {
      const spread = { ...base, ...changes };
      const copy = copyWith(base, changes);
      expect(Object.keys(copy)).toEqual(Object.keys(spread));
      expect(copy).toStrictEqual(spread);
    }), { numRuns: 500, seed: 20261207 });
  });

  test('copies: neither input is changed, and the result is a new object', () => {
    const base = Object.freeze({ a: 1, b: { c: 2 } });
    const changes = Object.freeze({ b: { c: 3 }, d: 4 });
    const copy = copyWith(base, changes);
    expect(copy).toEqual({ a: 1, b: { c: 3 }, d: 4 });
    expect(copy).not.toBe(base);
    expect(base).toEqual({ a: 1, b: { c: 2 } });
  });
});
