/**
 * The autoencoder training CLI checkpoints and resumes exactly: a run interrupted after 2 of
 * 4 steps and resumed writes the same weights, byte for byte, as an uninterrupted run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/corpus/load-node.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'calm-train-ae-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function train(dir: string, extra: string[]): string {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  return execFileSync(tsx, ['scripts/train-ae.ts', '--model', 'plain', '--steps', '4', '--batch', '16', '--ckpt-every', '2',
    '--ckpt', dir, '--out', dir, ...extra], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('train:ae checkpoints and resume', () => {
  it('interrupted + resumed = uninterrupted, byte for byte', () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    train(a, ['--fresh']);
    train(b, ['--fresh', '--stop-after', '2']);
    train(b, []);
    const wa = readFileSync(path.join(a, 'ae-plain', 'weights.bin'));
    const wb = readFileSync(path.join(b, 'ae-plain', 'weights.bin'));
    expect(wa.byteLength).toBeGreaterThan(1000);
    expect(wb.equals(wa)).toBe(true);
    const meta = JSON.parse(readFileSync(path.join(b, 'ae-plain', 'model.json'), 'utf8')).meta.training;
    expect(meta.steps).toBe(4);
    expect(meta.history.map((h: { step: number }) => h.step)).toEqual([2, 4]);
  }, 240_000);
});
