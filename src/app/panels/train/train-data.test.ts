import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../corpus/load-node.ts';
import { LIVE_MODEL, LIVE_RELATIVE_SIGMAS, PAPER_RECIPE, RECONSTRUCTION_ONLY } from '../../../model/live-training.ts';
import { firstPoint, parseReplay } from './replay.ts';
import { accuracyAt, formatDuration, gapAtOne, lossRows, replaySummary, sweepRows } from './train-data.ts';

describe('Train panel data helpers', () => {
  it('thins the loss curve to at most `max` rows, first and last kept', () => {
    const pts = Array.from({ length: 2000 }, (_, i) => ({ step: i + 1, a: 1, b: 2 }));
    const rows = lossRows(pts, 200);
    expect(rows.length).toBeLessThanOrEqual(201);
    expect(rows[0].step).toBe(1);
    expect(rows[rows.length - 1].step).toBe(2000);
    expect(lossRows(pts.slice(0, 50))).toHaveLength(50);
  });

  it('robustness rows start at σ = 0 with the clean accuracy; the gap at σ = 1 × RMS is A − B in points', () => {
    const sweep = { a: [{ s: 0.5, accuracy: 0.9 }, { s: 1, accuracy: 0.7 }], b: [{ s: 0.5, accuracy: 0.95 }, { s: 1, accuracy: 0.5 }] };
    expect(sweepRows(sweep, { a: 0.97, b: 0.99 })).toEqual([{ s: 0, a: 0.97, b: 0.99 }, { s: 0.5, a: 0.9, b: 0.95 }, { s: 1, a: 0.7, b: 0.5 }]);
    expect(accuracyAt(sweep.a, 1)).toBe(0.7);
    expect(accuracyAt(sweep.a, 2)).toBeNull();
    expect(gapAtOne(sweep)).toBeCloseTo(20, 9);
    expect(gapAtOne(null)).toBeNull();
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(45.4)).toBe('45 s');
  });

  it('the committed replay is the default run, complete, and shows what the panel promises', () => {
    const r = parseReplay(JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'train', 'replay.json'), 'utf8')));
    expect(r).not.toBeNull();
    expect(r!.setup).toEqual({ a: PAPER_RECIPE, b: RECONSTRUCTION_ONLY, seed: 1 });
    expect(r!.model).toEqual({ ...LIVE_MODEL });
    expect(r!.points[r!.points.length - 1].step).toBe(LIVE_MODEL.totalSteps);
    for (const s of r!.sweeps) expect(s.a.map((p) => p.s)).toEqual([...LIVE_RELATIVE_SIGMAS]);
    // The recorded run: A reaches 95 % and, at the end, keeps more than B under noise of 1 × its latent RMS.
    expect(firstPoint(r!, (p) => p.a >= 0.95)).not.toBeNull();
    expect(gapAtOne(r!.sweeps[r!.sweeps.length - 1])).toBeGreaterThan(5);
    expect(replaySummary(r!)).toMatch(/^run A passed 95 % held-out accuracy at step \d+ \(.+ of training\); at step 2000, with noise of 1 × its latent RMS, A kept/);
  });

  it('parseReplay refuses what is not a replay', () => {
    expect(parseReplay(null)).toBeNull();
    expect(parseReplay({ format: 'x' })).toBeNull();
    expect(parseReplay({ format: 'calm-playground-train-replay', points: [{ step: 1, seconds: 'a', a: 0, b: 0 }], sweeps: [] })).toBeNull();
  });
});
