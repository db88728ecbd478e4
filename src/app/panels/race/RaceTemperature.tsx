/** The Race's temperature choice (`raceT`: 1 or ½) and what each model does at it. */
import { useApp } from '../../state/store.ts';
import { RACE_TEMPERATURES, type RaceTemperature } from '../../../engine/ops/race.types.ts';
import { fmtRaceT, raceTemperatureNote } from './sampling.ts';

/** Short, so the select fits a phone; what each model does is on the lanes and in the note. */
const OPTION: Record<RaceTemperature, string> = { 1: 'T = 1', 0.5: 'T = ½' };

export function RaceTemperatureSelect({ disabled }: { disabled: boolean }) {
  const raceT = useApp((s) => s.settings.raceT);
  const update = useApp((s) => s.update);
  return (
    <label>
      Temperature{' '}
      <select data-testid="race-T" value={String(raceT)} disabled={disabled}
        onChange={(e) => update({ raceT: Number(e.target.value) as RaceTemperature })}>
        {RACE_TEMPERATURES.map((t) => <option key={t} value={String(t)}>{OPTION[t]}</option>)}
      </select>
    </label>
  );
}

/**
 * Below T = 1, says that the two models' temperatures are different things and what CALM's costs it.
 * `T`: the race shown (a finished one's), else the one chosen.
 */
export function RaceTemperatureNote({ T }: { T: RaceTemperature }) {
  if (T === 1) return null;
  return (
    <p className="rc-tnote" data-note="race-temperature" data-race-t={fmtRaceT(T)}>
      {raceTemperatureNote(T)}
    </p>
  );
}
