/**
 * Train operations (contract in train.types.ts): two autoencoders trained live in the worker.
 *
 * The training sample (public/train/stories.{json,bin}) is fetched when the panel first asks and kept.
 * The session (a LivePair) holds every training tensor; `trainReset`, `resetCaches()` (a backend rebuild,
 * the leak test) and a new setup free them. A custom autoencoder sent to Compress and Noise (`trainUse`,
 * `trainImport`) is a copy held in `models.custom`, freed with the models or when replaced.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBundle, readBundle } from '../../model/ae-bundle.ts';
import type { AEConfig } from '../../model/autoencoder.ts';
import { CalmError } from '../../model/errors.ts';
import { LIVE_MODEL, LIVE_RELATIVE_SIGMAS, LIVE_SWEEP_CHUNKS, LivePair, checkRunSettings, type PairEval } from '../../model/live-training.ts';
import { sha256Hex } from '../../model/load.ts';
import type { Params } from '../../model/params.ts';
import { decodeTrainSample, parseTrainSampleMeta, TRAIN_SAMPLE_K, type TrainSample } from '../../model/train-sample.ts';
import type { Handlers } from '../context.ts';
import { setCustomAE, type EngineModels } from '../models.ts';
import type {
  CustomAEInfo, TrainEvalResult, TrainInfoResult, TrainOps, TrainRunEval, TrainRunName, TrainSetup, TrainStepResult,
} from './train.types.ts';

export type SampleSource = () => Promise<{ metaText: string; bytes: Uint8Array }>;

const fetchSample: SampleSource = async () => {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const get = async (file: string): Promise<Response> => {
    const url = `${base}train/${file}`;
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new CalmError('missing-file', `The training sample (${url}) could not be fetched: ${(e as Error).message}.`, 'Check the connection to the app and retry.', url);
    }
    if (!res.ok) throw new CalmError('missing-file', `The training sample (${url}) is missing (HTTP ${res.status}).`, 'Restore public/train/ (npm run train-sample) and reload.', url);
    return res;
  };
  const metaText = await (await get('stories.json')).text();
  const meta = parseTrainSampleMeta(metaText, 'train/stories.json');
  return { metaText, bytes: new Uint8Array(await (await get(meta.file)).arrayBuffer()) };
};

let sampleSource: SampleSource = fetchSample;
let sample: TrainSample | null = null;

/** Node tests read the sample from disk (null restores fetching). */
export function setSampleSource(s: SampleSource | null): void {
  sampleSource = s ?? fetchSample;
  sample = null;
}

async function loadSample(vocabSize: number): Promise<TrainSample> {
  if (sample) return sample;
  const { metaText, bytes } = await sampleSource();
  const meta = parseTrainSampleMeta(metaText, 'train/stories.json');
  const actual = await sha256Hex(bytes);
  if (actual !== meta.sha256) {
    throw new CalmError('bad-hash', `The training sample train/${meta.file} is corrupted: its SHA-256 is ${actual.slice(0, 12)}…, expected ${meta.sha256.slice(0, 12)}….`,
      'Restore public/train/ (npm run train-sample) and reload.', `train/${meta.file}`);
  }
  sample = decodeTrainSample(meta, bytes, vocabSize);
  return sample;
}

interface Session {
  key: string;
  setup: TrainSetup;
  pair: LivePair;
  models: EngineModels;
  backend: string;
  /** The latest held-out evaluation (its z = μ numbers label exports and "use"). */
  lastEval: PairEval | null;
}

let session: Session | null = null;

function bad(message: string, fix: string): CalmError {
  return new CalmError('bad-input', message, fix);
}

function dropSession(): boolean {
  const had = session !== null;
  session?.pair.dispose();
  session = null;
  return had;
}

/** Free the training runs (core `resetCaches`, backend rebuilds). A custom autoencoder is a model: it stays. */
export function resetCaches(): void {
  dropSession();
}

function keyOf(setup: TrainSetup): string {
  const r = (s: TrainSetup['a']) => [s.beta, s.klClip, s.dropToken, s.dropLatent, s.latent].join(',');
  return `${r(setup.a)}|${r(setup.b)}|${setup.seed}`;
}

