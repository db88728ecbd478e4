/**
 * Temperature without logits (CALM.md §5): for the current context, draw a batch of N chunks and watch the
 * paper's C(count, m) rule pick one, or run the exact samplers and count their attempts; then sweep T and N
 * over held-out text and compare the diversity / accuracy trade-off with the token baseline's softmax temperature.
 * Until the live model is ready, a precomputed draw and sweep (marked as such, without test ids).
 */
import { useApp } from '../state/store.ts';
import type { TempSampleResult } from '../../engine/ops/temperature.types.ts';
import { TraceBanner } from '../traces/TraceBanner.tsx';
import { usePanelTrace } from '../traces/usePanelTrace.ts';
import { TRACE_ARGS } from '../traces/trace-args.ts';
import { formatTemperature } from '../../model/sweep.ts';
import { DefaultTemperatureNote } from './generate/DefaultTemperatureNote.tsx';
import { ErrorNote, useReady } from './generate/engine-calls.tsx';
import { PromptBox } from './generate/PromptBox.tsx';
import { SamplerControls } from './generate/SamplerControls.tsx';
import { SweepSection } from './temperature/SweepSection.tsx';
import { TemperatureView } from './temperature/TemperatureView.tsx';
import { useTempSample } from './temperature/useTempSample.ts';
import './generate/generate.css';
import './temperature/temperature.css';

const TRACE_WHAT = `one batch draw for the default prompt (T = ${formatTemperature(TRACE_ARGS.temperature.T)}, N = ${TRACE_ARGS.temperature.N})`;

export function TemperaturePanel() {
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useReady();
  const sample = useTempSample();
  const trace = usePanelTrace<TempSampleResult>('temperature');
  return (
    <div className="tp-panel">
      <h2>Temperature without logits</h2>
      {captions && (
        <p className="gn-caption" data-region="caption">
          A token model sharpens its softmax to lower the temperature. CALM's energy head has no probabilities to
          sharpen: it can only draw. The target P(x)^(1/T) can still be reached by drawing: at T = 1/n, n draws that all
          agree are accepted (exact, but slow), or, as the paper ships it, one batch of N draws is counted and a chunk seen
          c times gets weight C(c, n). The context is the Generate panel's text so far.
        </p>
      )}
      {captions && <DefaultTemperatureNote panel="temperature" />}
      <div className="split">
      <div className="split-main">
      <PromptBox id="temp-prompt" />
      <SamplerControls samplers={['batch', 'exact']} testIds={{ T: 'temp-T', N: 'temp-N' }} />
      <div className="tp-buttons">
        <button type="button" className="primary" data-testid="temp-sample" disabled={!ready} onClick={sample.draw}>
          {sample.result ? 'Draw again' : 'Draw'}
        </button>
        <span className="gn-status" role="status" aria-live="polite">
          {!ready ? 'Waiting for the models to load…' : sample.busy ? 'Drawing…' : ''}
        </span>
      </div>
      <ErrorNote error={sample.error} />
      </div>
      <div className="split-side">
      {sample.result ? (
        <TemperatureView result={sample.result} busy={sample.busy} pageMs={sample.ms} live />
      ) : (
        trace && (
          <>
            <TraceBanner what={TRACE_WHAT} differs={trace.differs} />
            <TemperatureView result={trace.trace.result} live={false} />
          </>
        )
      )}
      </div>
      </div>
      <SweepSection ready={ready} captions={captions} />
    </div>
  );
}
