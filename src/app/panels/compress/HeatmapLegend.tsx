/** A colour bar with its scale's ends and middle, for the μ and σ heatmaps. */
import { gradientCss, type RGB } from '../../draw/colour.ts';
import { formatSigned } from '../../draw/format.ts';

export function HeatmapLegend({ stops, min, max, label, note }: { stops: readonly RGB[]; min: number; max: number; label: string; note: string }) {
  return (
    <figure className="cz-legend">
      <figcaption>
        {label} <span className="cz-muted">{note}</span>
      </figcaption>
      <div className="cz-legend-bar" style={{ background: gradientCss(stops) }} aria-hidden="true" />
      <div className="cz-legend-ticks" aria-hidden="true">
        <span>{formatSigned(min, 1)}</span>
        <span>{formatSigned((min + max) / 2, 1)}</span>
        <span>{max >= 0 ? '+' : ''}{formatSigned(max, 1)}</span>
      </div>
      <p className="cz-hidden">
        Colour scale from {formatSigned(min, 1)} to {formatSigned(max, 1)}; values beyond the ends take the end colour.
      </p>
    </figure>
  );
}
