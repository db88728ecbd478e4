/**
 * Race operations: CALM and the discrete baseline generate the same number of tokens from one prompt.
 *
 * Both lanes start from the same framing (one chunk of K eos tokens, then the prompt; CALM's prompt is
 * left-padded with eos to whole chunks). At T = 1 (the default) both sample plainly: one head sample and
 * decode for CALM, one draw from the softmax for the baseline. At T = ½ each samples at ½ the only way it
 * can, and the two are different things: CALM, which has no probabilities, uses the batch sampler
 * (CALM.md §5, src/model/sampling/batch.ts: RACE_CALM_BATCH head samples in one call, decoded in one call,
 * a chunk seen c times weighs C(c, 2)); the baseline divides its logits by ½ before the softmax (exact).
 * Each lane keeps its own clock: the engine wall time of its own steps (backbone step, CALM's head samples,
 * decode and batch rule or the baseline's softmax, the read-back and the sampling), prefill excluded and
 * reported apart; on a GPU each step also waits for the work it queued (settle), so no lane's clock holds the
 * other's. The lanes are interleaved — the one with less time on its clock steps next — so both
 * advance at once, and the engine yields every ~40 ms (progress with the live counters in the label,
 * cancel). An end-of-text
 * token does not stop a lane (both produce exactly `tokens` tokens). Before the timed run each model
 * generates 8 untimed warm-up tokens (first calls set up kernels). Past the models' trained context
 * (32 chunks / 128 tokens) positions continue (RoPE) — the timing is unaffected.
 * Every tensor is freed when the op ends, cancelled or not.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, transposedEmbedding } from '../../model/autoencoder.ts';
import { baselineStep, newBaselineCache, type BaselineConfig } from '../../model/baseline.ts';
import { calmStep, newCalmCache, sampleChunks, type CalmConfig } from '../../model/calm.ts';
import { FastBaseline } from '../../model/fast/lm.ts';
import { leftPadPrompt } from '../../model/chunking.ts';
import { CalmError } from '../../model/errors.ts';
import { baselineFlopsPerToken, calmFlopsPerToken } from '../../model/flops.ts';
import { deriveSeed, makeRng, sampleFromProbs, type Rng } from '../../model/random.ts';
import { sampleBatch, type DrawBatch, type Outcome } from '../../model/sampling/index.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { LoadedLMSet } from '../models.ts';
import type { ModelSetName } from '../protocol.ts';
import {
  RACE_CALM_BATCH, RACE_DEFAULTS, RACE_LIMITS, RACE_TEMPERATURES, raceLabel,
  type RaceArgs, type RaceLaneResult, type RaceModel, type RaceOps, type RaceResult, type RaceTemperature,
} from './race.types.ts';

/** One model's generation, one step at a time (at the lane's temperature, no stop at end-of-text). */
export interface Lane {
  readonly model: RaceModel;
  readonly tokensPerStep: number;
  /** Samples drawn per step (CALM's batch size at T < 1; otherwise 1). */
  readonly drawsPerStep: number;
  /** Run the prompt through the backbone (one pass). */
  prefill(): Promise<void>;
  /**
   * Produce the next tokens (and run the backbone on them if more steps follow). Reads back with
   * `await data()` (never dataSync: a synchronous GPU read is slow on WebGPU and blocks on WebGL).
   */
  step(last: boolean): Promise<number[]>;
  dispose(): void;
  /** Optional per-stage milliseconds, accumulated by step() when set (profiling in Node on WASM). */
  stages?: Record<string, number>;
}

/**
 * Whether a lane keeps its draw on the device and queues the next step before reading back. CALM does on
 * WebGPU and WebGL: its ids are an argmax already on the device, and the next backbone step takes them there.
 * The baseline's device draw (FastBaseline.drawOnDevice: softmax, cumsum, a count; one id read back instead
 * of V probabilities) is built and tested, but measured no faster on the GPUs we have (2026-12-05, headless
 * Chromium, both software: WebGPU 1.80 vs 1.85 tokens/s, WebGL 7.58 vs 8.11 with the host draw; CALM's device
 * path measured the same as its host path there too), so the baseline reads its probabilities back. On a real
 * GPU, where a read-back costs a round trip, measure again and list the backend in BASELINE_DEVICE_DRAW.
 * On WASM and CPU a read-back is a copy: both draw on the host.
 */
