/**
 * One compressed text: the outside-the-training-data note, the figures, the reconstruction and the chunk
 * cards. `live` = a result of the live model: only then do its elements carry the test-contract ids (a
 * precomputed trace is shown through the same view without them).
 */
import type { CompressResult } from '../../../engine/ops/compress.types.ts';
import { ChunkGrid } from './ChunkGrid.tsx';
import { CompressSummary } from './CompressSummary.tsx';
import { OutsideTrainingNote } from './Notes.tsx';
import { TokenText } from './TokenText.tsx';

export function CompressResultView({ r, busy = false, live }: { r: CompressResult; busy?: boolean; live: boolean }) {
  return (
    <div className={`cz-result${busy ? ' cz-stale' : ''}${live ? '' : ' trace-view'}`} aria-busy={busy}>
      <OutsideTrainingNote chars={r.unusualChars} />
      <div className="split">
      <div className="split-main">
      <CompressSummary r={r} live={live} />
      <section aria-labelledby="cz-recon-h">
        <h3 id="cz-recon-h">Decoded from the vectors (robust autoencoder, z = μ)</h3>
        <TokenText
          testId={live ? 'reconstruction' : undefined}
          label="Reconstruction"
          tokens={r.robust.decodedTokens.slice(0, r.ids.length)}
          marks={r.robust.correct.slice(0, r.ids.length).map((ok) => (ok ? undefined : 'wrong'))}
          inputs={r.tokens}
        />
        {r.padded > 0 && (
          <p className="cz-muted">
            The last chunk had {r.padded} padding {r.padded === 1 ? 'position' : 'positions'} ({r.padToken}), not shown
            here and not counted.
          </p>
        )}
      </section>
      </div>
      <div className="split-side">
        <ChunkGrid r={r} live={live} />
      </div>
      </div>
    </div>
  );
}
