/**
 * Train (`?panel=train`): two chunk autoencoders learn in front of the class, in the engine's worker on the
 * active backend. Run A defaults to the paper's recipe (DropToken, σ with a clipped KL term, DropLatent), run B
 * to reconstruction only; both train on the same batches from the same seed. Live: steps, loss and held-out
 * accuracy curves, and every few seconds each run's accuracy against noise relative to its latent RMS, where
 * robustness appears in A and not in B. A run can then be used in Compress and Noise, downloaded and loaded
 * back. Before the engine is ready (and on a machine too slow to train) a recorded replay shows the default run.
 */
import { useEffect, useState } from 'react';
import { useApp } from '../state/store.ts';
import { LIVE_MODEL, LIVE_SWEEP_CHUNKS } from '../../model/live-training.ts';
import { EngineErrorNote } from './compress/Notes.tsx';
import { useEngineReady } from './compress/engine-hooks.ts';
import { useTrain, watchVisibility } from './train/train-store.ts';
import { fetchReplay, type TrainReplay } from './train/replay.ts';
import { RunSwitches, recipeName } from './train/RunSwitches.tsx';
import { TrainStatus } from './train/TrainStatus.tsx';
import { TrainCharts } from './train/TrainCharts.tsx';
import { RobustnessChart } from './train/RobustnessChart.tsx';
import { ModelFiles } from './train/ModelFiles.tsx';
import { ReplayView } from './train/ReplayView.tsx';
import { accuracyRows, formatDuration, sweepRows } from './train/train-data.ts';
import './compress/compress.css';
import './train/train.css';

/** A run longer than this at the measured speed counts as "too slow to train live here". */
const SLOW_RUN_SECONDS = 20 * 60;

