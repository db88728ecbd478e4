/** Every chunk of the text as a card (the first few dozen at once for long texts, then on request). */
import { useState } from 'react';
import type { CompressResult } from '../../../engine/ops/compress.types.ts';
import { DIVERGING_STOPS, SEQUENTIAL_STOPS } from '../../draw/colour.ts';
import { ChunkCard } from './ChunkCard.tsx';
import { HeatmapLegend } from './HeatmapLegend.tsx';
import { MU_MAX, SIGMA_MAX } from './scales.ts';

const FIRST_CHUNKS = 48;

export function ChunkGrid({ r, live }: { r: CompressResult; live: boolean }) {
  const [all, setAll] = useState(false);
  const shown = all ? r.chunks : Math.min(r.chunks, FIRST_CHUNKS);
  const { K } = r;
  return (
    <section aria-labelledby="cz-chunks-h">
      <h3 id="cz-chunks-h">
        {r.chunks} {r.chunks === 1 ? 'chunk' : 'chunks'} of K = {K} tokens → {r.chunks} {r.chunks === 1 ? 'vector' : 'vectors'} of {r.latent} numbers
      </h3>
      <div className="cz-legends">
        <HeatmapLegend stops={DIVERGING_STOPS} min={-MU_MAX} max={MU_MAX} label="μ (robust autoencoder)" note="each cell is one of the 128 numbers" />
        <HeatmapLegend stops={SEQUENTIAL_STOPS} min={0} max={SIGMA_MAX} label="σ (its learned noise scale)" note="how much noise each number is trained to tolerate" />
      </div>
      <ol className="cz-chunks">
        {Array.from({ length: shown }, (_, c) => {
          const lo = c * K;
          const padding = Math.max(0, lo + K - r.ids.length);
          return (
            <ChunkCard
              key={c}
              index={c}
              live={live}
              K={K}
              latent={r.latent}
              tokens={r.chunkTokens.slice(lo, lo + K)}
              padding={padding}
              padToken={r.padToken}
              correct={r.robust.correct.slice(lo, lo + K)}
              decoded={r.robust.decodedTokens.slice(lo, lo + K)}
              mu={r.robust.mu}
              sigma={r.robust.sigma}
            />
          );
        })}
      </ol>
      {shown < r.chunks && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {r.chunks} chunks
        </button>
      )}
    </section>
  );
}
