/**
 * Evaluate: BrierLM, the likelihood-free score of CALM.md §4, computed live for CALM, the discrete baseline
 * and a unigram floor on held-out passages (or the user's text), with progress and cancel; the four Brier
 * terms beside it (BrierLM is a geometric mean and collapses to 0 when any term does), the paper's table
 * for scale, and what our two models cost per token. Until the live model is ready: a precomputed trace of
 * the default evaluation (public/traces/evaluate.json), marked as such and without test ids. Below: the
 * compute frontier (Brier-1 against training FLOPs, from the weights manifest; needs no engine).
 */
import { useState } from 'react';
import { useApp } from '../state/store.ts';
import { EVAL_DEFAULTS, type EvaluateResult } from '../../engine/ops/evaluate.types.ts';
import { TraceBanner } from '../traces/TraceBanner.tsx';
import { useTrace } from '../traces/useTrace.ts';
import { EvalControls, type EvalChoice } from './evaluate/EvalControls.tsx';
import { EvalResults } from './evaluate/EvalResults.tsx';
import { Frontier } from './evaluate/Frontier.tsx';
import { ModelCosts } from './evaluate/ModelCosts.tsx';
import { PaperTable } from './evaluate/PaperTable.tsx';
import { useEvaluation } from './evaluate/useEvaluation.ts';
import { EVALUATE_TRACE_NAME, evalTraceDifferences } from './evaluate/eval-trace.ts';
import './evaluate/evaluate.css';

export function EvaluatePanel() {
  const set = useApp((s) => s.settings.set);
  const ready = useApp((s) => s.engine.state === 'ready');
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ev = useEvaluation();
  const trace = useTrace<EvaluateResult>(EVALUATE_TRACE_NAME, !ready);
  const [choice, setChoice] = useState<EvalChoice>({ source: 'heldout', tokens: EVAL_DEFAULTS.tokens, text: '' });
  const r = ev.result;
  const textMissing = choice.source === 'text' && choice.text.trim() === '';

  const start = () => void ev.run({
    set, seed: EVAL_DEFAULTS.seed,
    source: choice.source === 'heldout' ? 'heldout' : { text: choice.text },
    tokens: choice.tokens,
  });

  return (
    <div className="ev-panel">
      <h2>Evaluate: BrierLM without likelihoods</h2>
      {captions && (
        <p className="ev-caption" data-region="caption">
          CALM has no softmax, so it has no probabilities and no perplexity. BrierLM scores any model that can
          sample: draw two predictions of the next 1–4 tokens; each that matches the truth scores +1, and the two
          matching each other scores −1 (a model that always says the same thing is penalised). Averaged, that is
          an unbiased estimate of the Brier score 2·P(truth) − Σ P(x)². Both models predict the same positions
          from the same 124 tokens of context.
        </p>
      )}
      <div className="split">
      <div className="split-main">
      <div data-region="controls">
        <EvalControls choice={choice} onChange={setChoice} disabled={ev.running} />
      </div>
      <div className="ev-buttons">
        <button type="button" className="primary" data-testid="eval-run" onClick={start} disabled={!ready || ev.running || textMissing}>
          {r ? 'Evaluate again' : 'Evaluate'}
        </button>
        {ev.running && (
          <button type="button" data-testid="eval-cancel" onClick={ev.cancel}>Cancel</button>
        )}
        <span className="ev-progress" role="status" aria-live="polite">
          {!ready && 'Waiting for the models to load…'}
          {ev.running && ev.progress && (
            <>
              <progress max={ev.progress.total} value={ev.progress.done} aria-label="Evaluation progress" />
              <span>{ev.progress.label}</span>
            </>
          )}
          {ev.running && !ev.progress && 'Starting…'}
          {ev.cancelled && !ev.running && 'Cancelled.'}
          {textMissing && !ev.running && 'Paste some text to evaluate it.'}
        </span>
      </div>
      {ev.error && <p className="ev-error" role="alert">{ev.error.message} {ev.error.fix}</p>}
      {r && (
        <div className="ev-wrap">
          <EvalResults r={r} />
        </div>
      )}
      {!r && trace && (
        <>
          <TraceBanner
            what={`the default evaluation: ${trace.result.positions.toLocaleString()} positions over ${trace.result.tokensCovered.toLocaleString()} held-out ${trace.result.set} tokens`}
            differs={evalTraceDifferences({ set })}
          />
          <div className="ev-wrap trace-view">
            <EvalResults r={trace.result} live={false} />
          </div>
        </>
      )}
      </div>
      <div className="split-side">
        <Frontier set={set} />
      </div>
      </div>
      <p className="ev-note" data-region="caption">
        <strong>Why BrierLM can read 0.</strong> BrierLM = 100·(Brier-1 · Brier-2 · Brier-3 · Brier-4)<sup>¼</sup>, a
        geometric mean, and it is 0 whenever any term is ≤ 0. Predicting 3 or 4 tokens exactly is hard for models of a
        few million parameters: their Brier-3 and Brier-4 can be around 10⁻⁴, and a noisy estimate of so small a
        number can land at or below zero, taking BrierLM with it. So the four terms are shown; they tell the story
        even when the product collapses.
      </p>
      <div className="ev-grid">
        {(r ?? trace?.result) && (
          <div className={r ? 'ev-wrap' : 'ev-wrap trace-view'}>
            <ModelCosts r={(r ?? trace?.result)!} live={!!r} />
          </div>
        )}
        <div className="ev-wrap">
          <PaperTable />
        </div>
      </div>
    </div>
  );
}
