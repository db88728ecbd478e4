/**
 * What each precomputed trace was computed with: the panels' default settings (src/app/state/schema.ts),
 * in one place for `npm run traces` (scripts/make-traces.ts) and for the panels, which compare them with
 * the link's settings and say so when the trace shows the default example instead of what the link asks.
 * Pure; no DOM, no TF.js.
 */
import type { NoiseDecodeArgs, NoiseSweepArgs } from '../../engine/ops/compress.types.ts';
import type { GenSamplerArgs } from '../../engine/ops/generate.types.ts';
import type { TempSampleArgs, TempSweepArgs } from '../../engine/ops/temperature.types.ts';
import type { ModelSetName } from '../../engine/protocol.ts';
import { snapTemperature } from '../../model/sweep.ts';
import { DEFAULTS, type Settings } from '../state/schema.ts';
import { SWEEP_MAX_SIGMA, SWEEP_POINTS } from '../panels/noise/sweep-slices.ts';
import { TRACE_SWEEP_ARGS } from '../panels/temperature/sweep-defaults.ts';

/** Vector steps in the Generate trace. */
export const GENERATE_TRACE_STEPS = 6;

/** The Generate trace: genStart(set, prompt, seed), then `steps` × genStep(sampler, T, N); the result is genState. */
export interface GenerateTraceArgs extends GenSamplerArgs {
  set: ModelSetName;
  prompt: string;
  seed: number;
  steps: number;
}

/** The sampler the Temperature panel uses for a setting (it has no plain sampler). */
export const tempSampler = (s: Settings['sampler']): TempSampleArgs['sampler'] => (s === 'exact' ? 'exact' : 'batch');

export const TRACE_ARGS = {
  compress: { text: DEFAULTS.text },
  noise: { text: DEFAULTS.text, sigma: DEFAULTS.sigma, seed: DEFAULTS.seed, scale: DEFAULTS.noise } satisfies NoiseDecodeArgs,
  'noise-sweep': {
    text: DEFAULTS.text, points: SWEEP_POINTS, maxSigma: SWEEP_MAX_SIGMA, seed: DEFAULTS.seed, scale: DEFAULTS.noise,
  } satisfies NoiseSweepArgs,
  generate: {
    set: DEFAULTS.set, prompt: DEFAULTS.prompt, seed: DEFAULTS.seed,
    sampler: DEFAULTS.sampler, T: snapTemperature(DEFAULTS.T), N: DEFAULTS.N, steps: GENERATE_TRACE_STEPS,
  } satisfies GenerateTraceArgs,
  /** The panel's first Draw: draw counter 1 (useTempSample counts presses from 1). */
  temperature: {
    set: DEFAULTS.set, prompt: DEFAULTS.prompt, sampler: tempSampler(DEFAULTS.sampler),
    T: snapTemperature(DEFAULTS.T), N: DEFAULTS.N, seed: DEFAULTS.seed, draw: 1,
  } satisfies TempSampleArgs,
  'temperature-sweep': TRACE_SWEEP_ARGS satisfies TempSweepArgs,
} as const;

export type TraceName = keyof typeof TRACE_ARGS;

type S = Pick<Settings, 'set' | 'text' | 'prompt' | 'sigma' | 'noise' | 'T' | 'N' | 'sampler' | 'seed'>;

/** The settings (in the panel's words) in which the link differs from what a trace was computed with. */
export function traceDifferences(name: TraceName, s: S): string[] {
  const out: string[] = [];
  const add = (differs: boolean, what: string) => differs && out.push(what);
  switch (name) {
    case 'compress':
      add(s.text !== TRACE_ARGS.compress.text, 'text');
      break;
    case 'noise':
    case 'noise-sweep': {
      const a = TRACE_ARGS[name];
      add(s.text !== a.text, 'text');
      if (name === 'noise') add(s.sigma !== TRACE_ARGS.noise.sigma, 'σ');
      add(s.noise !== a.scale, 'absolute / relative σ');
      add(s.seed !== a.seed, 'noise seed');
      break;
    }
    case 'generate': {
      const a = TRACE_ARGS.generate;
      add(s.set !== a.set, 'model set');
      add(s.prompt !== a.prompt, 'prompt');
      add(s.sampler !== a.sampler, 'sampler');
      add(s.sampler !== 'plain' && snapTemperature(s.T) !== a.T, 'T');
      add(s.sampler === 'batch' && s.N !== a.N, 'N');
      add(s.seed !== a.seed, 'seed');
      break;
    }
    case 'temperature': {
      const a = TRACE_ARGS.temperature;
      const sampler = tempSampler(s.sampler);
      add(s.set !== a.set, 'model set');
      add(s.prompt !== a.prompt, 'prompt');
      add(sampler !== a.sampler, 'sampler');
      add(snapTemperature(s.T) !== a.T, 'T');
      add(sampler === 'batch' && s.N !== a.N, 'N');
      add(s.seed !== a.seed, 'seed');
      break;
    }
    case 'temperature-sweep':
      add(s.set !== TRACE_ARGS['temperature-sweep'].set, 'model set');
      add(s.seed !== TRACE_ARGS['temperature-sweep'].seed, 'seed');
      break;
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
export function listWords(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}
