/** Number formatting for the Evaluate and Race panels (pure; unit-tested). */

/** A Brier term: fixed decimals down to 0.001, then two significant digits in e-notation (5.6e-5). */
export function fmtBrier(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 0.001) return x.toFixed(a >= 0.1 ? 3 : 4);
  return x.toExponential(1);
}

/** BrierLM: two decimals (0.00 when it collapses). */
export function fmtBrierLM(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : '—';
}

/** Large counts in words: 1.64M, 280M, 1.82B, 12.3k. */
export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  const unit = (v: number, s: string) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${s}`;
  if (a >= 1e9) return unit(n / 1e9, 'B');
  if (a >= 1e6) return unit(n / 1e6, 'M');
  if (a >= 1e3) return unit(n / 1e3, 'k');
  return String(Math.round(n));
}

/** Milliseconds as ms or s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Tokens per second, whole numbers (one decimal below 10). */
export function fmtRate(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 10 ? x.toFixed(0) : x.toFixed(1);
}

/** A ratio such as 2.7×. */
export function fmtRatio(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : `${x.toFixed(x >= 10 ? 0 : 1)}×`;
}
