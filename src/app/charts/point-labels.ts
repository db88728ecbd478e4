/**
 * Point labels that never overlap (issue 14): a greedy placement of short text labels next to chart
 * points. Each label tries above, right, below and left of its point in turn, then the four diagonals, and takes the first spot
 * that stays inside the plot area and clears every point marker and every label placed before it;
 * a label with no free spot is left out (the chart's table still has every number). Pure: pixel
 * geometry in, positions out, so that it is testable without a DOM.
 */

export type Rect = { x: number; y: number; w: number; h: number };
export type LabelPoint = { px: number; py: number; text: string };
export type PlacedLabel = { x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end'; index: number };

/** Width of a label in px, from a per-character estimate (digits, slashes and '*' in a sans-serif font). */
export const labelWidth = (text: string, fontSize: number) => Math.ceil(text.length * fontSize * 0.62) + 2;

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/**
 * Places `points`' labels inside `plot`, avoiding markers of radius `marker` around every point.
 * Returns the placed labels as SVG text positions (x, baseline y, text-anchor), in input order.
 */
export function placePointLabels(points: LabelPoint[], plot: Rect, fontSize: number, marker = 5, gap = 3): PlacedLabel[] {
  const taken: Rect[] = points.map((p) => ({ x: p.px - marker, y: p.py - marker, w: 2 * marker, h: 2 * marker }));
  const out: PlacedLabel[] = [];
  const h = Math.ceil(fontSize * 1.15);
  points.forEach((p, index) => {
    if (!p.text) return;
    const w = labelWidth(p.text, fontSize);
    const d = marker + gap;
    const spots: { r: Rect; anchor: PlacedLabel['anchor']; x: number }[] = [
      { r: { x: p.px - w / 2, y: p.py - d - h, w, h }, anchor: 'middle', x: p.px },
      { r: { x: p.px + d, y: p.py - h / 2, w, h }, anchor: 'start', x: p.px + d },
      { r: { x: p.px - w / 2, y: p.py + d, w, h }, anchor: 'middle', x: p.px },
      { r: { x: p.px - d - w, y: p.py - h / 2, w, h }, anchor: 'end', x: p.px - d },
      // the diagonals, for points in a corner of the plot
      { r: { x: p.px + gap, y: p.py - d - h, w, h }, anchor: 'start', x: p.px + gap },
      { r: { x: p.px + gap, y: p.py + d, w, h }, anchor: 'start', x: p.px + gap },
      { r: { x: p.px - gap - w, y: p.py - d - h, w, h }, anchor: 'end', x: p.px - gap },
      { r: { x: p.px - gap - w, y: p.py + d, w, h }, anchor: 'end', x: p.px - gap },
    ];
    const own = (r: Rect) => taken.every((t, i) => i === index || !overlaps(r, t));
    const spot = spots.find((s) => inside(s.r, plot) && own(s.r));
    if (!spot) return;
    taken.push(spot.r);
    // SVG text is placed by its baseline: about 0.8 of the box height below its top.
    out.push({ x: spot.x, y: spot.r.y + Math.round(h * 0.8), text: p.text, anchor: spot.anchor, index });
  });
  return out;
}
