/**
 * The engine's state inside the worker: which backend runs, the weights source and the loaded models.
 * Start-up (backend → weights → tensors → warm-up), on-demand model sets, and recovery when a WebGPU
 * device is lost (rebuild on the next backend and keep going). Ops modules reach the models through
 * `ctx.models`; one that needs a language-model set calls `ensureSet(set, ctx)`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CalmError } from '../model/errors.ts';
import type { ByteSource } from '../model/load.ts';
import { chooseBackend, type AdapterFacts } from './backend.ts';
import type { OpContext } from './context.ts';
import { EngineError, toErrorInfo } from './dispatcher.ts';
import { coreBytes, disposeModels, loadCoreModels, loadLMSet, setBytes, type EngineModels, type LoadedLMSet } from './models.ts';
import { WARMUP_LABEL, WEIGHTS_LABEL, type InitArgs, type InitResult, type MemoryResult } from './ops/core.types.ts';
import type { BackendInfo, BackendName, EngineErrorInfo, FromEngine, ModelSetName } from './protocol.ts';
import { currentGpuDevice, currentWasmThreads, dropTfBackend, probeAdapter, startTfBackend, watchDeviceLoss, type GPUDeviceLostInfoLike } from './tf-start.ts';
import { warmUpTasks } from './warmup.ts';
import { openWeights, type WeightsSource } from './weights-source.ts';

type Progress = Pick<OpContext, 'progress' | 'yield'>;

export interface RuntimeHooks {
  post(msg: FromEngine): void;
  /** Run work between calls (never alongside one). */
  runInternal(work: () => Promise<void>): Promise<void>;
  /** Drop every ops module's cached tensors. */
  resetCaches(): void;
}

export class DeviceLostError extends CalmError {
  constructor(detail: string) {
    super('device-lost', `The GPU device was lost while this was running (${detail}).`,
      'Run it again: the engine has moved to another backend and reloaded the models.');
    this.name = 'DeviceLostError';
  }
}

