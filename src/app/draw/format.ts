/** Number and token formatting shared by the panels. Pure. */

/**
 * A share as a percentage with one decimal and a space: `99.7 %`. `100.0 %` only when
 * nothing is wrong (99.96 % shows as `99.9 %`, never rounded up to a perfect score), `0.0 %`
 * only when nothing is right.
 */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  let p = Math.round(share * 1000) / 10;
  if (share < 1 && p >= 100) p = 99.9;
  if (share > 0 && p <= 0) p = 0.1;
  return `${p.toFixed(1)} %`;
}

/** A token for a chip: spaces as '␣', newlines as '↵', tabs as '⇥', so whitespace tokens are visible. */
export function chipLabel(token: string): string {
  return token.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '⇥');
}

/** Fixed decimals with a real minus sign (−0.42). */
export function formatSigned(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** σ for labels: two decimals. */
export function formatSigma(x: number): string {
  return x.toFixed(2);
}
