import { describe, expect, it } from 'vitest';
import { BadHashError } from '../model/errors.ts';
import type { OpContext, OpHandler } from './context.ts';
import { Dispatcher, EngineError, toErrorInfo } from './dispatcher.ts';
import type { EngineModels } from './models.ts';
import type { FromEngine, ToEngine } from './protocol.ts';

type H = Record<string, OpHandler<unknown, unknown>>;

function setup(handlers: H, opts: { now?: () => number; interval?: number; models?: () => EngineModels } = {}) {
  const out: FromEngine[] = [];
  const waiters: Array<() => void> = [];
  const d = new Dispatcher({
    handlers,
    post: (m) => {
      out.push(m);
      waiters.splice(0).forEach((w) => w());
    },
    models: opts.models ?? (() => ({}) as EngineModels),
    now: opts.now,
    progressIntervalMs: opts.interval,
  });
  const call = (id: number, op: string, args: unknown = {}) => d.handle({ kind: 'call', id, op, args } as ToEngine);
  const cancel = (id: number) => d.handle({ kind: 'cancel', id } as ToEngine);
  /** Resolve once a final message (result/error) for `id` arrived. */
  const settled = async (id: number) => {
    for (;;) {
      const m = out.find((x) => (x.kind === 'result' || x.kind === 'error') && x.id === id);
      if (m) return m;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { d, out, call, cancel, settled };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dispatcher', () => {
  it('runs calls one at a time, in arrival order', async () => {
    const log: string[] = [];
    let active = 0;
    const op = (name: string, ms: number): OpHandler<unknown, unknown> => async () => {
      active++;
      expect(active).toBe(1);
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      active--;
      return name;
    };
    const { call, settled, out } = setup({ slow: op('slow', 30), fast: op('fast', 1), mid: op('mid', 10) });
    call(1, 'slow');
    call(2, 'fast');
    call(3, 'mid');
    await settled(3);
    expect(log).toEqual(['start slow', 'end slow', 'start fast', 'end fast', 'start mid', 'end mid']);
    expect(out.filter((m) => m.kind === 'result').map((m) => (m as { result: unknown }).result)).toEqual(['slow', 'fast', 'mid']);
  });

  it('cancelling a queued call rejects it at once and it never runs', async () => {
    const ran: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { call, cancel, settled, out } = setup({
      block: async () => {
        await gate;
        ran.push(1);
        return 1;
      },
      other: async () => {
        ran.push(2);
        return 2;
      },
    });
    call(1, 'block');
    call(2, 'other');
    cancel(2);
    const m = out.find((x) => x.kind === 'error' && x.id === 2);
    expect(m).toMatchObject({ kind: 'error', id: 2, error: { code: 'cancelled' } }); // synchronous: before the running call ends
    release();
    await settled(1);
    await sleep(5);
    expect(ran).toEqual([1]);
  });

  it('cancelling the running call stops it at its next ctx.yield()', async () => {
    let steps = 0;
    const { call, cancel, settled } = setup({
      loop: async (_a: unknown, ctx: OpContext) => {
        for (let i = 0; i < 1000; i++) {
          steps++;
          await ctx.yield();
        }
        return 'finished';
      },
      after: async () => 'after ran',
    });
    call(1, 'loop');
    call(2, 'after');
    await sleep(5);
    cancel(1);
    expect(await settled(1)).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
    expect(steps).toBeLessThan(1000);
    expect(await settled(2)).toMatchObject({ kind: 'result', result: 'after ran' });
  });

  it('a cancelled call that finishes without yielding still reports cancelled', async () => {
    const { call, cancel, settled } = setup({
      noYield: async () => {
        await sleep(10);
        return 'x';
      },
    });
    call(1, 'noYield');
    await sleep(1);
    cancel(1);
    expect(await settled(1)).toMatchObject({ kind: 'error', error: { code: 'cancelled' } });
  });

  it('maps errors: typed errors keep code, message, fix and file; others become internal', async () => {
    const { call, settled } = setup({
      bad: async () => {
        throw new BadHashError('ae-robust/weights.bin', 'a'.repeat(64), 'b'.repeat(64));
      },
      boom: async () => {
        throw new TypeError('x is undefined');
      },
      notReady: async (_a: unknown, ctx: OpContext) => ctx.models,
    }, { models: () => { throw new EngineError('not-ready', 'The models are not loaded yet.', 'Wait.'); } });
    call(1, 'bad');
    call(2, 'boom');
    call(3, 'nope');
    call(4, 'notReady');
    expect(await settled(1)).toMatchObject({ error: { code: 'bad-hash', file: 'ae-robust/weights.bin', message: expect.stringMatching(/corrupted/), fix: expect.stringMatching(/Restore/) } });
    expect(await settled(2)).toMatchObject({ error: { code: 'internal', message: expect.stringMatching(/x is undefined/), fix: expect.any(String) } });
    expect(await settled(3)).toMatchObject({ error: { code: 'unknown-op', message: expect.stringMatching(/"nope"/) } });
    expect(await settled(4)).toMatchObject({ error: { code: 'not-ready' } });
    expect(toErrorInfo('a string')).toMatchObject({ code: 'internal', message: expect.stringMatching(/a string/) });
  });

  it('throttles progress: first and label changes at once, then at most one per interval, final always', async () => {
    let t = 0;
    const { call, settled, out } = setup({
      work: async (_a: unknown, ctx: OpContext) => {
        ctx.progress({ done: 0, total: 100, label: 'a' });
        for (let i = 1; i < 50; i++) {
          t += 5; // 5 ms per step
          ctx.progress({ done: i, total: 100, label: 'a' });
        }
        ctx.progress({ done: 50, total: 100, label: 'b' });
        ctx.progress({ done: 100, total: 100, label: 'b' });
        return null;
      },
    }, { now: () => t, interval: 50 });
    call(1, 'work');
    await settled(1);
    const p = out.filter((m) => m.kind === 'progress').map((m) => (m as { progress: { done: number; label?: string } }).progress);
    expect(p[0]).toMatchObject({ done: 0, label: 'a' });
    expect(p.filter((x) => x.label === 'a').length).toBeLessThanOrEqual(6); // 245 ms of 'a' at ≥ 50 ms apart
    expect(p.filter((x) => x.label === 'a').length).toBeGreaterThanOrEqual(4);
    expect(p.at(-2)).toMatchObject({ done: 50, label: 'b' });
    expect(p.at(-1)).toMatchObject({ done: 100, label: 'b' });
  });

  it('internal work runs between calls, never during one', async () => {
    const log: string[] = [];
    const { d, call, settled } = setup({
      op: async (_a: unknown, ctx: OpContext) => {
        log.push('op start');
        await ctx.yield();
        await sleep(5);
        log.push('op end');
        return null;
      },
    });
    call(1, 'op');
    call(2, 'op');
    await sleep(1);
    const internal = d.runInternal(async () => {
      log.push('internal');
    });
    await internal;
    await settled(2);
    expect(log).toEqual(['op start', 'op end', 'internal', 'op start', 'op end']);
  });
});
