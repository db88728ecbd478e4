/** The exact sampler's run: attempts of n draws (accepted only when all are identical), the stage-2 coin, the cost. */
import type { SamplerTeaching } from '../../../engine/ops/generate.types.ts';
import { chipLabel } from '../../draw/format.ts';
import { formatTemperature } from '../../../model/sweep.ts';

type Exact = Extract<SamplerTeaching, { kind: 'exact' }>;

/** `live`: the live model's run (test ids on); false for a precomputed trace. */
export function ExactView({ t, chosen, live = true }: { t: Exact; chosen: string | null; live?: boolean }) {
  return (
    <div className="tp-exact">
      <dl className="tp-facts">
        <dt>T</dt><dd className="num">{formatTemperature(t.T)} (n = {t.n}{t.a > 0 ? `, a = ${t.a.toFixed(3)}` : ''})</dd>
        <dt>Stage-1 attempts</dt><dd className="num" data-testid={live ? 'temp-attempts' : undefined}>{t.attempts}</dd>
        <dt>Rejected attempts</dt><dd className="num">{t.stage1Rejections}</dd>
        {t.a > 0 && <><dt>Stage-2 draws / rejections</dt><dd className="num">{t.stage2Steps} / {t.stage2Rejections}</dd></>}
        <dt>Draws in all</dt><dd className="num" data-testid={live ? 'temp-draws' : undefined}>{t.draws}</dd>
        <dt>Result</dt><dd>{t.status === 'ok' && chosen !== null ? <>“<span className="tp-chunk">{chipLabel(chosen)}</span>”</> : <strong>gave up</strong>} — {t.message}</dd>
      </dl>
      <p className="tp-explain" data-region="caption">
        An attempt draws n = {t.n} chunk{t.n === 1 ? '' : 's'} and is accepted only if all are identical (probability P(x)^{t.n}).
        {t.a > 0 && ' For a fractional 1/T, a Bernoulli-factory coin then accepts x* with probability P(x*)^a from fresh draws: at step i, a match accepts, otherwise x* is rejected with probability a/i.'}
        {` The cost grows fast as T falls: runs stop after ${t.maxDraws} draws.`}
      </p>
      {t.log.length > 0 && (
        <details>
          <summary>The first {t.log.length} steps{t.logOmitted ? ` (${t.logOmitted} more not shown)` : ''}</summary>
          <ol className="tp-log">
            {t.log.map((e, i) => (
              <li key={i}>
                {e.stage === 1
                  ? `attempt ${e.attempt}: ${e.drawn} draws, ${e.distinct} distinct → ${e.result}`
                  : `stage 2 (attempt ${e.attempt}), i = ${e.step}: ${e.matched ? 'matched x*' : `no match, reject with p = ${e.rejectProbability?.toFixed(3)}`} → ${e.result}`}
                {' '}<span className="tp-chunk">{e.texts.map(chipLabel).join(' | ')}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
