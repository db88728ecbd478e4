/**
 * The recorded default run (public/train/replay.json), marked as a replay and carrying no test ids: shown
 * before the engine is ready, before the first live step, and where this machine trains too slowly.
 */
import { LIVE_SWEEP_CHUNKS } from '../../../model/live-training.ts';
import { TrainCharts } from './TrainCharts.tsx';
import { RobustnessChart } from './RobustnessChart.tsx';
import type { TrainReplay } from './replay.ts';
import { replayAccuracyRows, replaySummary, sweepRows } from './train-data.ts';

export function ReplayView({ replay, why }: { replay: TrainReplay; why: string }) {
  const last = replay.sweeps[replay.sweeps.length - 1];
  const lastPoint = replay.points.find((p) => p.step === last?.step) ?? replay.points[replay.points.length - 1];
  const loss = replay.points.map((p) => ({ step: p.step, a: p.lossA, b: p.lossB }));
  return (
    <section className="tr-replay" aria-labelledby="tr-replay-h">
      <h3 id="tr-replay-h">Replay (recorded, not live): the default run, A = the paper&rsquo;s recipe, B = reconstruction only</h3>
      <p className="cz-note">
        {why} Recorded {replay.recorded} on {replay.machine}: {replaySummary(replay)}.
      </p>
      <TrainCharts acc={replayAccuracyRows(replay)} loss={loss} total={replay.model.totalSteps} testIds={false} replayNote="This is the recorded replay." />
      {last && lastPoint && (
        <RobustnessChart rows={sweepRows(last, { a: lastPoint.a, b: lastPoint.b })} step={last.step} chunks={LIVE_SWEEP_CHUNKS} note="This is the recorded replay." />
      )}
    </section>
  );
}
