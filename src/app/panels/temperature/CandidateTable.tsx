/** The batch: every distinct chunk with its count, its C(count, m) weight, its pick probability; the pick marked. */
import type { SamplerTeaching } from '../../../engine/ops/generate.types.ts';
import { chipLabel } from '../../draw/format.ts';
import { formatTemperature } from '../../../model/sweep.ts';

type Batch = Extract<SamplerTeaching, { kind: 'batch' }>;

function weightText(w: number, logW: number): string {
  if (Number.isFinite(w)) return w.toLocaleString('en-US');
  return `e^${logW.toFixed(1)}`;
}

/** `live`: the live model's batch (test ids on); false for a precomputed trace. */
export function CandidateTable({ t, live = true }: { t: Batch; live?: boolean }) {
  const chosen = t.candidates.find((c) => c.chosen);
  return (
    <div className="tp-batch">
      <dl className="tp-facts">
        <dt>Draws</dt><dd className="num">{t.N} head samples in one call</dd>
        <dt>Distinct chunks</dt><dd className="num">{t.distinct}</dd>
        <dt>n = ⌊1/T⌋</dt><dd className="num">{t.n} (T = {formatTemperature(t.T)})</dd>
        <dt>Fallback level m</dt>
        <dd className="num" data-testid={live ? 'temp-level' : undefined}>{t.level}</dd>
        <dt>Pick</dt>
        <dd>{chosen ? <>“<span className="tp-chunk">{chipLabel(chosen.text)}</span>”, probability {(chosen.probability * 100).toFixed(1)} %</> : t.message}</dd>
      </dl>
      <p className="tp-explain" data-region="caption">
        {t.fellBack
          ? `No chunk occurred n = ${t.n} times in this batch, so the rule fell back to m = ${t.level}: every chunk seen at least ${t.level} time${t.level === 1 ? '' : 's'} gets weight C(count, ${t.level}).`
          : `Chunks seen at least m = ${t.level} times get weight C(count, ${t.level}) (the number of ${t.level}-draw subsets of the batch that are all that chunk); the others get 0.`}
      </p>
      {t.extensionLabel && <p className="gn-note">{t.extensionLabel}{t.stage2 ? ` Stage-2 draws ${t.stage2.steps}, rejections ${t.stage2.rejections}.` : ''}</p>}
      <div className="tp-scroll">
        <table className="tp-table">
          <caption className="visually-hidden">Distinct chunks of the batch with count, weight and pick probability</caption>
          <thead>
            <tr><th scope="col">Chunk</th><th scope="col">Count</th><th scope="col">C(count, {t.level})</th><th scope="col">Pick probability</th><th scope="col">Chosen</th></tr>
          </thead>
          <tbody>
            {t.candidates.map((c, i) => (
              <tr key={i} data-testid={live ? 'temp-candidates' : undefined} className={c.chosen ? 'tp-chosen' : c.weight === 0 ? 'tp-zero' : ''}>
                <td><span className="tp-chunk">{chipLabel(c.text)}</span></td>
                <td className="num">{c.count}</td>
                <td className="num">{weightText(c.weight, c.logWeight)}</td>
                <td className="num">{(c.probability * 100).toFixed(c.probability > 0 && c.probability < 0.001 ? 3 : 1)} %</td>
                <td>{c.chosen ? '✓ chosen' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
