import { describe, expect, it } from 'vitest';
import type { GenStateView, GenStepResult, GenStepView } from '../../../engine/ops/generate.types.ts';
import { withStep } from './step-merge.ts';

const counters = (steps: number) => ({ steps, tokens: 4 * steps, K: 4, backbonePositions: 0, headCalls: 0, decodeCalls: 0, draws: 0, contextChunks: 2 + steps, maxChunks: 32 });
const step = (index: number, seed = 1) => ({ index, seed, endOfText: false }) as unknown as GenStepView;
const view = (n: number): GenStateView => ({
  started: true, set: 'stories', prompt: 'p', seed: 1, promptText: 'p', promptTokens: 1, droppedTokens: 0, padTokens: 3,
  steps: Array.from({ length: n }, (_, i) => step(i)), counters: counters(n), blocked: null,
});
const result = (index: number, steps: number, seed = 1): GenStepResult => ({ step: step(index, seed), counters: counters(steps), blocked: null });

describe('withStep', () => {
  it('appends a step, or replaces the last on a redraw, when the counts agree', () => {
    const v = withStep(view(2), result(2, 3), false)!;
    expect(v.steps.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(v.counters.steps).toBe(3);
    const r = withStep(view(2), result(1, 2, 9), true)!;
    expect(r.steps.length).toBe(2);
    expect(r.seed).toBe(9);
  });
  it('gives null when the engine moved on without this view (someone else stepped or went back)', () => {
    expect(withStep(view(2), result(5, 6), false)).toBeNull();
    expect(withStep(view(3), result(1, 2), true)).toBeNull();
  });
});
