import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ManifestModel, WeightsManifest } from '../../../engine/manifest.ts';
import { count, minutes, modelFacts, paperScale } from './model-facts.ts';
import { curveData, curveTicks } from './curve-data.ts';
import { modelGroups } from '../ModelsPanel.tsx';

const manifest = JSON.parse(readFileSync('public/weights/manifest.json', 'utf8')) as WeightsManifest;
const rows = (m: ManifestModel) => Object.fromEntries(modelFacts(m).flatMap((s) => s.rows.map((r) => [r.label, r.value])));

describe('Models page facts (from the committed manifest)', () => {
  it('an autoencoder: K, latent, objective, held-out accuracy and noise', () => {
    const r = rows(manifest.models['ae-robust']);
    expect(r['Chunk size K']).toBe('4 tokens per vector');
    expect(r['Latent size']).toBe('128 numbers per vector');
    expect(r['Token accuracy']).toMatch(/^\d{2}\.\d{2} %$/);
    expect(r['At σ = 0.3 noise']).toMatch(/ %$/);
    expect(r.Objective).toMatch(/KL weight β/);
    expect(rows(manifest.models['ae-plain']).Objective).toBe('reconstruction only');
    expect(paperScale(manifest.models['ae-robust'])).toMatch(/^\d+× smaller than the paper's 75M-parameter autoencoder$/);
  });
  it('a CALM and its baseline: backbone, context, budget, Brier with standard errors', () => {
    const c = rows(manifest.models['stories-calm']);
    expect(c.Backbone).toMatch(/^\d+ layers, d = \d+, \d+ heads, feed-forward \d+$/);
    expect(c.Context).toMatch(/^\d+ chunk positions \(\d+ tokens\)$/);
    expect(c['Energy head']).toMatch(/residual block/);
    expect(c['Training time']).toMatch(/min on one CPU core \(budget \d+ min\)$/);
    expect(c['Brier-1…4'].split(' · ')).toHaveLength(4);
    expect(c['Brier-1…4']).toMatch(/^0\.\d{3} ± 0\.\d{3}/);
    // Terms too small for three decimals keep their digits (the Evaluate panel's format): austen's Brier-4.
    expect(rows(manifest.models['austen-calm'])['Brier-1…4'].split(' · ')[3]).not.toMatch(/^0\.000 /);
    const b = rows(manifest.models['stories-baseline']);
    expect(b.Vocabulary).toMatch(/softmax/);
    expect(b.Context).toMatch(/^\d+ tokens$/);
    expect(b['Energy head']).toBeUndefined();
  });
  it('leaves out what an entry lacks instead of printing blanks', () => {
    const bare: ManifestModel = { kind: 'calm', config: {}, files: [] };
    expect(modelFacts(bare)).toEqual([]);
    expect(paperScale(bare)).toBeUndefined();
    expect(curveData(bare)).toBeNull();
    const odd: ManifestModel = { kind: 'baseline', config: {}, files: [], metrics: { brier: [0.5, 'x'] as unknown as number[] } };
    expect(modelFacts(odd)).toEqual([]);
  });
  it('formats counts and durations', () => {
    expect(count(4096)).toBe('4,096');
    expect(count(1638272)).toBe('1.64 M');
    expect(minutes(3302)).toBe('55.0 min');
    expect(minutes(6600)).toBe('110.0 min');
    expect(minutes(36000)).toBe('10.0 h');
  });
  it('training curves: language models against minutes, autoencoders against steps', () => {
    const lm = curveData(manifest.models['stories-calm'])!;
    expect(lm.x.key).toBe('minutes');
    expect(lm.rows.length).toBeGreaterThan(2);
    expect(lm.series.map((s) => s.key)).toEqual(expect.arrayContaining(['loss', 'heldoutLoss']));
    const ae = curveData(manifest.models['ae-robust'])!;
    expect(ae.x.key).toBe('step');
    expect(ae.rows.at(-1)!.heldoutAcc).toBeGreaterThan(0.99);
  });
  it('x ticks: round steps, none in the last tenth of the axis', () => {
    expect(curveTicks(2400)).toEqual([0, 1000, 2000]);
    expect(curveTicks(55.03)).toEqual([0, 20, 40]);
    expect(curveTicks(110)).toEqual([0, 50]);
    expect(curveTicks(0)).toEqual([0]);
  });
  it('groups each set with its language models, then the shared autoencoders, then the K dial', () => {
    const groups = modelGroups(manifest);
    expect(groups.map((g) => g.title)).toEqual([
      'Language models on stories', 'Language models on austen', 'Autoencoders of Compress and Noise (both corpora)',
      'The K dial (Bandwidth panel): other tokens-per-vector',
    ]);
    expect(groups[3].names).toEqual(expect.arrayContaining(['ae-k1', 'ae-k2']));
    expect(groups[2].names).not.toContain('ae-k1');
    expect(groups.flatMap((g) => g.names).sort()).toEqual(Object.keys(manifest.models).sort());
    expect(groups[0].names).toEqual(expect.arrayContaining(['stories-calm', 'stories-baseline']));
  });
});
