/**
 * What each Race lane's sampling is called on screen (pure; unit-tested). At T = ½ the two models lower the
 * temperature in two different ways, and the labels say which: CALM, which has no probabilities, uses the
 * batch sampler (CALM.md §5: N head samples per step, a chunk seen c times weighs C(c, 2)); the baseline
 * divides its logits by T before the softmax (softmax temperature, exact).
 */
import { RACE_CALM_BATCH, type RaceModel, type RaceTemperature } from '../../../engine/ops/race.types.ts';

/** "1" or "½". */
export function fmtRaceT(T: RaceTemperature): string {
  return T === 0.5 ? '½' : '1';
}

/** The lane's sampling in a few words. `draws`: head samples per step (CALM at T < 1: the batch size N). */
export function laneSampling(model: RaceModel, T: RaceTemperature, draws: number = model === 'calm' && T < 1 ? RACE_CALM_BATCH : 1): string {
  if (T === 1) return model === 'calm' ? 'T = 1: one head sample per step' : 'T = 1: one draw from the softmax';
  return model === 'calm'
    ? `T = ½ by the batch sampler: ${draws} head samples per step, repeats win`
    : 'T = ½ by softmax temperature: logits ÷ ½, then one draw';
}

/** The one-line explanation under the temperature choice. */
export function raceTemperatureNote(T: RaceTemperature): string {
  if (T === 1) {
    return 'Both models sample at T = 1: CALM takes one head sample per step, the baseline one draw from its softmax.';
  }
  return (
    `At T = ½ the two models do different things. The baseline has probabilities: it divides its logits by ½ ` +
    `before the softmax (exact, and almost free). CALM has none: each step it draws N = ${RACE_CALM_BATCH} vectors ` +
    `from its head, decodes them all and lets a chunk that repeats win (the batch sampler, CALM.md §5; at finite N it ` +
    `runs hotter than ½). Those extra draws are on CALM's clock: this is what the batch sampler costs it in speed.`
  );
}