function checkSetup(setup: TrainSetup): void {
  if (!setup || typeof setup !== 'object') throw bad('The training setup is missing.', 'Reload the Train panel.');
  try {
    checkRunSettings(setup.a, 'A');
    checkRunSettings(setup.b, 'B');
  } catch (e) {
    throw bad(`${(e as Error).message}.`, 'Use the panel\'s switches (or Reset them).');
  }
  if (!(Number.isInteger(setup.seed) && setup.seed >= 0 && setup.seed <= 0xffffffff)) {
    throw bad(`The seed must be a whole number from 0 to 4294967295 (got ${String(setup.seed)}).`, 'Set a seed in range.');
  }
}

function liveSession(models: EngineModels): Session | null {
  if (session && (session.models !== models || session.backend !== tf.getBackend())) dropSession();
  return session;
}

function evalView(h: PairEval['a']): TrainRunEval {
  return { accuracy: h.accuracy, latentRms: h.latentRms, meanSigma: h.meanSigma, byRelativeSigma: h.byRelativeSigma, sweepClean: h.sweepClean };
}

function runOf(s: Session, run: TrainRunName) {
  return run === 'a' ? s.pair.a : s.pair.b;
}

let customCounter = 0;

/** A non-trainable variable made inside tidy (the variable keeps the data; the temporary goes). */
function constant(name: string, make: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(make(), false, `custom.${name}#${++customCounter}`));
}

function copyParams(src: Params): Params {
  const out: Params = new Map();
  for (const [name, v] of src) out.set(name, constant(name, () => tf.clone(v)));
  return out;
}

/** A run's held-out numbers at the current step: the latest evaluation when it is current, else that run alone. */
async function heldoutNow(s: Session, run: TrainRunName): Promise<{ accuracy: number; latentRms: number; meanSigma: number }> {
  if (s.lastEval?.step === s.pair.step) return s.lastEval[run];
  return runOf(s, run).heldout(s.pair.heldoutIds, [], 0);
}

function requireSession(models: EngineModels): Session {
  const s = liveSession(models);
  if (!s || s.pair.step === 0) throw bad('Nothing has been trained yet.', 'Press Start in the Train panel first.');
  return s;
}