export function drawOnDevice(model: RaceModel): boolean {
  if (drawOnDeviceOverride !== null) return drawOnDeviceOverride;
  return model === 'calm' ? onGpu() : BASELINE_DEVICE_DRAW.includes(tf.getBackend());
}

/** A backend whose kernels run later on a device (WebGPU, WebGL): reading back waits for queued work. */
function onGpu(): boolean {
  const b = tf.getBackend();
  return b === 'webgpu' || b === 'webgl';
}

/** Backends where the baseline draws on the device (none yet: see drawOnDevice). */
const BASELINE_DEVICE_DRAW: readonly string[] = [];

let drawOnDeviceOverride: boolean | null = null;

/** Tests: force the device-draw path (true), the host one (false), or choose by backend (null). */
export function setDrawOnDevice(v: boolean | null): void {
  drawOnDeviceOverride = v;
}

/**
 * On a GPU backend, wait until the work a lane queued for its next step has run, so that a lane's clock holds
 * its own work only: the lanes are interleaved, and the next read-back of either lane would otherwise wait for
 * (and be charged with) the other's queued step. One element of the result is read (a slice queued after it).
 * WASM and CPU run every kernel when it is called: nothing to wait for.
 */
async function settle(t: tf.Tensor | null, stages?: Record<string, number>): Promise<void> {
  if (!t || !onGpu()) return;
  const t0 = performance.now();
  const one = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), [0], [1]));
  try {
    await one.data();
  } finally {
    one.dispose();
  }
  lap(stages, 'settle', t0);
}

/** Add the time since t0 to a stage (when profiling) and return now. */
function lap(stages: Record<string, number> | undefined, name: string, t0: number): number {
  const now = performance.now();
  if (stages) stages[name] = (stages[name] ?? 0) + now - t0;
  return now;
}

/** Context positions a lane needs: eos chunk + prompt + generated (the cache may go past maxLen). */
function widened<C extends { backbone: { maxLen: number } }>(cfg: C, positions: number): C {
  return { ...cfg, backbone: { ...cfg.backbone, maxLen: Math.max(cfg.backbone.maxLen, positions) } };
}

export class CalmLane implements Lane {
  readonly model = 'calm' as const;
  readonly tokensPerStep: number;
  readonly drawsPerStep: number;
  private cfg: CalmConfig;
  private cache;
  /** Embᵀ for the general decoder (only without a prepared one). */
  private embT: tf.Tensor2D | null;
  private h: tf.Tensor | null = null;
  private rng: Rng;
  /** Picks among the batch's candidates (T < 1 only; separate from the head's noise seeds). */
  private pickRng: Rng;
  private start: Int32Array;

  /** T = 1: one plain head sample per step; T < 1: the batch sampler with N = RACE_CALM_BATCH. */
  constructor(
    private readonly lm: LoadedLMSet, prompt: ArrayLike<number>, eosId: number, tokens: number, seed: number,
    private readonly T: RaceTemperature = 1,
  ) {
    const K = lm.calm.cfg.K;
    this.tokensPerStep = K;
    this.drawsPerStep = T < 1 ? RACE_CALM_BATCH : 1;
    const body = prompt.length > 0 ? leftPadPrompt(prompt, K, eosId) : new Int32Array(0);
    this.start = new Int32Array(K + body.length).fill(eosId);
    this.start.set(body, K);
    this.cfg = widened(lm.calm.cfg, this.start.length / K + Math.ceil(tokens / K));
    this.cache = newCalmCache(this.cfg);
    this.embT = lm.ae.fast ? null : transposedEmbedding(lm.ae.params);
    this.rng = makeRng(seed);
    this.pickRng = makeRng(deriveSeed(seed, 'pick'));
  }

  async prefill(): Promise<void> {
    const K = this.tokensPerStep;
    const x = tf.tensor3d(this.start, [1, this.start.length / K, K], 'int32');
    try {
      this.h = calmStep(this.lm.calm.params, this.cfg, x, this.cache);
    } finally {
      x.dispose();
    }
    await this.h.data(); // finish the work inside the prefill's time
  }

  stages?: Record<string, number>;

