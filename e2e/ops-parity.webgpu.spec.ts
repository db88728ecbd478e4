import { test, expect, type Page } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';

// The engine ops on WebGPU (SwiftShader, project "webgpu") and on WASM, same arguments and seeds, through
// the window.__calm hook: token ids and sampled choices must be equal, floats within FLOAT_TOL (absolute).
// SwiftShader is slow: tiny work only (a short text, two CALM steps, N ≤ 8, one sweep context, an 8-token race).
test.setTimeout(600_000);

/** Max |a − b| allowed for latents, hidden states and cosines: float32 sums in another order, through a few layers. */
const FLOAT_TOL = 1e-3;
const TEXT = 'Once upon a time, a little girl named Lily found a red ball in the park.';
const PROMPT = 'Once upon a time, there was a girl called Ella. She loved to play';

type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown> } };
/** Each op's plain-number summary, or `error` when it failed (so one failing op does not hide the others). */
type Summary = Record<string, { error?: string; ids?: Record<string, number[] | string>; floats?: Record<string, number[]> }>;

function runOps(page: Page): Promise<Summary> {
  return page.evaluate(async ([text, prompt]) => {
    const call = (op: string, args: unknown) => (window as unknown as Hook).__calm.call(op, args) as Promise<any>;
    const arr = (x: ArrayLike<number> | null | undefined) => (x ? Array.from(x) : []);
    const out: Summary = {};
    const run = async (name: string, f: () => Promise<Summary[string]>) => {
      try {
        out[name] = await f();
      } catch (e) {
        const info = (e as { info?: { code: string; message: string } }).info;
        out[name] = { error: info ? `[${info.code}] ${info.message}` : String(e) };
      }
    };
    await run('compress', async () => {
      const r = await call('compress', { text });
      return {
        ids: { ids: r.ids, robust: r.robust.decoded, plain: r.plain.decoded },
        floats: { robustMu: arr(r.robust.mu), robustLogSigma: arr(r.robust.logSigma), plainMu: arr(r.plain.mu) },
      };
    });
    await run('noiseDecode', async () => {
      const r = await call('noiseDecode', { text, sigma: 0.5, seed: 3, scale: 'rel' });
      return { ids: { robust: r.robust.decoded, plain: r.plain.decoded }, floats: { robustCos: r.robust.cosine, plainCos: r.plain.cosine } };
    });
    await run('generate', async () => {
      await call('genStart', { set: 'stories', prompt, seed: 5 });
      const a = await call('genStep', { sampler: 'plain', T: 1, N: 1 });
      const b = await call('genStep', { sampler: 'batch', T: 0.5, N: 8 });
      await call('genReset', {});
      return {
        ids: { step1: a.step.ids, step2: b.step.ids, samples1: a.step.samples.flatMap((s: { ids: number[] }) => s.ids) },
        floats: { hidden1: arr(a.step.hidden), chosen1: arr(a.step.chosen), hidden2: arr(b.step.hidden), chosen2: arr(b.step.chosen) },
      };
    });
    await run('tempSample', async () => {
      const r = await call('tempSample', { set: 'stories', prompt, sampler: 'batch', T: 0.5, N: 8, seed: 2 });
      return { ids: { chosen: r.chosen?.ids ?? [], counts: [r.sampler.n, r.sampler.a, r.sampler.draws] } };
    });
    await run('tempSweep', async () => {
      const r = await call('tempSweep', { set: 'stories', Ts: [1], Ns: [2], contexts: 1, pairs: 1, seed: 1 });
      const rates = (ps: { collision: { value: number }; diversity: { value: number }; firstToken: { value: number }; chunk: { value: number } }[]) =>
        ps.flatMap((p) => [p.collision.value, p.diversity.value, p.firstToken.value, p.chunk.value]);
      return { floats: { calm: rates(r.calm), baseline: rates(r.baseline) } };
    });
    await run('race', async () => {
      const r = await call('raceRun', { set: 'stories', prompt, tokens: 8, seed: 1, T: 1 });
      return { ids: { calm: r.calm?.text ?? '', baseline: r.baseline?.text ?? '', tokens: [r.tokens, r.calm?.tokens ?? -1, r.baseline?.tokens ?? -1] } };
    });
    return out;
  }, [TEXT, PROMPT] as const);
}

test('compress, noise, generate, temperature and race give the same answers on WebGPU as on WASM', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await readyApp(page, 300_000);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  const t0 = Date.now();
  const gpu = await runOps(page);
  const gpuMs = Date.now() - t0;

  const other = await browser.newPage();
  await other.goto('/?backend=wasm');
  await readyApp(other);
  await expect(other.getByTestId('backend-badge')).toHaveText('wasm');
  const t1 = Date.now();
  const cpu = await runOps(other);
  const cpuMs = Date.now() - t1;
  await other.close();
  console.log(`[measure] ops parity: WebGPU (SwiftShader) ${gpuMs} ms, WASM ${cpuMs} ms for the same ops`);

  for (const op of Object.keys(cpu)) {
    const g = gpu[op];
    const c = cpu[op];
    expect.soft(g.error, `${op} on WebGPU`).toBeUndefined();
    expect.soft(c.error, `${op} on WASM`).toBeUndefined();
    if (g.error || c.error) continue;
    for (const [k, v] of Object.entries(c.ids ?? {})) {
      expect.soft(g.ids?.[k], `${op}.${k} (ids)`).toEqual(v);
      expect.soft(v.length, `${op}.${k} is empty: nothing compared`).toBeGreaterThan(0);
    }
    for (const [k, v] of Object.entries(c.floats ?? {})) {
      const w = g.floats?.[k] ?? [];
      expect.soft(w.length, `${op}.${k} length`).toBe(v.length);
      const diff = v.reduce((m, x, i) => Math.max(m, Math.abs(x - w[i])), 0);
      console.log(`[measure] ops parity ${op}.${k}: ${v.length} numbers, max |webgpu − wasm| ${diff.toExponential(2)}`);
      expect.soft(diff, `${op}.${k} max abs diff`).toBeLessThanOrEqual(FLOAT_TOL);
    }
  }
  expect(errors).toEqual([]);
});
