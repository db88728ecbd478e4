import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../state/schema.ts';
import { listWords, traceDifferences, TRACE_ARGS, type TraceName } from './trace-args.ts';
import { RACE_TRACE_ARGS, raceTraceDifferences } from '../panels/race/race-trace.ts';

describe('trace arguments', () => {
  it('are the panels’ defaults: a default link differs from no trace', () => {
    for (const name of Object.keys(TRACE_ARGS) as TraceName[]) expect(traceDifferences(name, DEFAULTS)).toEqual([]);
    // Both open with the authors' sampler (schema v2): batch, T = ½, N = 200.
    expect(TRACE_ARGS.generate).toMatchObject({ prompt: DEFAULTS.prompt, seed: DEFAULTS.seed, sampler: 'batch', T: 0.5, N: 200 });
    expect(TRACE_ARGS.temperature).toMatchObject({ sampler: 'batch', T: 0.5, N: 200, draw: 1 });
    // The Race keeps T = 1.
    expect(RACE_TRACE_ARGS.T).toBe(1);
    expect(raceTraceDifferences({ ...DEFAULTS, tokens: RACE_TRACE_ARGS.tokens, T: DEFAULTS.raceT })).toEqual([]);
    expect(raceTraceDifferences({ ...DEFAULTS, tokens: 32, T: 0.5 })).toEqual(['number of tokens', 'temperature']);
  });

  it('name what a link changes, only where the trace depends on it', () => {
    expect(traceDifferences('compress', { ...DEFAULTS, sigma: 1, prompt: 'x' })).toEqual([]);
    expect(traceDifferences('compress', { ...DEFAULTS, text: 'Hi' })).toEqual(['text']);
    expect(traceDifferences('noise', { ...DEFAULTS, text: 'Hi', sigma: 1.2 })).toEqual(['text', 'σ']);
    expect(traceDifferences('noise-sweep', { ...DEFAULTS, sigma: 1.2, noise: 'rel' })).toEqual(['absolute / relative σ']);
    // Generate: T and N matter only for the samplers that use them; 0.33 on the slider is T = 1/3.
    expect(traceDifferences('generate', { ...DEFAULTS, T: 0.33, N: 7 })).toEqual(['T', 'N']);
    expect(traceDifferences('generate', { ...DEFAULTS, sampler: 'plain', T: 1, N: 7 })).toEqual(['sampler']);
    expect(traceDifferences('generate', { ...DEFAULTS, sampler: 'exact', N: 7 })).toEqual(['sampler']);
    // The Temperature panel has no plain sampler: a plain setting (a v=1 link) draws with the batch sampler.
    expect(traceDifferences('temperature', { ...DEFAULTS, sampler: 'plain' })).toEqual([]);
    expect(traceDifferences('temperature', { ...DEFAULTS, sampler: 'plain', T: 1 })).toEqual(['T']);
    expect(traceDifferences('temperature', { ...DEFAULTS, sampler: 'exact', N: 7, seed: 9 })).toEqual(['sampler', 'seed']);
    expect(traceDifferences('temperature-sweep', { ...DEFAULTS, prompt: 'Hi', set: 'austen' })).toEqual(['model set']);
  });

  it('lists words', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['text'])).toBe('text');
    expect(listWords(['text', 'σ', 'seed'])).toBe('text, σ and seed');
  });
});