  /** `n` head samples for the last position of h in ONE head call, decoded in ONE decoder call: ids [n, K] on the device. */
  private drawIds(h: tf.Tensor, n: number): tf.Tensor2D {
    const { calm, ae } = this.lm;
    const d = this.cfg.backbone.d;
    let t = performance.now();
    const seed = Math.floor(this.rng.next() * 2 ** 32);
    const z = tf.tidy(() => {
      // A one-position h needs no slice (a Slice kernel costs more than a reshape).
      const last = h.shape[1] === 1 ? h : tf.slice(h, [0, h.shape[1]! - 1, 0], [1, 1, d]);
      const row = tf.reshape(last, [1, d]) as tf.Tensor2D;
      // The prepared head when the engine made one (same samples for the same seed), else the general one.
      return calm.fast ? calm.fast.sample(row, n, seed) : sampleChunks(calm.params, this.cfg, row, n, seed);
    });
    t = lap(this.stages, 'energyHead', t);
    const ids = ae.fast ? ae.fast.decodeIds(z) : decodeIds(ae.params, ae.cfg, z, this.embT ?? undefined);
    z.dispose();
    lap(this.stages, 'aeDecode', t);
    return ids;
  }

  /** drawIds, read back: n chunks of K ids. */
  private async draw(h: tf.Tensor, n: number): Promise<Outcome[]> {
    const K = this.tokensPerStep;
    const ids = this.drawIds(h, n);
    const t = performance.now();
    const out: Outcome[] = [];
    try {
      const flat = await ids.data();
      for (let i = 0; i < n; i++) out.push(Array.from(flat.subarray(i * K, (i + 1) * K)));
    } finally {
      ids.dispose();
    }
    lap(this.stages, 'readback', t);
    return out;
  }

  async step(last: boolean): Promise<number[]> {
    const chunk = await this.advance(last);
    await settle(this.h, this.stages);
    return chunk;
  }

  private async advance(last: boolean): Promise<number[]> {
    const { calm } = this.lm;
    const h = this.h!;
    let chunk: number[];
    if (this.drawsPerStep === 1 && calm.fast && drawOnDevice('calm')) {
      // GPU: the next backbone step takes the decoded ids where they are, so it is queued before the
      // ids are read back and the read-back wait overlaps it (one submission a step, not two).
      const ids = this.drawIds(h, 1);
      h.dispose();
      this.h = null;
      try {
        let t = performance.now();
        if (!last) this.h = calm.fast.step(ids, this.cache);
        t = lap(this.stages, 'backboneStep', t);
        chunk = Array.from(await ids.data());
        lap(this.stages, 'readback', t);
      } finally {
        ids.dispose();
      }
      return chunk;
    }
    if (this.drawsPerStep === 1) {
      chunk = [...(await this.draw(h, 1))[0]];
    } else {
      // The batch sampler (CALM.md §5): one batch of N chunks, the C(count, 1/T) rule picks one.
      const source: DrawBatch = (n) => this.draw(h, n);
      const r = await sampleBatch(source, this.T, this.drawsPerStep, this.pickRng, { maxDraws: this.drawsPerStep, maxLog: 0 });
      // T = 1/n with n whole never gives up (only the fractional extension can): an invariant, not an input error.
      if (r.outcome === null) throw new Error(`race: the batch sampler gave up (${r.message})`);
      chunk = [...r.outcome];
    }
    let t = performance.now();
    h.dispose();
    this.h = null;
    if (!last) {
      if (calm.fast) {
        this.h = calm.fast.step(chunk, this.cache);
      } else {
        const x = tf.tensor3d(chunk, [1, 1, this.tokensPerStep], 'int32');
        try {
          this.h = calmStep(calm.params, this.cfg, x, this.cache);
        } finally {
          x.dispose();
        }
      }
      lap(this.stages, 'backboneStep', t);
    }
    return chunk;
  }

  dispose(): void {
    this.h?.dispose();
    this.h = null;
    this.cache.dispose();
    this.embT?.dispose();
    this.embT = null;
  }
}

export class BaselineLane implements Lane {
  readonly model = 'baseline' as const;
  readonly tokensPerStep = 1;
  readonly drawsPerStep = 1;
  private cfg: BaselineConfig;
  private cache;
  private logits: tf.Tensor | null = null;
  private rng: Rng;
  private start: Int32Array;

