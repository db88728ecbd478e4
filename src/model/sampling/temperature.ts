/**
 * Argument checks shared by the samplers, and the split 1/T = n + a.
 */

import { outcomeKey, type DrawBatch, type Outcome, type TemperatureSplit } from './types.ts';

/** 1/T values within this (relative to max(1, 1/T)) of an integer are snapped to it. */
export const SNAP_TOLERANCE = 1e-9;

/**
 * Check T and split 1/T into n = ⌊1/T⌋ and a = 1/T − n. Throws RangeError unless 0 < T ≤ 1.
 * Floating point is guarded: 1/T is snapped to the nearest integer when within 1e-9 of it, so T = 1/3
 * (0.333…) gives n = 3, a = 0, and never n = 2, a = 0.999999….
 */
export function splitTemperature(temperature: number): TemperatureSplit {
  if (typeof temperature !== 'number' || Number.isNaN(temperature)) {
    throw new RangeError(`temperature must be a number in (0, 1], got ${String(temperature)}`);
  }
  if (!(temperature > 0) || !(temperature <= 1)) {
    throw new RangeError(`temperature must be in (0, 1] (sharpening only), got ${temperature}`);
  }
  let inverse = 1 / temperature;
  if (!Number.isFinite(inverse)) {
    throw new RangeError(`temperature ${temperature} is too small: 1/T is not finite`);
  }
  const nearest = Math.round(inverse);
  if (Math.abs(inverse - nearest) <= SNAP_TOLERANCE * Math.max(1, nearest)) inverse = nearest;
  const n = Math.floor(inverse);
  const a = inverse - n;
  return { temperature, inverse, n, a };
}

/** Check an integer option ≥ 1; RangeError otherwise. */
export function checkPositiveInteger(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be an integer ≥ 1, got ${String(value)}`);
  }
  return value;
}

/** Check a non-negative integer option; RangeError otherwise. */
export function checkNonNegativeInteger(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be an integer ≥ 0, got ${String(value)}`);
  }
  return value;
}

/** Counts draws and calls, and checks what the black box returns. */
export class DrawMeter {
  draws = 0;
  batchCalls = 0;
  constructor(private readonly draw: DrawBatch) {}

  async take(n: number): Promise<ReadonlyArray<Outcome>> {
    const batch = await this.draw(n);
    this.batchCalls += 1;
    if (!Array.isArray(batch)) {
      throw new TypeError(`drawBatch(${n}) must resolve to an array of outcomes, got ${typeof batch}`);
    }
    if (batch.length !== n) {
      throw new Error(`drawBatch(${n}) returned ${batch.length} outcomes; expected exactly ${n}`);
    }
    for (let i = 0; i < batch.length; i++) {
      const o: unknown = batch[i];
      if (!Array.isArray(o)) {
        throw new TypeError(`drawBatch(${n}): outcome ${i} is not an array of token ids`);
      }
    }
    this.draws += n;
    return batch;
  }
}

/** A bounded log: keeps the first `max` entries, counts the rest. */
export class BoundedLog<E> {
  readonly entries: E[] = [];
  omitted = 0;
  constructor(private readonly max: number) {}
  push(e: E): void {
    if (this.entries.length < this.max) this.entries.push(e);
    else this.omitted += 1;
  }
}

/** Number of distinct outcomes in a batch, and whether all equal the first. */
export function distinctKeys(batch: ReadonlyArray<Outcome>): { first: string; distinct: number } {
  const seen = new Set<string>();
  for (const o of batch) seen.add(outcomeKey(o));
  return { first: batch.length > 0 ? outcomeKey(batch[0]) : '', distinct: seen.size };
}

export function gaveUpMessage(draws: number, why: string): string {
  return `gave up after ${draws} draws (${why})`;
}
