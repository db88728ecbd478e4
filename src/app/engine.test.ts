import { describe, expect, it } from 'vitest';
import { EngineCallError, EngineClient, type WorkerLike } from './engine.ts';
import type { FromEngine, ToEngine } from '../engine/protocol.ts';

/** A fake worker: records what it is sent; `emit` plays the engine's side. */
function fakeWorker() {
  const sent: ToEngine[] = [];
  const listeners: Record<string, Array<(e: unknown) => void>> = {};
  let terminated = false;
  const worker: WorkerLike = {
    postMessage: (m: ToEngine) => void sent.push(m),
    terminate: () => void (terminated = true),
    addEventListener: (type: string, l: (e: never) => void) => void (listeners[type] ??= []).push(l as (e: unknown) => void),
  };
  const emit = (type: string, e: unknown) => listeners[type]?.forEach((l) => l(e));
  const reply = (m: FromEngine) => emit('message', { data: m });
  return { worker, sent, emit, reply, terminated: () => terminated };
}

describe('engine client', () => {
  it('sends typed calls, passes progress, resolves results and rejects typed errors', async () => {
    const f = fakeWorker();
    const c = new EngineClient(() => f.worker);
    const seen: number[] = [];
    const p = c.call('memory', {}, { onProgress: (x) => seen.push(x.done) });
    expect(f.sent[0]).toMatchObject({ kind: 'call', op: 'memory' });
    const id = (f.sent[0] as { id: number }).id;
    f.reply({ kind: 'progress', id, progress: { done: 3, total: 10 } });
    f.reply({ kind: 'result', id, result: { numTensors: 7, numBytes: 28 } });
    await expect(p).resolves.toEqual({ numTensors: 7, numBytes: 28 });
    expect(seen).toEqual([3]);

    const q = c.call('memory', {});
    const id2 = (f.sent[1] as { id: number }).id;
    f.reply({ kind: 'error', id: id2, error: { code: 'bad-hash', message: 'corrupted', fix: 'restore', file: 'x.bin' } });
    await expect(q).rejects.toBeInstanceOf(EngineCallError);
    await expect(q).rejects.toMatchObject({ info: { code: 'bad-hash', file: 'x.bin' } });
  });

  it('aborting rejects with cancelled at once and tells the engine', async () => {
    const f = fakeWorker();
    const c = new EngineClient(() => f.worker);
    const ctl = new AbortController();
    const p = c.call('memory', {}, { signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ info: { code: 'cancelled' } });
    expect(f.sent[1]).toEqual({ kind: 'cancel', id: (f.sent[0] as { id: number }).id });
    // A late answer for the cancelled call is ignored.
    f.reply({ kind: 'result', id: (f.sent[0] as { id: number }).id, result: 1 });
    await expect(c.call('memory', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ info: { code: 'cancelled' } });
  });

  it('a worker that cannot start gives a clear typed error to every call', async () => {
    const f = fakeWorker();
    const c = new EngineClient(() => f.worker);
    const p = c.call('memory', {});
    f.emit('error', { preventDefault() {} }); // a script that failed to load: a plain Event, no message
    await expect(p).rejects.toMatchObject({ info: { code: 'no-worker', message: expect.stringMatching(/could not start/) } });
    await expect(c.call('memory', {})).rejects.toMatchObject({ info: { code: 'no-worker' } });
    expect(f.terminated()).toBe(true);
    const thrown = new EngineClient(() => {
      throw new Error('Module scripts are not supported');
    });
    await expect(thrown.call('memory', {})).rejects.toMatchObject({ info: { code: 'no-worker', message: expect.stringMatching(/Module scripts/) } });
  });

  it('backend messages go to the listener; terminate rejects calls in flight', async () => {
    const f = fakeWorker();
    const events: string[] = [];
    const c = new EngineClient(() => f.worker, (e) => events.push(`${e.info.name}:${e.notice ?? ''}`));
    f.reply({ kind: 'backend', info: { name: 'wasm', reason: 'r' }, notice: 'moved' });
    expect(events).toEqual(['wasm:moved']);
    const p = c.call('memory', {});
    c.terminate();
    await expect(p).rejects.toMatchObject({ info: { code: 'cancelled' } });
    expect(f.terminated()).toBe(true);
  });
});
