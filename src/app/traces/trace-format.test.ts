import { describe, expect, it } from 'vitest';
import { decodeTrace, encodeTrace, sameTraceArgs, TRACE_FORMAT, type TraceFile } from './trace-format.ts';

describe('trace files', () => {
  it('round-trip typed arrays, nested results and non-finite numbers exactly', () => {
    const t: TraceFile = {
      format: TRACE_FORMAT, name: 'x', op: 'compress', args: { text: 'hi' }, manifestVersion: 'abc', createdAt: 'now', backend: 'node-wasm',
      result: { mu: new Float32Array([0.1, -2.5, 3e-8]), ids: new Int32Array([1, 2, 3]), nested: [{ a: new Uint8Array([255]) }], bad: NaN, big: -Infinity, n: null, s: 'σ' },
    };
    const back = decodeTrace<Record<string, unknown>>(encodeTrace(t));
    expect(back).toEqual(t);
    expect(back.result.mu).toBeInstanceOf(Float32Array);
    expect(back.result.ids).toBeInstanceOf(Int32Array);
    expect(Number.isNaN(back.result.bad)).toBe(true);
  });

  it('writes float32 values short and reads back the very same float32 values', () => {
    const values = new Float32Array(2000);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i * 12.9898) * 43758.5453 * 10 ** ((i % 13) - 8);
    values[0] = 1e-38; // subnormal-adjacent
    values[1] = -3.4028234663852886e38; // float32 max
    const t: TraceFile = { format: TRACE_FORMAT, name: 'f', op: 'x', args: {}, manifestVersion: 'v', createdAt: 'now', backend: 'b', result: { values } };
    const json = encodeTrace(t);
    const back = decodeTrace<{ values: Float32Array }>(json).result.values;
    expect(Array.from(back)).toEqual(Array.from(values));
    expect(json.length).toBeLessThan(JSON.stringify(Array.from(values)).length * 0.75);
  });

  it('rejects files that are not traces', () => {
    expect(() => decodeTrace('{"format":99}')).toThrow(/not a CALM Playground trace/);
    expect(() => decodeTrace('[]')).toThrow();
    expect(() => decodeTrace('nope')).toThrow();
  });

  it('compares trace arguments deeply, whatever the key order', () => {
    expect(sameTraceArgs({ a: 1, b: [1, { c: 'x', d: 2 }] }, { b: [1, { d: 2, c: 'x' }], a: 1 })).toBe(true);
    expect(sameTraceArgs({ sampler: 'plain', T: 1 }, { sampler: 'batch', T: 0.5 })).toBe(false);
    expect(sameTraceArgs({ a: 1 }, { a: 1, T: 1 })).toBe(false);
    expect(sameTraceArgs([1, 2], [2, 1])).toBe(false);
  });
});