export const handlers: Handlers<TrainOps> = {
  trainInfo: async (_args, ctx) => {
    const smp = await loadSample(ctx.models.tokenizer.vocabSize);
    const s = liveSession(ctx.models);
    const result: TrainInfoResult = {
      sampleTokens: smp.train.length, heldoutTokens: smp.heldout.length, splitTokens: smp.meta.splitChunks.train * smp.meta.K,
      sampleBytes: smp.meta.bytes,
      model: { ...LIVE_MODEL, K: TRAIN_SAMPLE_K },
      relativeSigmas: [...LIVE_RELATIVE_SIGMAS], sweepChunks: LIVE_SWEEP_CHUNKS,
      session: s ? { setup: s.setup, step: s.pair.step } : null,
      backend: tf.getBackend(),
    };
    return result;
  },

  trainStep: async (args, ctx) => {
    checkSetup(args?.setup);
    const from = args.fromStep;
    if (!(Number.isInteger(from) && from >= 0)) throw bad(`fromStep must be a whole number ≥ 0 (got ${String(from)}).`, 'Reset the Train panel.');
    const key = keyOf(args.setup);
    let s = liveSession(ctx.models);
    if (from === 0) {
      if (!s || s.key !== key || s.pair.step !== 0) {
        dropSession();
        // The gradients are registered only when someone trains (a lazy chunk: nothing for the other panels).
        await import('../../model/gradients.ts');
        const smp = await loadSample(ctx.models.tokenizer.vocabSize);
        const pair = new LivePair(smp.train, smp.heldout, ctx.models.tokenizer.vocabSize, { a: args.setup.a, b: args.setup.b }, args.setup.seed);
        s = session = { key, setup: structuredClone(args.setup), pair, models: ctx.models, backend: tf.getBackend(), lastEval: null };
      }
    } else if (!s || s.key !== key || s.pair.step !== from) {
      throw bad(
        s ? `The engine's runs are at step ${s.pair.step}${s.key !== key ? ' with other settings' : ''}, not at step ${from}.`
          : 'The training runs are gone (reset, or lost when the engine moved to another backend).',
        'Press Reset, then Start to train again.',
      );
    }
    if (s.pair.step >= LIVE_MODEL.totalSteps) throw bad(`Both runs have finished their ${LIVE_MODEL.totalSteps} steps.`, 'Press Reset to train again.');
    const t0 = performance.now();
    let r: Awaited<ReturnType<LivePair['trainStep']>>;
    try {
      r = await s.pair.trainStep();
    } catch (e) {
      // A failed step can leave A one step ahead of B: the pair is no longer a fair comparison, so it goes.
      const at = s.pair.step;
      dropSession();
      throw new CalmError('bad-input', `Training stopped at step ${at}: ${(e as Error).message}. The runs were discarded.`,
        'Press Reset, then Start (a smaller β or fewer dropped tokens trains more stably).');
    }
    const result: TrainStepResult = {
      step: r.step, a: r.a, b: r.b, ms: performance.now() - t0, params: { a: s.pair.a.trainableCount, b: s.pair.b.trainableCount },
    };
    return result;
  },

  trainEval: async (args, ctx) => {
    const s = requireSession(ctx.models);
    const t0 = performance.now();
    const e = await s.pair.evaluate(args?.sweep === true);
    s.lastEval = e;
    const result: TrainEvalResult = { step: e.step, a: evalView(e.a), b: evalView(e.b), ms: performance.now() - t0 };
    return result;
  },

  trainReset: async () => ({ freed: dropSession() }),

  trainExport: async (args, ctx) => {
    const s = requireSession(ctx.models);
    if (args?.run !== 'a' && args?.run !== 'b') throw bad('Export which run: "a" or "b"?', 'Use the download button of a run.');
    const t = runOf(s, args.run);
    const h = await heldoutNow(s, args.run);
    const stem = `calm-ae-${args.run}-step${s.pair.step}`;
    const files = await makeBundle(stem, t.opts.arch, await t.exportWeights(), {
      run: args.run.toUpperCase(), settings: s.setup[args.run], seed: s.setup.seed, steps: s.pair.step,
      batchChunks: LIVE_MODEL.batchChunks, corpus: 'stories (training sample)', backend: tf.getBackend(),
      heldout: { tokenAccuracy: h.accuracy, latentRms: h.latentRms, meanSigma: h.meanSigma },
    });
    return { files, step: s.pair.step };
  },

  trainUse: async (args, ctx) => {
    if (args?.run === null || args?.run === undefined) {
      setCustomAE(ctx.models, null);
      return { custom: null };
    }
    if (args.run !== 'a' && args.run !== 'b') throw bad('Use which run: "a" or "b"?', 'Use the button of a run.');
    const s = requireSession(ctx.models);
    const t = runOf(s, args.run);
    const h = await heldoutNow(s, args.run);
    const info: CustomAEInfo = {
      id: ++customCounter,
      label: `your autoencoder (run ${args.run.toUpperCase()}, step ${s.pair.step.toLocaleString('en-US')})`,
      latent: t.opts.arch.latent, variational: t.opts.arch.variational, params: t.parameterCount, latentRms: h.latentRms,
    };
    setCustomAE(ctx.models, { cfg: { ...t.opts.arch }, params: copyParams(t.params), info, tokenAccuracy: h.accuracy });
    return { custom: info };
  },

  trainImport: async (args, ctx) => {
    const files = args?.files;
    if (!Array.isArray(files) || files.some((f) => typeof f?.name !== 'string' || !(f.bytes instanceof Uint8Array))) {
      throw bad('No files to load.', 'Pick the three files the Train panel downloaded.');
    }
    const b = await readBundle(files, { K: TRAIN_SAMPLE_K, vocabSize: ctx.models.tokenizer.vocabSize });
    const cfg: AEConfig = b.config;
    const params: Params = new Map();
    try {
      for (const [name, t] of b.tensors) params.set(name, constant(name, () => tf.tensor(t.values, t.shape)));
    } catch (e) {
      for (const v of params.values()) v.dispose();
      throw e;
    }
    const held = (b.manifest.training?.heldout ?? {}) as { latentRms?: unknown; tokenAccuracy?: unknown };
    const rms = typeof held.latentRms === 'number' && held.latentRms > 0 ? held.latentRms : null;
    const info: CustomAEInfo = {
      id: ++customCounter,
      label: `your autoencoder (file ${b.manifest.name})`,
      latent: cfg.latent, variational: cfg.variational, params: [...b.tensors.values()].reduce((a, t) => a + t.values.length, 0), latentRms: rms,
    };
    setCustomAE(ctx.models, { cfg, params, info, tokenAccuracy: typeof held.tokenAccuracy === 'number' ? held.tokenAccuracy : null });
    return { custom: info };
  },

  customAEInfo: async (_args, ctx) => ({ custom: ctx.models.custom?.info ?? null }),
};
