/**
 * `npm run bench -- --compare <git ref>`: build another commit of the app beside the working tree and measure
 * both in the same run, so that before/after ratios come from one machine state. The ref is checked out as a
 * detached git worktree under bench/tmp/ (ignored), with the working tree's node_modules linked in when its
 * package-lock.json is the same (else `npm ci` there), and built with its own sources and weights.
 */
import { existsSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { BackendResult, Skipped } from './browser-bench.ts';

export interface RefCheckout {
  ref: string;
  commit: string;
  dir: string;
  remove(): void;
}

function git(root: string, args: string[]): string {
  const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** Check out `ref` into bench/tmp/ref-<commit> (a detached worktree) with node_modules ready. */
export function checkoutRef(root: string, ref: string, log: (s: string) => void): RefCheckout {
  const commit = git(root, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const dir = path.join(root, 'bench', 'tmp', `ref-${commit.slice(0, 12)}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  if (existsSync(dir)) {
    spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
  git(root, ['worktree', 'add', '--detach', dir, commit]);
  const remove = () => {
    spawnSync('git', ['-C', root, 'worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const same = existsSync(path.join(dir, 'package-lock.json'))
      && readFileSync(path.join(dir, 'package-lock.json'), 'utf8') === readFileSync(path.join(root, 'package-lock.json'), 'utf8');
    if (same) {
      symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    } else {
      log(`[bench] ${ref}: its package-lock.json differs; npm ci in ${path.relative(root, dir)} …`);
      const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
      if (r.status !== 0) throw new Error(`npm ci for ${ref} failed (exit ${r.status})`);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { ref, commit, dir, remove };
}

const isSkipped = (x: unknown): x is Skipped => typeof x === 'object' && x !== null && 'skipped' in x;

export interface CompareRatios {
  backend: string;
  /** Working tree ÷ ref, each from the median run of its own measurement (null where either skipped). */
  calmTps: number | null;
  baselineTps: number | null;
  /** CALM ÷ baseline ratio of each, and their quotient. */
  ratio: { ref: number | null; working: number | null; change: number | null };
  timeToInteractive: number | null;
}

/** Working-tree-over-ref ratios per backend (pure). */
export function compareRatios(working: BackendResult[], ref: BackendResult[]): CompareRatios[] {
  return working.map((w) => {
    const r = ref.find((x) => x.requested === w.requested);
    const g = (x: BackendResult | undefined) => (x && x.generation && !isSkipped(x.generation) ? x.generation : null);
    const wg = g(w);
    const rg = g(r);
    const div = (a: number | null | undefined, b: number | null | undefined) => (a && b ? a / b : null);
    return {
      backend: w.requested,
      calmTps: div(wg?.calmTps, rg?.calmTps),
      baselineTps: div(wg?.baselineTps, rg?.baselineTps),
      ratio: { ref: rg?.ratio ?? null, working: wg?.ratio ?? null, change: div(wg?.ratio, rg?.ratio) },
      timeToInteractive: div(w.timeToInteractiveMs, r?.timeToInteractiveMs),
    };
  });
}
