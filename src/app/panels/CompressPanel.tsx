/**
 * Compress: type a sentence, watch it become one vector per K = 4 tokens and come back intact.
 * Shows the tokens grouped into chunks, each chunk's μ and σ as heatmaps, the robust autoencoder's
 * reconstruction with wrong tokens marked, and the accuracy and compression figures. Until the live model
 * is ready, a precomputed trace of the default sentence (marked as such, without test ids).
 */
import { useApp } from '../state/store.ts';
import type { CompressResult } from '../../engine/ops/compress.types.ts';
import { TraceBanner } from '../traces/TraceBanner.tsx';
import { usePanelTrace } from '../traces/usePanelTrace.ts';
import { TextInput } from './compress/TextInput.tsx';
import { CompressResultView } from './compress/CompressResultView.tsx';
import { EngineErrorNote } from './compress/Notes.tsx';
import { useCompress, useEngineReady } from './compress/engine-hooks.ts';
import { CustomBanner } from './train/CustomBanner.tsx';
import { useTrain } from './train/train-store.ts';
import './compress/compress.css';

export function CompressPanel() {
  const text = useApp((s) => s.settings.text);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useEngineReady();
  const custom = useTrain((s) => s.custom);
  const { result: r, error, busy } = useCompress(text, custom?.id ?? null);
  const trace = usePanelTrace<CompressResult>('compress');
  return (
    <div className="cz-panel">
      <h2>Compress: K tokens → one vector → K tokens</h2>
      {captions && (
        <p className="cz-caption" data-region="caption">
          The autoencoder cuts the text into chunks of K = 4 tokens, turns each chunk into one vector of 128 numbers
          (its mean μ; the robust model also learns a noise scale σ per number), and decodes each vector back into 4
          tokens. The language model then only has to predict one vector per 4 tokens.
        </p>
      )}
      <TextInput testId="compress-input" label="Text to compress" />
      <div className="cz-status" role="status" aria-live="polite">
        {!ready ? 'Waiting for the models to load…' : busy ? 'Encoding…' : ''}
      </div>
      <CustomBanner shown={r ? r.custom : null} />
      {error && <EngineErrorNote error={error} keeping={!!r} />}
      {r ? (
        <CompressResultView r={r} busy={busy} live />
      ) : (
        trace && (
          <>
            <TraceBanner what="the default sentence, compressed and decoded" differs={trace.differs} />
            <CompressResultView r={trace.trace.result} live={false} />
          </>
        )
      )}
    </div>
  );
}
