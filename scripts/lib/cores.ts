/**
 * Pretend a Chromium page runs on `cores` logical cores (navigator.hardwareConcurrency), for the WASM
 * backend's thread count (TF.js uses half the cores): used by e2e/wasm-threads.spec.ts and
 * `npm run bench -- --threads`.
 *
 * CDP's Emulation.setHardwareConcurrencyOverride on the page does not reach its workers (checked in
 * Chromium 156: the engine worker still saw the real count), and the engine, TF.js included, runs in a
 * Web Worker. So the page's CDP session also auto-attaches to each worker the page starts, paused before
 * its first line, sets the same override there and lets it run. The worker sessions are the legacy
 * non-flat kind (Target.sendMessageToTarget), because Playwright's CDPSession cannot address a child
 * session; Playwright's own attachment to the workers is unaffected.
 */
import type { CDPSession, Page } from 'playwright-core';

interface AttachedEvent {
  sessionId: string;
  targetInfo: { type: string; url: string };
  waitingForDebugger: boolean;
}

/** Call before page.goto(). Returns the page's CDP session (detach it to stop overriding new workers). */
export async function overrideCores(page: Page, cores: number): Promise<CDPSession> {
  if (!Number.isInteger(cores) || cores < 1) throw new Error(`overrideCores: a positive whole number of cores, not ${cores}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
  let id = 1;
  cdp.on('Target.attachedToTarget', (ev: AttachedEvent) => {
    const send = (method: string, params: object) =>
      cdp.send('Target.sendMessageToTarget', { sessionId: ev.sessionId, message: JSON.stringify({ id: id++, method, params }) });
    // Messages to one target are handled in order: the override is in place before the worker's first line.
    void send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores })
      .catch(() => {})
      .finally(() => (ev.waitingForDebugger ? send('Runtime.runIfWaitingForDebugger', {}).catch(() => {}) : undefined));
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return cdp;
}
