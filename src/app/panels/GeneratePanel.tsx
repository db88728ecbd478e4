/**
 * Generate: the paradigm in motion. Each Step runs the backbone on ONE new chunk position (KV cache), draws
 * one vector from the energy head and decodes it into K tokens. Back removes the last chunk (the cache goes
 * back too); changing the sampler, T, N or the seed redraws the last chunk from its cached hidden state.
 * It opens with the authors' sampler (batch, T = ½, N = 200); plain T = 1 is one click away.
 * Until the live model is ready, a precomputed trace of the default prompt (marked as such, without test ids).
 */
import { useEffect, useState } from 'react';
import { useApp } from '../state/store.ts';
import type { GenStateView } from '../../engine/ops/generate.types.ts';
import { usePanelTrace } from '../traces/usePanelTrace.ts';
import { genKeyAction } from './generate/keys.ts';
import { DefaultTemperatureNote } from './generate/DefaultTemperatureNote.tsx';
import { ErrorNote, useReady } from './generate/engine-calls.tsx';
import { GenOutput } from './generate/GenOutput.tsx';
import { GenTrace } from './generate/GenTrace.tsx';
import { PaddingNote } from './generate/PaddingNote.tsx';
import { PromptBox } from './generate/PromptBox.tsx';
import { SamplerControls } from './generate/SamplerControls.tsx';
import { StepDetails } from './generate/StepDetails.tsx';
import { TempCompare } from './generate/TempCompare.tsx';
import { useGeneration } from './generate/useGeneration.ts';
import { haltReason } from './generate/halt.ts';
import './generate/generate.css';

export function GeneratePanel() {
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const set = useApp((s) => s.settings.set);
  const prompt = useApp((s) => s.settings.prompt);
  const stopAtEnd = useApp((s) => s.settings.stopAtEnd);
  const update = useApp((s) => s.update);
  const ready = useReady();
  const g = useGeneration();
  const trace = usePanelTrace<GenStateView>('generate');
  const v = g.view;
  const n = v?.steps.length ?? 0;
  const K = v?.counters.K ?? 4;
  const [picked, setPicked] = useState<number | null>(null);
  const selected = picked !== null && picked < n ? picked : n - 1;
  const halt = v ? haltReason(v, stopAtEnd) : null;

  useEffect(() => setPicked(null), [n]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = genKeyAction(e);
      if (!action || !ready) return;
      e.preventDefault();
      if (action === 'step') void g.step();
      else void g.back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, g.step, g.back]);

  return (
    <div className="gn-panel">
      <h2>Generate: one vector = {K} tokens</h2>
      {captions && (
        <p className="gn-caption" data-region="caption">
          A token model writes one token per step. CALM's backbone (a Transformer over chunk positions, with a KV
          cache) runs once per step, its energy head draws one continuous vector, and the autoencoder decodes that
          vector into {K} tokens. Press Step (or Space) and watch the chunks arrive; Back (Backspace) takes the last
          one away. The {set} models are tiny (≈ 2M parameters, under an hour on one CPU core), so expect rough text: the mechanics are
          the point.
        </p>
      )}
      {captions && <DefaultTemperatureNote panel="generate" />}
      <div className="split">
      <div className="split-main">
      <PromptBox id="gen-prompt" testId="gen-prompt" />
      <SamplerControls samplers={['plain', 'batch', 'exact']} testIds={{ sampler: 'gen-sampler' }} main={[]} />
      <div className="gn-buttons">
        <button type="button" className="primary" data-testid="gen-step" onClick={() => void g.step()} disabled={!ready || g.busy || g.playing || !!halt}>
          Step
        </button>
        <button type="button" onClick={() => g.setPlaying(!g.playing)} disabled={!ready || (!g.playing && !!halt)} aria-pressed={g.playing}>
          {g.playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" data-testid="gen-back" onClick={() => void g.back()} disabled={!ready || g.busy || g.playing || n === 0 || g.kept}>
          Back
        </button>
        <button type="button" data-testid="gen-reset" onClick={() => void g.reset()} disabled={!ready || g.busy}>
          Reset
        </button>
        <label className="gn-inline" title="Off: Step goes on past a chunk that holds end-of-text, and the model starts another text (the end is marked)">
          <input type="checkbox" data-testid="gen-stop-at-end" checked={stopAtEnd} onChange={(e) => update({ stopAtEnd: e.target.checked })} />
          stop at end of text
        </label>
        <span className="gn-status" role="status" aria-live="polite">
          {!ready ? 'Waiting for the models to load…' : g.busy ? 'Working…' : ''}
        </span>
      </div>
      <ErrorNote error={g.error} />
      {g.kept && v && (
        <p className="gn-note">The prompt box is empty: still showing the text generated from the prompt “{v.prompt}”.</p>
      )}
      {v ? (
        <GenOutput view={v} selected={selected} onSelect={setPicked} />
      ) : trace && !ready ? (
        <GenTrace t={trace} />
      ) : (
        // Before the first Step: the text so far is the prompt (what Step will continue).
        <div className="gn-output gn-prompt-only" data-testid={ready ? 'gen-output' : undefined} aria-label="Text so far: the prompt">{prompt}</div>
      )}
      {ready && (
        <p className="gn-counter">
          <span className="num" data-testid="gen-steps">{n}</span> vector step{n === 1 ? '' : 's'} ={' '}
          <span className="num" data-testid="gen-tokens">{n * K}</span> tokens (a token model needs {n * K} steps)
        </p>
      )}
      {halt && <p className="gn-note">{halt}</p>}
      {v && <PaddingNote promptTokens={v.promptTokens} padTokens={v.padTokens} K={K} />}
      {v && v.droppedTokens > 0 && (
        <p className="gn-note">The model sees at most {v.counters.maxChunks} chunks: the first {v.droppedTokens} prompt tokens were left out.</p>
      )}
      </div>
      <div className="split-side">
      {v && n > 0 && <StepDetails step={v.steps[selected]} count={n} onSelect={setPicked} />}
      </div>
      </div>
      {v && (
        <p className="gn-muted">
          Backbone positions computed: {v.counters.backbonePositions} (the prompt's {v.counters.contextChunks - n} chunk positions once, then
          one per step); head calls {v.counters.headCalls}, head samples {v.counters.draws}; context {v.counters.contextChunks} of{' '}
          {v.counters.maxChunks} chunk positions.{g.timing ? ` Last ${g.timing.what}: ${Math.round(g.timing.ms)} ms.` : ''}
        </p>
      )}
      <TempCompare />
    </div>
  );
}