function baseUrl(path: string): string {
  const here = (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  return new URL(path, here).href;
}

export function memoryNow(): MemoryResult {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

class Runtime {
  backend: BackendInfo | null = null;
  private adapter: AdapterFacts = { status: 'no-api' };
  private weights: WeightsSource | null = null;
  private loaded: EngineModels | null = null;
  private hooks: RuntimeHooks = { post: () => {}, runInternal: (w) => w(), resetCaches: () => {} };
  /** Set while a lost device is being replaced; the running call's error is reported as 'device-lost'. */
  private lostDetail: string | null = null;
  /** Set when recovery failed: every later call gets this error. */
  private broken: EngineErrorInfo | null = null;
  private watchGeneration = 0;

  configure(hooks: Partial<RuntimeHooks>): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  get models(): EngineModels {
    if (this.broken) throw new EngineError(this.broken.code, this.broken.message, this.broken.fix, this.broken.file);
    if (!this.loaded) {
      throw new EngineError('not-ready', 'The models are not loaded yet.', 'Wait until the app says it is ready, or press Retry if loading failed.');
    }
    return this.loaded;
  }

  /** The error a call should report when the GPU went away under it. */
  mapError(_e: unknown): EngineErrorInfo | undefined {
    return this.lostDetail ? toErrorInfo(new DeviceLostError(this.lostDetail)) : undefined;
  }

  private wasmBase(): string {
    return baseUrl(`${import.meta.env.BASE_URL}tfjs-wasm/`);
  }

  private async startBackend(requested: BackendName | null, exclude: BackendName[] = []): Promise<BackendInfo> {
    const { info } = await chooseBackend(requested, this.adapter, (name) => startTfBackend(name, this.wasmBase()), exclude);
    const threads = info.name === 'wasm' ? currentWasmThreads() : null;
    if (threads) info.wasmThreads = threads;
    this.backend = info;
    const generation = ++this.watchGeneration;
    watchDeviceLoss((lost) => {
      if (generation === this.watchGeneration) this.onDeviceLost(lost);
    });
    return info;
  }

  /** Byte source that counts what it delivers and how long reading took. */
  private countingSource(onBytes: (n: number) => void): { source: ByteSource; readMs: () => number } {
    const weights = this.weights!;
    let ms = 0;
    const inner = weights.source(onBytes);
    return {
      source: async (p) => {
        const t = performance.now();
        try {
          return await inner(p);
        } finally {
          ms += performance.now() - t;
        }
      },
      readMs: () => ms,
    };
  }

  private async warmUp(sets: LoadedLMSet[], ctx: Progress, includeCore: boolean): Promise<number> {
    const t = performance.now();
    const tasks = warmUpTasks(this.loaded!, sets).filter((task) => includeCore || !task.name.startsWith('ae-'));
    for (let i = 0; i < tasks.length; i++) {
      ctx.progress({ done: i, total: tasks.length, label: `${WARMUP_LABEL}: ${tasks[i].name}` });
      await ctx.yield();
      await tasks[i].run();
    }
    ctx.progress({ done: tasks.length, total: tasks.length, label: `${WARMUP_LABEL}: done` });
    return performance.now() - t;
  }

  private disposeAll(): void {
    try {
      this.hooks.resetCaches();
    } catch {
      // a module's cache on a dead backend may fail to free; it is dropped either way
    }
    if (this.loaded) {
      try {
        disposeModels(this.loaded);
      } catch {
        // same
      }
    }
    this.loaded = null;
  }

  async init(args: InitArgs, ctx: Progress): Promise<InitResult> {
    this.disposeAll();
    this.broken = null;
    this.adapter = await probeAdapter();
    const backend = await this.startBackend(args.backend);
    this.hooks.post({ kind: 'backend', info: backend });

    const t0 = performance.now();
    this.weights = await openWeights(baseUrl(args.weightsBase));
    const manifest = this.weights.manifest;
    const total = coreBytes(manifest) + setBytes(manifest, args.set);
    let done = 0;
    let file = '';
    const counting = this.countingSource((n) => {
      done += n;
      ctx.progress({ done, total, label: `${WEIGHTS_LABEL}: ${file}` });
    });
    const source: ByteSource = (p) => {
      file = p;
      ctx.progress({ done, total, label: `${WEIGHTS_LABEL}: ${p}` });
      return counting.source(p);
    };
    const models = await loadCoreModels(source, manifest);
    this.loaded = models;
    const set = await loadLMSet(models, source, args.set);
    const loadTotal = performance.now() - t0;
    const warmupMs = await this.warmUp([set], ctx, true);
    return {
      backend: this.backend!,
      manifestVersion: manifest.version,
      weightBytes: done,
      fromCache: this.weights.stats.networkBytes === 0,
      timings: { loadMs: counting.readMs(), buildMs: Math.max(0, loadTotal - counting.readMs()), warmupMs },
    };
  }

  /** Make sure a language-model set is loaded and warm; reports bytes, then warm-up, on `ctx`. */
  async ensureSet(set: ModelSetName, ctx: Progress): Promise<{ set: LoadedLMSet; weightBytes: number }> {
    const models = this.models;
    const have = models.sets[set];
    if (have) return { set: have, weightBytes: 0 };
    const total = setBytes(models.manifest, set);
    let done = 0;
    const label = `${WEIGHTS_LABEL}: the ${set} models`;
    ctx.progress({ done, total, label });
    const counting = this.countingSource((n) => {
      done += n;
      ctx.progress({ done, total, label });
    });
    const loaded = await loadLMSet(models, counting.source, set);
    await this.warmUp([loaded], ctx, false);
    return { set: loaded, weightBytes: done };
  }

  /**
   * Load models an op asks for on demand (the Bandwidth panel's K dial) through the verified weights
   * source, reporting `total` bytes under `label` on ctx. Returns what `load` gives and the bytes read.
   */
  async loadExtra<T>(total: number, label: string, ctx: Progress, load: (source: ByteSource, models: EngineModels) => Promise<T>): Promise<{ value: T; bytes: number }> {
    const models = this.models;
    let done = 0;
    ctx.progress({ done, total, label: `${WEIGHTS_LABEL}: ${label}` });
    const counting = this.countingSource((n) => {
      done += n;
      ctx.progress({ done, total, label: `${WEIGHTS_LABEL}: ${label}` });
    });
    const value = await load(counting.source, models);
    return { value, bytes: done };
  }

  resetCaches(): MemoryResult {
    this.hooks.resetCaches();
    const m = this.loaded;
    const heads = m ? [...Object.values(m.sets).map((s) => s?.calm.fast), ...[...(m.bandwidth?.lms.values() ?? [])].map((l) => l.calm.fast)] : [];
    return { ...memoryNow(), backendOnlyTensors: heads.filter((f) => f?.head.packedTensors).length };
  }

  /** Test hook: destroy the WebGPU device (what a driver reset does). */
  loseDevice(): { lost: boolean } {
    const device = currentGpuDevice();
    if (!device) return { lost: false };
    device.destroy();
    return { lost: true };
  }

  private onDeviceLost(info: GPUDeviceLostInfoLike): void {
    const detail = `${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}`;
    this.lostDetail = detail;
    void this.hooks.runInternal(() => this.recover(detail));
  }

  /** Rebuild on the next backend: drop every tensor of the dead device, reload the models, warm up. */
  private async recover(detail: string): Promise<void> {
    const dead = this.backend;
    const sets = this.loaded ? (Object.keys(this.loaded.sets) as ModelSetName[]) : [];
    this.disposeAll();
    dropTfBackend('webgpu');
    const quiet: Progress = { progress: () => {}, yield: () => Promise.resolve() };
    try {
      const info = await this.startBackend(null, ['webgpu']);
      this.backend = { ...info, requested: dead?.requested ?? null, reason: `The GPU device was lost (${detail}); ${info.reason.charAt(0).toLowerCase()}${info.reason.slice(1)}` };
      const src = this.countingSource(() => {}).source;
      const models = await loadCoreModels(src, this.weights!.manifest);
      this.loaded = models;
      const loadedSets: LoadedLMSet[] = [];
      for (const s of sets) loadedSets.push(await loadLMSet(models, src, s));
      await this.warmUp(loadedSets, quiet, true);
      this.hooks.post({
        kind: 'backend',
        info: this.backend,
        notice: `The GPU stopped working (${detail}). The engine moved to ${info.name} and reloaded the models; it may be slower.`,
      });
    } catch (e) {
      this.broken = {
        code: 'device-lost',
        message: `The GPU device was lost (${detail}) and the engine could not restart on another backend: ${toErrorInfo(e).message}`,
        fix: 'Reload the page (or press Retry).',
      };
      if (dead) this.hooks.post({ kind: 'backend', info: dead, notice: this.broken.message });
    } finally {
      this.lostDetail = null;
    }
  }
}

export const runtime = new Runtime();

/** For ops that need a language-model set: loads it (with progress on ctx) unless it is there. */
export async function ensureSet(set: ModelSetName, ctx: Progress): Promise<LoadedLMSet> {
  return (await runtime.ensureSet(set, ctx)).set;
}
