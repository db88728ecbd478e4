/**
 * One model's lane: how it samples, counters (backbone steps, wall time, tokens/s, FLOPs per token), a bar
 * per step, the text.
 */
import type { RaceLaneLive, RaceLaneResult, RaceModel, RaceTemperature } from '../../../engine/ops/race.types.ts';
import { fmtCount, fmtMs, fmtRate } from '../evaluate/format.ts';
import { stepBars } from './bars.ts';
import { laneSampling } from './sampling.ts';

export interface LaneProps {
  model: RaceModel;
  title: string;
  tokens: number;
  tokensPerStep: number;
  live: RaceLaneLive | null;
  result: RaceLaneResult | null;
  /** The step time of a full-height bar, shared by both lanes (see barScaleMs). */
  maxStepMs: number;
  /** The temperature of the race shown (a result's own, else the one chosen). */
  T: RaceTemperature;
  /** A precomputed trace's result (timed in Node): shown without test ids, which mark live results only. */
  trace?: boolean;
}

export function RaceLane({ model, title, tokens, tokensPerStep, live, result, maxStepMs, T, trace = false }: LaneProps) {
  const tid = (what: string) => (trace ? undefined : `race-${model}-${what}`);
  const totalSteps = Math.ceil(tokens / tokensPerStep);
  const steps = result?.steps ?? live?.steps ?? 0;
  const ms = result?.ms ?? live?.ms ?? 0;
  const done = result?.tokens ?? live?.tokens ?? 0;
  const bars = stepBars(totalSteps, tokensPerStep, tokens, steps, result?.stepMs ?? null, maxStepMs);
  const caption = `${title}: ${steps} of ${totalSteps} backbone steps for ${tokens} tokens (${tokensPerStep} token${tokensPerStep > 1 ? 's' : ''} per step)` +
    (result ? `, slowest step ${fmtMs(Math.max(...result.stepMs))}` : '');
  return (
    <section className={`rc-lane rc-${model}`} aria-label={title}>
      <h3>{title}</h3>
      <dl className="rc-counters">
        <dt>Sampling</dt>
        <dd className="rc-sampling" data-sampling={`${model}-${T}`}>{laneSampling(model, T, result?.drawsPerStep)}</dd>
        <dt>Backbone steps</dt>
        <dd><span data-testid={live || result ? tid('steps') : undefined}>{steps}</span> / {totalSteps}</dd>
        <dt>Tokens</dt>
        <dd>{done} / {tokens}</dd>
        <dt>Wall time</dt>
        <dd>{live || result ? fmtMs(ms) : '—'}</dd>
        <dt>Tokens per second</dt>
        <dd>{result ? <span data-testid={tid('tps')}>{fmtRate(result.tokensPerSecond)}</span> : '—'}</dd>
        <dt>FLOPs per token</dt>
        <dd>{result ? fmtCount(result.flopsPerToken) : '—'}</dd>
      </dl>
      <figure className="rc-strip-fig">
        <div className="rc-strip" role="img" aria-label={caption}>
          {bars.map((b, i) => (
            <span key={i} className={b.done ? 'rc-bar rc-done' : 'rc-bar'} style={{ left: `${b.x}%`, width: `${b.w}%`, height: `${b.h}%` }} />
          ))}
        </div>
        <figcaption>{caption}</figcaption>
      </figure>
      {result && (
        <p className="rc-text" data-testid={tid('text')}>{result.text}</p>
      )}
      {result && <p className="rc-small">Prompt prefill {fmtMs(result.prefillMs)} (not counted).</p>}
    </section>
  );
}
