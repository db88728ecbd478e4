import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (PLATFORM.md). Tests run against the
// production build served by `vite preview` (same headers as deployment).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.E2E_PORT ?? 4173);
// A separate build folder lets several checkouts' e2e runs share one machine (E2E_DIST=dist-x).
const DIST = process.env.E2E_DIST ?? 'dist';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'off',
  },
  projects: [
    // The default: WASM (SwiftShader's WebGPU is a software fallback, so the app picks WASM here).
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /\.webgpu\.spec\.ts$/ },
    // Real WebGPU through SwiftShader: --enable-unsafe-webgpu is the one flag it needs (PLATFORM.md).
    {
      name: 'webgpu',
      testMatch: /\.webgpu\.spec\.ts$/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...chromiumArgs, '--enable-unsafe-webgpu'] } },
    },
  ],
  webServer: {
    command: `npx vite preview --outDir ${DIST} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
