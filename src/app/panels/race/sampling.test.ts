import { describe, expect, it } from 'vitest';
import { RACE_CALM_BATCH } from '../../../engine/ops/race.types.ts';
import { fmtRaceT, laneSampling, raceTemperatureNote } from './sampling.ts';

describe('race sampling labels', () => {
  it('at T = 1 both sample plainly', () => {
    expect(laneSampling('calm', 1)).toBe('T = 1: one head sample per step');
    expect(laneSampling('baseline', 1)).toBe('T = 1: one draw from the softmax');
    expect(fmtRaceT(1)).toBe('1');
  });

  it('at T = ½ the labels name the two different things: the batch sampler and softmax temperature', () => {
    const calm = laneSampling('calm', 0.5);
    const base = laneSampling('baseline', 0.5);
    expect(calm).toMatch(/batch sampler/);
    expect(calm).toContain(`${RACE_CALM_BATCH} head samples per step`);
    expect(base).toMatch(/softmax temperature/);
    expect(base).toMatch(/logits ÷ ½/);
    expect(laneSampling('calm', 0.5, 64)).toContain('64 head samples');
    expect(fmtRaceT(0.5)).toBe('½');
    const note = raceTemperatureNote(0.5);
    expect(note).toMatch(/different things/);
    expect(note).toMatch(/hotter than ½/);
    expect(note).toMatch(/CALM's clock/);
  });
});