export function TrainPanel() {
  const train = useApp((s) => s.settings.train);
  const seed = useApp((s) => s.settings.seed);
  const update = useApp((s) => s.update);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const backend = useApp((s) => s.engine.backend?.name ?? null);
  const ready = useEngineReady();
  const t = useTrain();
  const presenter = useApp((s) => s.settings.presenter);
  // Open where there is room; a projector starts with the buttons, the numbers and the charts.
  const [settingsOpen, setSettingsOpen] = useState(!presenter);
  const [replay, setReplay] = useState<TrainReplay | null>(null);
  useEffect(() => {
    watchVisibility();
    let live = true;
    void fetchReplay().then((r) => live && setReplay(r));
    return () => {
      live = false;
    };
  }, []);
  const { loadInfo, refreshCustom } = t;
  useEffect(() => {
    if (!ready) return;
    void loadInfo();
    void refreshCustom();
  }, [ready, loadInfo, refreshCustom]);

  const total = t.info?.model.totalSteps ?? LIVE_MODEL.totalSteps;
  const locked = t.step > 0 || t.status === 'running';
  const shown = locked && t.setup ? { a: t.setup.a, b: t.setup.b } : train;
  const running = t.status === 'running';
  const runSeconds = t.stepsPerSecond ? total / t.stepsPerSecond : null;
  const slow = runSeconds !== null && t.step >= 5 && runSeconds > SLOW_RUN_SECONDS;
  const info = t.info;
  const statusLine = !ready
    ? 'Waiting for the engine (the replay below shows what the default run does)…'
    : !info
      ? 'Loading the training sample…'
      : running
        ? `Training… It goes on while you look at other panels (they wait at most one step for the engine) and pauses by itself when this tab is hidden.`
        : t.status === 'done'
          ? `Done: both runs finished their ${total.toLocaleString('en-US')} steps. Reset to train again.`
          : t.status === 'paused'
            ? t.pausedBy === 'hidden' ? 'Paused because the tab was hidden. Press Resume to go on.' : t.pausedBy === 'error' ? 'Stopped by an error (below).' : 'Paused. Press Resume to go on.'
            : 'Ready. Press Start: both runs train from scratch, step by step.';
  const settings = (
    <details className="tr-settings" open={settingsOpen} onToggle={(e) => setSettingsOpen(e.currentTarget.open)}>
      <summary>Settings: A = {recipeName(shown.a)}, B = {recipeName(shown.b)}, seed {t.setup?.seed ?? seed}</summary>
      <div className="tr-controls">
        <RunSwitches run="a" s={shown.a} locked={locked} onChange={(a) => update({ train: { ...train, a } })} />
        <RunSwitches run="b" s={shown.b} locked={locked} onChange={(b) => update({ train: { ...train, b } })} />
      </div>
      {locked && <p className="cz-muted">The switches apply from step 0: Reset to change them. The seed is the link&rsquo;s (with the switches).</p>}
    </details>
  );
  return (
    <div className="cz-panel tr-panel">
      <h2>Train: watch robustness appear</h2>
      {captions && (
        <p className="cz-caption" data-region="caption">
          Two small autoencoders learn to squeeze 4 tokens into one vector, here and now, on the same stories. Run A uses the
          paper&rsquo;s recipe: it hides some input tokens (DropToken), adds learned noise σ kept up by a clipped KL term, and
          drops latent numbers (DropLatent). Run B only learns to reconstruct. Both end up reconstructing well; only A&rsquo;s
          vectors survive noise, and that is what CALM&rsquo;s language model needs, because it never predicts a vector exactly.
        </p>
      )}
      <div className="split">
        <div className="split-main">
          <div className="tr-buttons" data-region="controls">
            <button type="button" data-testid="train-start" disabled={!ready || running || t.status === 'done'}
              onClick={() => t.start({ a: train.a, b: train.b, seed })}>
              {t.step > 0 ? 'Resume' : 'Start'}
            </button>
            <button type="button" data-testid="train-pause" disabled={!running} onClick={() => t.pause('user')}>Pause</button>
            <button type="button" data-testid="train-reset" disabled={t.step === 0 && t.status === 'idle'} onClick={() => void t.reset()}>Reset</button>
          </div>
          <div className="cz-status" role="status" aria-live="polite">{statusLine}</div>
          {t.error && <EngineErrorNote error={t.error} keeping={t.step > 0} />}
          {(t.step > 0 || t.status === 'running') && <TrainStatus t={t} total={total} />}
          {!presenter && settings}
          {slow && runSeconds !== null && (
            <p className="cz-note" role="status">
              This machine trains at {t.stepsPerSecond!.toFixed(2)} steps a second: the whole run would take about {formatDuration(runSeconds)}.
              The recorded replay below shows where it is heading.
            </p>
          )}
          {t.step > 0 && (
            <TrainCharts acc={accuracyRows(t.accuracy)} loss={t.loss} total={total} testIds height={presenter ? 220 : undefined} />
          )}
          {presenter && settings}
          <ModelFiles canExport={t.step > 0} />
        </div>
        <div className="split-side">
          {t.sweep && t.latest && (
            <RobustnessChart rows={sweepRows(t.sweep, t.sweep.clean ?? { a: t.latest.a.accuracy, b: t.latest.b.accuracy })}
              step={t.sweep.step} chunks={info?.sweepChunks ?? LIVE_SWEEP_CHUNKS} />
          )}
          {replay && (t.step === 0 || slow) && (
            <ReplayView replay={replay} why={!ready ? 'The engine is not ready yet.' : slow ? 'This machine trains slowly.' : 'Nothing is trained yet in this page.'} />
          )}
          {info && (
            <p className="cz-muted tr-facts">
              Training text: {info.sampleTokens.toLocaleString('en-US')} tokens of the stories training split
              ({(info.sampleBytes / 1e6).toFixed(2)} MB, {((info.sampleTokens / info.splitTokens) * 100).toFixed(0)} % of it), stored for offline use;
              held-out: {info.heldoutTokens.toLocaleString('en-US')} tokens of the held-out split. Each run: K = {info.model.K}, width {info.model.d},
              SwiGLU {info.model.ffn}{t.params ? `, ${t.params.a.toLocaleString('en-US')} (A) and ${t.params.b.toLocaleString('en-US')} (B) parameters` : ''},
              {' '}{info.model.batchChunks} chunks a step, AdamW at {info.model.lr} with a cosine decay over {total.toLocaleString('en-US')} steps, from scratch
              (seeded), on {backend ?? info.backend}. The shipped autoencoders are bigger (d 128, l 128) and trained for {'≈'} 20 minutes each on both corpora.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
