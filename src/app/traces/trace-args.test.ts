import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../state/schema.ts';
import { listWords, traceDifferences, TRACE_ARGS, type TraceName } from './trace-args.ts';

describe('trace arguments', () => {
  it('are the panels’ defaults: a default link differs from no trace', () => {
    for (const name of Object.keys(TRACE_ARGS) as TraceName[]) expect(traceDifferences(name, DEFAULTS)).toEqual([]);
    expect(TRACE_ARGS.generate).toMatchObject({ prompt: DEFAULTS.prompt, seed: DEFAULTS.seed, sampler: DEFAULTS.sampler });
    // The Temperature panel has no plain sampler: the default setting draws with the batch sampler.
    expect(TRACE_ARGS.temperature).toMatchObject({ sampler: 'batch', T: 1, N: DEFAULTS.N, draw: 1 });
  });

  it('name what a link changes, only where the trace depends on it', () => {
    expect(traceDifferences('compress', { ...DEFAULTS, sigma: 1, prompt: 'x' })).toEqual([]);
    expect(traceDifferences('compress', { ...DEFAULTS, text: 'Hi' })).toEqual(['text']);
    expect(traceDifferences('noise', { ...DEFAULTS, text: 'Hi', sigma: 1.2 })).toEqual(['text', 'σ']);
    expect(traceDifferences('noise-sweep', { ...DEFAULTS, sigma: 1.2, noise: 'rel' })).toEqual(['absolute / relative σ']);
    // Generate: T and N matter only for the samplers that use them; 0.33 on the slider is T = 1/3.
    expect(traceDifferences('generate', { ...DEFAULTS, T: 0.5, N: 7 })).toEqual([]);
    expect(traceDifferences('generate', { ...DEFAULTS, sampler: 'batch', T: 0.5, N: 7 })).toEqual(['sampler', 'T', 'N']);
    expect(traceDifferences('temperature', { ...DEFAULTS, sampler: 'plain' })).toEqual([]);
    expect(traceDifferences('temperature', { ...DEFAULTS, sampler: 'exact', N: 7, seed: 9 })).toEqual(['sampler', 'seed']);
    expect(traceDifferences('temperature-sweep', { ...DEFAULTS, prompt: 'Hi', set: 'austen' })).toEqual(['model set']);
  });

  it('lists words', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['text'])).toBe('text');
    expect(listWords(['text', 'σ', 'seed'])).toBe('text, σ and seed');
  });
});
