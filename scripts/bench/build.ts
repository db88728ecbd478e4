/** Build the app for the benchmark (vite build into dist-bench) unless the build is newer than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Newest modification time under the given paths (files or folders, recursively). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) walk(path.join(p, e));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const p of paths) walk(p);
  return newest;
}

/** Returns 'built' or 'up to date'; throws if the build fails. */
export function ensureBuild(root: string, outDir: string, force: boolean, log: (s: string) => void): 'built' | 'up to date' {
  const index = path.join(root, outDir, 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'scripts/vite', 'package.json'].map((p) => path.join(root, p));
  if (!force && existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return 'up to date';
  log(`[bench] building the app into ${outDir} …`);
  const r = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  return 'built';
}
