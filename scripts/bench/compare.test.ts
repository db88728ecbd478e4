import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';
import { checkoutRef, compareRatios } from './compare.ts';
import type { BackendResult } from './browser-bench.ts';

const result = (backend: 'wasm' | 'webgpu', calmTps: number, baselineTps: number, tti: number): BackendResult => ({
  requested: backend, ran: backend, status: 'ok', workload: {} as BackendResult['workload'], timeToInteractiveMs: tti,
  generation: { tokens: 128, calmTps, baselineTps, ratio: calmTps / baselineTps, runs: [] },
});

describe('bench --compare', () => {
  it('ratios are working tree ÷ ref per backend; a skipped measurement gives null', () => {
    const c = compareRatios([result('wasm', 3000, 1000, 800), result('webgpu', 6, 2, 5000)], [result('wasm', 2000, 1000, 1000)]);
    expect(c[0]).toEqual({ backend: 'wasm', calmTps: 1.5, baselineTps: 1, ratio: { ref: 2, working: 3, change: 1.5 }, timeToInteractive: 0.8 });
    expect(c[1]).toMatchObject({ backend: 'webgpu', calmTps: null, baselineTps: null, ratio: { ref: null, working: 3, change: null }, timeToInteractive: null });
  });

  it('checks a ref out as a detached worktree with the same node_modules, and removes it', () => {
    const co = checkoutRef(REPO_ROOT, 'HEAD', () => {});
    try {
      const head = spawnSync('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
      expect(co.commit).toBe(head);
      expect(readFileSync(path.join(co.dir, 'package.json'), 'utf8')).toContain('"name"');
      expect(lstatSync(path.join(co.dir, 'node_modules')).isSymbolicLink()).toBe(true);
    } finally {
      co.remove();
    }
    expect(existsSync(co.dir)).toBe(false);
    expect(() => checkoutRef(REPO_ROOT, 'no-such-ref-xyz', () => {})).toThrow(/rev-parse/);
  });
});
