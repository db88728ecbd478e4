/**
 * The Generate panel's precomputed trace (the default prompt stepped a few times, `npm run traces`), shown
 * until the live model is ready: the same views as a live generation, without test ids, under a banner.
 */
import { useState } from 'react';
import type { GenStateView } from '../../../engine/ops/generate.types.ts';
import type { PanelTrace } from '../../traces/usePanelTrace.ts';
import { TraceBanner } from '../../traces/TraceBanner.tsx';
import { GenOutput } from './GenOutput.tsx';
import { StepDetails } from './StepDetails.tsx';

export function GenTrace({ t }: { t: PanelTrace<GenStateView> }) {
  const v = t.trace.result;
  const n = v.steps.length;
  const K = v.counters.K;
  const [picked, setPicked] = useState(n - 1);
  const selected = Math.min(Math.max(0, picked), n - 1);
  return (
    <>
      <TraceBanner what={`the default prompt stepped ${n} times (${n} vectors = ${n * K} tokens)`} differs={t.differs} />
      <GenOutput view={v} selected={selected} onSelect={setPicked} live={false} />
      <p className="gn-counter">
        <span className="num">{n}</span> vector step{n === 1 ? '' : 's'} = <span className="num">{n * K}</span> tokens (a
        token model needs {n * K} steps)
      </p>
      {n > 0 && (
        <div className="trace-view">
          <StepDetails step={v.steps[selected]} count={n} onSelect={setPicked} />
        </div>
      )}
    </>
  );
}
