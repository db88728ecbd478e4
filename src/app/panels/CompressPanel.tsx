/**
 * Compress: type a sentence, watch it become one vector per K = 4 tokens and come back intact.
 * Shows the tokens grouped into chunks, each chunk's μ and σ as heatmaps, the robust autoencoder's
 * reconstruction with wrong tokens marked, and the accuracy and compression figures.
 */
import { useApp } from '../state/store.ts';
import { TextInput } from './compress/TextInput.tsx';
import { TokenText } from './compress/TokenText.tsx';
import { ChunkGrid } from './compress/ChunkGrid.tsx';
import { CompressSummary } from './compress/CompressSummary.tsx';
import { EngineErrorNote, OutsideTrainingNote } from './compress/Notes.tsx';
import { useCompress, useEngineReady } from './compress/engine-hooks.ts';
import './compress/compress.css';

export function CompressPanel() {
  const text = useApp((s) => s.settings.text);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useEngineReady();
  const { result: r, error, busy } = useCompress(text);
  return (
    <div className="cz-panel">
      <h2>Compress: K tokens → one vector → K tokens</h2>
      {captions && (
        <p className="cz-caption">
          The autoencoder cuts the text into chunks of K = 4 tokens, turns each chunk into one vector of 128 numbers
          (its mean μ; the robust model also learns a noise scale σ per number), and decodes each vector back into 4
          tokens. The language model then only has to predict one vector per 4 tokens.
        </p>
      )}
      <TextInput testId="compress-input" label="Text to compress" />
      <div className="cz-status" role="status" aria-live="polite">
        {!ready ? 'Waiting for the models to load…' : busy ? 'Encoding…' : ''}
      </div>
      {error && <EngineErrorNote error={error} keeping={!!r} />}
      {r && (
        <div className={`cz-result${busy ? ' cz-stale' : ''}`} aria-busy={busy}>
          <OutsideTrainingNote chars={r.unusualChars} />
          <CompressSummary r={r} />
          <section aria-labelledby="cz-recon-h">
            <h3 id="cz-recon-h">Decoded from the vectors (robust autoencoder, z = μ)</h3>
            <TokenText
              testId="reconstruction"
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
          <ChunkGrid r={r} />
        </div>
      )}
    </div>
  );
}
