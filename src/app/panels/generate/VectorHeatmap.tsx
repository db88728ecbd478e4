/** A whole vector (hidden state, latent) as a heatmap on a diverging scale fitted to it (or to ±max). */
import { useCallback, useMemo } from 'react';
import { divergingColour } from '../../draw/colour.ts';
import { sliceStats } from '../../draw/heatmap.ts';
import { Heatmap } from '../compress/Heatmap.tsx';

export interface VectorHeatmapProps {
  values: Float32Array;
  /** Names the vector in the text alternative ("hidden state of step 3"). */
  name: string;
  /** Colour scale saturates at ±max (default: the vector's own largest |value|). */
  max?: number;
  cols?: number;
  cell?: number;
}

export function VectorHeatmap({ values, name, max, cols = 16, cell = 7 }: VectorHeatmapProps) {
  const stats = useMemo(() => sliceStats(values, 0, values.length), [values]);
  const scale = max ?? Math.max(Math.abs(stats.min), Math.abs(stats.max), 1e-6);
  const colour = useCallback((v: number) => divergingColour(v, scale), [scale]);
  return (
    <Heatmap values={values} offset={0} n={values.length} colour={colour} name={name} cols={cols} cell={cell} className="gn-heatmap" />
  );
}
