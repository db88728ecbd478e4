/** One latent vector (or σ vector) as a small grid of coloured cells on a canvas, with a text alternative. */
import { useEffect, useMemo, useRef } from 'react';
import { css, type RGB } from '../../draw/colour.ts';
import { heatmapCells, heatmapLayout, sliceStats } from '../../draw/heatmap.ts';
import { formatSigned } from '../../draw/format.ts';

export interface HeatmapProps {
  values: Float32Array;
  offset: number;
  n: number;
  colour: (v: number) => RGB;
  /** Names the vector in the text alternative ("μ of chunk 3"). */
  name: string;
  cols?: number;
  cell?: number;
  className?: string;
}

export function Heatmap({ values, offset, n, colour, name, cols = 16, cell = 6, className = 'cz-heatmap' }: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const layout = useMemo(() => heatmapLayout(n, cols, cell, 0), [n, cols, cell]);
  const stats = useMemo(() => sliceStats(values, offset, n), [values, offset, n]);
  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    canvas.width = layout.width * dpr;
    canvas.height = layout.height * dpr;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const c of heatmapCells(values, layout, colour, offset, n)) {
      g.fillStyle = css(c.colour);
      g.fillRect(c.x, c.y, c.size, c.size);
    }
  }, [values, offset, n, colour, layout]);
  return (
    <canvas
      ref={ref}
      className={className}
      style={{ width: `${layout.width}px`, height: `${layout.height}px` }}
      role="img"
      aria-label={`${name}: ${n} numbers from ${formatSigned(stats.min)} to ${formatSigned(stats.max)}, root mean square ${stats.rms.toFixed(2)}`}
    />
  );
}
