import { describe, expect, it } from 'vitest';
import { decodeTrace, encodeTrace, TRACE_FORMAT, type TraceFile } from './trace-format.ts';

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

  it('rejects files that are not traces', () => {
    expect(() => decodeTrace('{"format":99}')).toThrow(/not a CALM Playground trace/);
    expect(() => decodeTrace('[]')).toThrow();
    expect(() => decodeTrace('nope')).toThrow();
  });
});
