/** `vite preview` of the benchmark build on a local port (same headers as deployment), stopped on exit. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Preview {
  url: string;
  stop(): void;
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (code ${child.exitCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function startPreview(root: string, outDir: string, port: number): Promise<Preview> {
  const child = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'], detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  // Stop the whole process group (npx → node vite) of this child, and only it.
  const stop = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, 60_000, child);
  } catch (e) {
    stop();
    throw new Error(`${(e as Error).message}${stderr ? `: ${stderr.trim().slice(0, 400)}` : ''}`);
  }
  return { url, stop };
}
