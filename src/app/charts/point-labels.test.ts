import { describe, expect, it } from 'vitest';
import { labelWidth, placePointLabels, type LabelPoint, type Rect } from './point-labels.ts';

const plot: Rect = { x: 0, y: 0, w: 400, h: 300 };
const box = (l: { x: number; y: number; text: string; anchor: string }, fs: number) => {
  const w = labelWidth(l.text, fs);
  const h = Math.ceil(fs * 1.15);
  const x = l.anchor === 'middle' ? l.x - w / 2 : l.anchor === 'end' ? l.x - w : l.x;
  return { x, y: l.y - Math.round(h * 0.8), w, h };
};
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('placePointLabels', () => {
  it('puts a lone label above its point', () => {
    const [l] = placePointLabels([{ px: 200, py: 150, text: '1/2' }], plot, 11);
    expect(l.anchor).toBe('middle');
    expect(l.x).toBe(200);
    expect(l.y).toBeLessThan(150);
  });

  it('moves a label that would leave the plot: below at the top edge, beside it at a corner', () => {
    const [top] = placePointLabels([{ px: 200, py: 4, text: '1' }], plot, 11);
    expect(top.y).toBeGreaterThan(4);
    const [corner] = placePointLabels([{ px: 2, py: 4, text: '1/3' }], plot, 11);
    expect(corner.anchor).toBe('start');
    expect(corner.y).toBeGreaterThan(4);
  });

  it('never lets two labels, or a label and a marker, overlap, and keeps every label inside the plot (random clusters)', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 50; trial++) {
      const pts: LabelPoint[] = Array.from({ length: 14 }, (_, i) => ({ px: 20 + rnd() * 120, py: 20 + rnd() * 80, text: `1/${i + 2}` }));
      const placed = placePointLabels(pts, plot, 12);
      const boxes = placed.map((l) => box(l, 12));
      for (const b of boxes) expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= 400 && b.y + b.h <= 300).toBe(true);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j])).toBe(false);
        pts.forEach((p, k) => {
          if (k !== placed[i].index) expect(overlap(boxes[i], { x: p.px - 5, y: p.py - 5, w: 10, h: 10 })).toBe(false);
        });
      }
    }
  });

  it('drops a label with no free spot rather than overlapping (a stack of identical points)', () => {
    const pts = Array.from({ length: 6 }, () => ({ px: 100, py: 100, text: '1/2' }));
    const placed = placePointLabels(pts, plot, 11);
    expect(placed.length).toBe(4); // above, right, below, left; the diagonals touch those
    expect(new Set(placed.map((l) => `${l.x},${l.y},${l.anchor}`)).size).toBe(4);
  });
});