  /** T = 1: one draw from softmax(logits); T < 1: one draw from softmax(logits / T) (softmax temperature). */
  constructor(
    private readonly lm: LoadedLMSet, prompt: ArrayLike<number>, eosId: number, tokens: number, seed: number, K: number,
    private readonly T: RaceTemperature = 1,
  ) {
    this.start = new Int32Array(K + prompt.length).fill(eosId);
    this.start.set(Int32Array.from(prompt), K);
    this.cfg = widened(lm.baseline.cfg, this.start.length + tokens);
    this.cache = newBaselineCache(this.cfg);
    this.rng = makeRng(seed);
  }

  private feed(ids: Int32Array): void {
    const x = tf.tensor2d(ids, [1, ids.length], 'int32');
    try {
      const logits = baselineStep(this.lm.baseline.params, this.cfg, x, this.cache);
      // Keep only the last position's logits [V].
      this.logits = tf.tidy(() => tf.reshape(tf.slice(logits, [0, ids.length - 1, 0], [1, 1, this.cfg.vocabSize]), [this.cfg.vocabSize]));
      logits.dispose();
    } finally {
      x.dispose();
    }
  }

  async prefill(): Promise<void> {
    this.feed(this.start);
    await this.logits!.data();
  }

  stages?: Record<string, number>;

  async step(last: boolean): Promise<number[]> {
    const next = await this.advance(last);
    await settle(this.logits, this.stages);
    return next;
  }

  private async advance(last: boolean): Promise<number[]> {
    const logits = this.logits!;
    let t = performance.now();
    const T = this.T;
    const fast = this.lm.baseline.fast;
    if (fast && drawOnDevice('baseline')) {
      // GPU: the token is drawn on the device (one id read back, not V probabilities) and the next step
      // is queued with it before the read-back, as CALM's lane does with its chunk.
      const id = tf.tidy(() => FastBaseline.drawOnDevice(logits as tf.Tensor1D, T, this.rng.next()));
      logits.dispose();
      this.logits = null;
      try {
        t = lap(this.stages, 'drawOnDevice', t);
        if (!last) this.logits = fast.step(id, this.cache);
        t = lap(this.stages, 'backboneStepAndHead', t);
        const next = (await id.data())[0];
        lap(this.stages, 'readback', t);
        return [next];
      } finally {
        id.dispose();
      }
    }
    const p = T === 1 ? tf.softmax(logits) : tf.tidy(() => tf.softmax(tf.div(logits, tf.scalar(T))));
    logits.dispose();
    this.logits = null;
    let probs: Float32Array;
    try {
      probs = (await p.data()) as Float32Array;
    } finally {
      p.dispose();
    }
    t = lap(this.stages, 'softmaxAndReadback', t);
    const next = sampleFromProbs(probs, this.rng.next());
    t = lap(this.stages, 'sampling', t);
    if (!last) {
      if (fast) this.logits = fast.step(next, this.cache);
      else this.feed(Int32Array.of(next));
      lap(this.stages, 'backboneStepAndHead', t);
    }
    return [next];
  }

  dispose(): void {
    this.logits?.dispose();
    this.logits = null;
    this.cache.dispose();
  }
}

function bad(message: string, fix: string): CalmError {
  return new CalmError('bad-input', message, fix);
}

export interface RaceSettings {
  set: ModelSetName;
  prompt: string;
  tokens: number;
  seed: number;
  models: RaceModel[];
  T: RaceTemperature;
}

