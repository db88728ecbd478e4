/** The one-click race of the K = 1, 2, 4 CALMs and the baseline: steps, tokens per second and the text of each. */
import { WEIGHTS_LABEL } from '../../../engine/ops/core.types.ts';
import type { BandwidthInfoResult } from '../../../engine/ops/bandwidth.types.ts';
import { raceLoadNote } from './bandwidth-data.ts';
import type { KRace } from './useBandwidth.ts';

export function KRaceView({ race, prompt, seed, ready, info }: { race: KRace; prompt: string; seed: number; ready: boolean; info: BandwidthInfoResult | null }) {
  const r = race.result;
  return (
    <section className="bw-race" aria-labelledby="bw-race-h">
      <h3 id="bw-race-h">Race the dial: the same prompt, 64 tokens each</h3>
      <p className="cz-muted">Prompt: &ldquo;{prompt}&rdquo; (the Generate and Race panels&rsquo; prompt).{info && ` ${raceLoadNote(info)}`}</p>
      <button type="button" onClick={() => (race.running ? race.stop() : race.start(prompt, seed))} disabled={!ready}>
        {race.running ? 'Stop' : 'Race K = 1, 2, 4 and the baseline'}
      </button>
      {race.running && race.progress && (
        <label className="nz-progress">
          {race.progress.label?.startsWith(WEIGHTS_LABEL) ? 'Loading the models' : 'Generating'}: {race.progress.label?.startsWith(WEIGHTS_LABEL) ? `${(race.progress.done / 1e6).toFixed(1)} of ${(race.progress.total / 1e6).toFixed(1)} MB` : `${race.progress.done} of ${race.progress.total} steps`}
          <progress max={race.progress.total || 1} value={race.progress.done} />
        </label>
      )}
      {race.stopped && <p role="status">Stopped.</p>}
      {race.error && <p className="cz-error" role="alert">{race.error.message} {race.error.fix}</p>}
      {r && (
        <table className="bw-race-table">
          <caption>{r.tokens} tokens each on {r.backend}; each model timed on its own clock (prompt excluded)</caption>
          <thead><tr><th scope="col">model</th><th scope="col">steps</th><th scope="col">tokens/s</th><th scope="col">text</th></tr></thead>
          <tbody>
            {r.lanes.map((l) => (
              <tr key={String(l.K)}>
                <th scope="row">{l.K === 'baseline' ? 'baseline' : `CALM K = ${l.K}`}</th>
                <td>{l.steps}</td>
                <td>{l.tokensPerSecond.toFixed(0)}</td>
                <td className="bw-race-text">{l.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
