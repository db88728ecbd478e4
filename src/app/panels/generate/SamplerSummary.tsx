/** What the sampler did for one chunk, in words (plain / batch / exact). */
import type { SamplerTeaching } from '../../../engine/ops/generate.types.ts';
import { formatTemperature } from '../../../model/sweep.ts';

export function SamplerSummary({ t }: { t: SamplerTeaching }) {
  if (t.kind === 'plain') return <p>Plain head sample (T = 1): one draw from the energy head, decoded.</p>;
  if (t.kind === 'batch') {
    const chosen = t.candidates.find((c) => c.chosen);
    return (
      <div>
        <p>
          Batch approximation at T = {formatTemperature(t.T)} (n = {t.n}{t.a > 0 ? `, a = ${t.a.toFixed(2)}` : ''}): {t.N} head
          samples in one call → {t.distinct} distinct chunk{t.distinct === 1 ? '' : 's'}.{' '}
          {t.fellBack
            ? `No chunk occurred ${t.n} times, so the rule fell back to level m = ${t.level}.`
            : `Chunks that occurred at least ${t.level} times got weight C(count, ${t.level}).`}
          {chosen && ` Picked “${chosen.text}” (count ${chosen.count}, weight ${chosen.weight}, probability ${(chosen.probability * 100).toFixed(1)} %).`}
        </p>
        {t.extensionLabel && <p className="gn-note">{t.extensionLabel}{t.stage2 ? ` Stage-2 draws: ${t.stage2.steps}, rejections: ${t.stage2.rejections}.` : ''}</p>}
      </div>
    );
  }
  return (
    <p>
      Exact sampler at T = {formatTemperature(t.T)}: {t.attempts} attempt{t.attempts === 1 ? '' : 's'} of {t.n} draw{t.n === 1 ? '' : 's'}
      {t.stage1Rejections ? ` (${t.stage1Rejections} rejected: not all identical)` : ''}
      {t.a > 0 ? `, stage-2 coin: ${t.stage2Steps} draws, ${t.stage2Rejections} rejections` : ''}; {t.draws} draws in all. {t.message}.
    </p>
  );
}