export function raceSettings(args: RaceArgs): RaceSettings {
  const tokens = args.tokens ?? RACE_DEFAULTS.tokens;
  const seed = args.seed ?? RACE_DEFAULTS.seed;
  const models = args.models ?? ['calm', 'baseline'];
  const T: number = args.T ?? RACE_DEFAULTS.T;
  if (args.set !== 'stories' && args.set !== 'austen') throw bad(`Unknown model set ${JSON.stringify(args.set)}.`, 'Choose stories or austen.');
  if (typeof args.prompt !== 'string') throw bad('The prompt is missing.', 'Type a prompt (it may be empty).');
  if (args.prompt.length > RACE_LIMITS.maxPromptChars) {
    throw bad(`The prompt is ${args.prompt.length} characters long; the limit is ${RACE_LIMITS.maxPromptChars}.`, 'Shorten the prompt.');
  }
  if (!Number.isInteger(tokens) || tokens < RACE_LIMITS.minTokens || tokens > RACE_LIMITS.maxTokens) {
    throw bad(`Tokens to generate must be a whole number from ${RACE_LIMITS.minTokens} to ${RACE_LIMITS.maxTokens}, got ${String(tokens)}.`, 'Race 128 tokens.');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw bad(`The seed must be a whole number from 0 to 4294967295, got ${String(seed)}.`, 'Use a seed such as 1.');
  if (models.length === 0 || !models.every((m) => m === 'calm' || m === 'baseline')) {
    throw bad(`Race models must be calm and/or baseline, got ${JSON.stringify(models)}.`, 'Race both models.');
  }
  const temperature = RACE_TEMPERATURES.find((x) => x === T);
  if (temperature === undefined) {
    throw bad(`The race temperature must be ${RACE_TEMPERATURES.join(' or ')}, got ${String(T)}.`, 'Race at T = 1 or T = 0.5.');
  }
  return { set: args.set, prompt: args.prompt, tokens, seed, models: [...new Set(models)], T: temperature };
}

/** The parts of calmFlopsPerToken that run once per head sample. */
const PER_DRAW_PARTS: readonly string[] = ['energyHead', 'aeDecoder'];

/**
 * Analytic FLOPs per token of a lane (src/model/flops.ts); CALM's energy head and decoder run once per
 * draw, so at T < 1 they count drawsPerStep times (the backbone still runs once per chunk).
 */
export function laneFlopsPerToken(
  model: RaceModel, lm: LoadedLMSet, meanContext: number, drawsPerStep: number,
): { total: number; parts: Record<string, number> } {
  if (model === 'baseline') return baselineFlopsPerToken(lm.baseline.cfg, meanContext);
  const f = calmFlopsPerToken(lm.calm.cfg, lm.ae.cfg, meanContext);
  if (drawsPerStep === 1) return f;
  const parts: Record<string, number> = {};
  for (const [k, v] of Object.entries(f.parts)) parts[k] = PER_DRAW_PARTS.includes(k) ? v * drawsPerStep : v;
  return { total: Object.values(parts).reduce((a, v) => a + v, 0), parts };
}

/** The set's models (the UI loads them first with the core op loadSet). */
function lmSetFor(ctx: OpContext, set: ModelSetName): LoadedLMSet {
  const have = ctx.models.sets[set];
  if (!have) throw new CalmError('bad-input', `The ${set} models are not loaded yet.`, 'Wait until they finish loading (or choose the model set again), then retry.');
  return have;
}

/** A lane on its own clock: the ids it produced, its steps and engine milliseconds, the steps it needs. */
export interface ClockedLane {
  lane: Lane;
  ids: number[];
  steps: number;
  ms: number;
  need: number;
  /** Milliseconds of each step, when kept. */
  stepMs?: number[];
}

interface LaneState extends ClockedLane {
  stepMs: number[];
  prefillMs: number;
}

/** Untimed warm-up: `tokens` tokens on a throwaway lane (first calls set up kernels and memory), then free it. */
export async function warmUp(lane: Lane, tokens = WARMUP_TOKENS): Promise<void> {
  try {
    await lane.prefill();
    const n = tokens / lane.tokensPerStep;
    for (let i = 0; i < n; i++) await lane.step(i + 1 === n);
  } finally {
    lane.dispose();
  }
}

/**
 * Step prefilled lanes until each has its `need` steps, interleaved: the lane with the least time on its clock
 * steps next, so all advance at once. Reports (and yields, for cancel) before, every ~40 ms and at the end.
 */
export async function runInterleaved(states: ClockedLane[], ctx: OpContext, report: () => void): Promise<void> {
  report();
  await ctx.yield();
  let sinceYield = performance.now();
  for (;;) {
    const running = states.filter((st) => st.steps < st.need);
    if (running.length === 0) break;
    const st = running.reduce((a, b) => (b.ms < a.ms ? b : a));
    const t0 = performance.now();
    const out = await st.lane.step(st.steps + 1 === st.need);
    const dt = performance.now() - t0;
    st.ms += dt;
    st.stepMs?.push(dt);
    st.steps++;
    st.ids.push(...out);
    if (performance.now() - sinceYield >= YIELD_EVERY_MS) {
      report();
      await ctx.yield();
      sinceYield = performance.now();
    }
  }
  report();
}

/** Decoded text with end-of-text tokens as blank lines. */
export function laneText(ctx: OpContext, ids: number[]): string {
  const eos = ctx.models.tokenizer.eosId;
  const parts: number[][] = [[]];
  for (const t of ids) {
    if (t === eos) parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.map((p) => ctx.models.tokenizer.decode(p)).join('\n\n');
}

const YIELD_EVERY_MS = 40;
const WARMUP_TOKENS = 8;

async function raceRun(args: RaceArgs, ctx: OpContext): Promise<RaceResult> {
  const s = raceSettings(args);
  const lm = lmSetFor(ctx, s.set);
  const tok = ctx.models.tokenizer;
  const prompt = tok.encode(s.prompt);
  const K = lm.calm.cfg.K;
  const states: LaneState[] = [];
  try {
    // Warm-up, untimed: a few tokens of each model on a throwaway cache (first calls set up kernels and
    // memory). The browser still optimises its code over the first second or so of work: a first race
    // after loading reads slower than the next ones (the panel says so).
    for (const m of s.models) {
      const lane = m === 'calm'
        ? new CalmLane(lm, prompt, tok.eosId, WARMUP_TOKENS, 0, s.T)
        : new BaselineLane(lm, prompt, tok.eosId, WARMUP_TOKENS, 0, K, s.T);
      await warmUp(lane);
    }
    await ctx.yield();
    for (const m of s.models) {
      const seed = deriveSeed(s.seed, `race-${m}`);
      const lane = m === 'calm' ? new CalmLane(lm, prompt, tok.eosId, s.tokens, seed, s.T) : new BaselineLane(lm, prompt, tok.eosId, s.tokens, seed, K, s.T);
      states.push({ lane, ids: [], steps: 0, ms: 0, stepMs: [], prefillMs: 0, need: Math.ceil(s.tokens / lane.tokensPerStep) });
    }
    const live = () => {
      const view = (m: RaceModel) => {
        const st = states.find((x) => x.lane.model === m);
        return st ? { tokens: Math.min(s.tokens, st.ids.length), steps: st.steps, ms: st.ms } : null;
      };
      return { calm: view('calm'), baseline: view('baseline') };
    };
    const totalSteps = states.reduce((a, st) => a + st.need, 0);
    const report = () => ctx.progress({ done: states.reduce((a, st) => a + st.steps, 0), total: totalSteps, label: raceLabel(live()) });
    for (const st of states) {
      const t0 = performance.now();
      await st.lane.prefill();
      st.prefillMs = performance.now() - t0;
    }
    await runInterleaved(states, ctx, report);
    const meanContext = K + prompt.length + s.tokens / 2;
    const result = (m: RaceModel): RaceLaneResult | null => {
      const st = states.find((x) => x.lane.model === m);
      if (!st) return null;
      const flops = laneFlopsPerToken(m, lm, meanContext, st.lane.drawsPerStep);
      const ids = st.ids.slice(0, s.tokens);
      return {
        model: m, tokens: ids.length, steps: st.steps, ms: st.ms, tokensPerStep: st.lane.tokensPerStep,
        T: s.T, drawsPerStep: st.lane.drawsPerStep, prefillMs: st.prefillMs,
        tokensPerSecond: st.ms > 0 ? (ids.length / st.ms) * 1000 : 0, stepMs: st.stepMs,
        flopsPerToken: flops.total, flopParts: flops.parts, text: laneText(ctx, ids),
      };
    };
    const calm = result('calm');
    const baseline = result('baseline');
    return {
      set: s.set, promptTokens: prompt.length, tokens: s.tokens, K, T: s.T, calm, baseline,
      speedRatio: calm && baseline && baseline.tokensPerSecond > 0 ? calm.tokensPerSecond / baseline.tokensPerSecond : null,
      stepRatio: calm && baseline && calm.steps > 0 ? baseline.steps / calm.steps : null,
      backend: tf.getBackend(),
    };
  } finally {
    for (const st of states) st.lane.dispose();
  }
}

export const handlers: Handlers<RaceOps> = { raceRun };
