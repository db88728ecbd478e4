import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.ts';

/** A fake engine whose calls finish when the test says so. */
function fakeEngine() {
  const calls: { args: number; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const run = (args: number) => new Promise<string>((resolve, reject) => calls.push({ args, resolve, reject }));
  return { calls, run };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Coalescer', () => {
  it('keeps one call in flight, replaces the pending one, and finishes with the latest value', async () => {
    const eng = fakeEngine();
    const shown: string[] = [];
    const c = new Coalescer(eng.run, (r) => shown.push(r));
    for (const v of [1, 2, 3, 4, 5]) c.request(v);
    expect(eng.calls.map((x) => x.args)).toEqual([1]);
    eng.calls[0].resolve('r1');
    await tick();
    // 1's result is shown (the view follows the drag); of 2…5 only the latest, 5, runs next.
    expect(shown).toEqual(['r1']);
    expect(eng.calls.map((x) => x.args)).toEqual([1, 5]);
    eng.calls[1].resolve('r5');
    await tick();
    expect(shown).toEqual(['r1', 'r5']);
    expect(c.running).toBe(false);
  });

  it('runs at once when idle and reports errors of the latest request only', async () => {
    const eng = fakeEngine();
    const shown: string[] = [];
    const errors: number[] = [];
    const c = new Coalescer(eng.run, (r) => shown.push(r), (_e, a) => errors.push(a));
    c.request(1);
    eng.calls[0].reject(new Error('x'));
    await tick();
    expect(errors).toEqual([1]);
    c.request(2);
    expect(eng.calls).toHaveLength(2);
    eng.calls[1].resolve('r2');
    await tick();
    expect(shown).toEqual(['r2']);
  });

  it('after close, nothing more is shown or started', async () => {
    const eng = fakeEngine();
    const shown: string[] = [];
    const c = new Coalescer(eng.run, (r) => shown.push(r));
    c.request(1);
    c.request(2);
    c.close();
    eng.calls[0].resolve('r1');
    await tick();
    c.request(3);
    expect(eng.calls).toHaveLength(1);
    expect(shown).toEqual([]);
  });
});
