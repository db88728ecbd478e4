/** The run's numbers: steps (with progress), accuracy of A and B, speed, learned σ and latent RMS. */
import { formatPercent } from '../../draw/format.ts';
import type { TrainState } from './train-store.ts';
import { accuracyAt, formatDuration, gapAtOne } from './train-data.ts';

export function TrainStatus({ t, total }: { t: TrainState; total: number }) {
  const a = t.latest?.a;
  const b = t.latest?.b;
  const gap = gapAtOne(t.sweep);
  return (
    <dl className="tr-numbers">
      <div>
        <dt>Steps (both runs)</dt>
        <dd><span data-testid="train-steps">{t.step}</span> <span className="cz-muted">of {total.toLocaleString('en-US')}</span></dd>
        <dd><progress max={total} value={t.step} aria-label="Training progress" /></dd>
      </div>
      <div>
        <dt>Run A held-out accuracy</dt>
        <dd className="tr-big">{a ? <span data-testid="train-accuracy">{formatPercent(a.accuracy)}</span> : <span className="cz-muted">not measured yet</span>}</dd>
      </div>
      <div>
        <dt>Run B held-out accuracy</dt>
        <dd className="tr-big">{b ? <span data-testid="train-accuracy-b">{formatPercent(b.accuracy)}</span> : <span className="cz-muted">not measured yet</span>}</dd>
      </div>
      <div>
        <dt>At σ = 1 × latent RMS</dt>
        <dd>
          {t.sweep && gap !== null
            ? <>A {formatPercent(accuracyAt(t.sweep.a, 1)!)}, B {formatPercent(accuracyAt(t.sweep.b, 1)!)} <span className="cz-muted">({gap >= 0 ? '+' : '−'}{Math.abs(gap).toFixed(1)} points for A, step {t.sweep.step})</span></>
            : <span className="cz-muted">not measured yet</span>}
        </dd>
      </div>
      <div>
        <dt>Learned mean σ · latent RMS</dt>
        <dd>{a && b ? <>A {a.meanSigma.toFixed(3)} · {a.latentRms.toFixed(2)}; B {b.meanSigma === 0 ? 'no σ' : b.meanSigma.toFixed(3)} · {b.latentRms.toFixed(2)}</> : <span className="cz-muted">–</span>}</dd>
      </div>
      <div>
        <dt>Speed</dt>
        <dd>{t.stepsPerSecond !== null ? `${t.stepsPerSecond.toFixed(2)} steps/s (both runs), ${formatDuration(t.seconds)} of training` : <span className="cz-muted">–</span>}</dd>
      </div>
    </dl>
  );
}
