/**
 * Point labels for a recharts chart whose axes both run over [0, 1] (the Temperature sweep): rendered
 * inside the chart so that it knows the plot area, placed by placePointLabels so that no two overlap,
 * none covers a marker and none leaves the plot (where the ticks, axis titles and legend are).
 */
import { usePlotArea } from 'recharts';
import { placePointLabels } from './point-labels.ts';

/** A point in axis units ([0, 1] on both axes) and its label. */
export type UnitPoint = { x: number; y: number; label: string };

/** `padTop`: the y axis's top padding in px (the plot's [0, 1] starts that far below the plot area's top). */
export function PointLabels({ points, fontSize, padTop = 0 }: { points: UnitPoint[]; fontSize: number; padTop?: number }) {
  const plot = usePlotArea();
  if (!plot || plot.width <= 0 || plot.height <= 0) return null;
  const px = points.map((p) => ({ px: plot.x + p.x * plot.width, py: plot.y + padTop + (1 - p.y) * (plot.height - padTop), text: p.label }));
  const placed = placePointLabels(px, { x: plot.x, y: plot.y, w: plot.width, h: plot.height }, fontSize);
  return (
    <g className="point-labels">
      {placed.map((l) => (
        <text key={l.index} x={l.x} y={l.y} textAnchor={l.anchor} fontSize={fontSize} fill="var(--fg, #222)">{l.text}</text>
      ))}
    </g>
  );
}
