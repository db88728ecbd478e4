/**
 * Colour scales for heatmaps, safe for the common colour-vision deficiencies:
 * a diverging purple–white–orange scale (ColorBrewer PuOr) for signed values such as μ, and a
 * sequential scale (viridis) for positive values such as σ. Pure functions: value → CSS colour.
 */

export type RGB = readonly [number, number, number];

function hex(h: string): RGB {
  const n = parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** ColorBrewer PuOr (11 classes), from negative (orange-brown) through white to positive (purple). */
export const DIVERGING_STOPS: readonly RGB[] = [
  '#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b',
].map(hex);

/** Viridis, 9 stops from dark purple (low) to yellow (high). */
export const SEQUENTIAL_STOPS: readonly RGB[] = [
  '#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725',
].map(hex);

/** Linear interpolation along evenly spaced stops; t is clamped to [0, 1], NaN gives the middle. */
export function interpolate(stops: readonly RGB[], t: number): RGB {
  const u = Number.isNaN(t) ? 0.5 : Math.min(1, Math.max(0, t));
  const x = u * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as unknown as RGB;
}

export function css(c: RGB): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Signed value on a symmetric range [−max, max]: 0 is white, beyond ±max saturates. */
export function divergingColour(v: number, max: number): RGB {
  return interpolate(DIVERGING_STOPS, max > 0 ? (v / max + 1) / 2 : 0.5);
}

/** Value on [min, max] with viridis. */
export function sequentialColour(v: number, min: number, max: number): RGB {
  return interpolate(SEQUENTIAL_STOPS, max > min ? (v - min) / (max - min) : 0);
}

/** A CSS linear-gradient through the scale's stops (for legends). */
export function gradientCss(stops: readonly RGB[], direction = 'to right'): string {
  const parts = stops.map((c, i) => `${css(c)} ${((100 * i) / (stops.length - 1)).toFixed(1)}%`);
  return `linear-gradient(${direction}, ${parts.join(', ')})`;
}
