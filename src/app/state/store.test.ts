import { beforeEach, describe, expect, it } from 'vitest';
import { useApp } from './store.ts';
import { DEFAULTS, LIMITS } from './schema.ts';

beforeEach(() => useApp.setState({ settings: { ...DEFAULTS, hide: [] }, notices: [] }));

describe('app store', () => {
  it('clamps numbers and truncates text with a notice on update', () => {
    const { update } = useApp.getState();
    update({ sigma: 7, N: -4, text: 'x'.repeat(LIMITS.textChars + 5) });
    const { settings, notices } = useApp.getState();
    expect(settings.sigma).toBe(LIMITS.sigma.max);
    expect(settings.N).toBe(LIMITS.N.min);
    expect(settings.text).toHaveLength(LIMITS.textChars);
    expect(notices).toHaveLength(1);
  });

  it('chooseLesson applies a lesson; leaving its panel ends it, other changes keep it', () => {
    const s = useApp.getState();
    s.chooseLesson('temperature-by-repetition');
    expect(useApp.getState().settings).toMatchObject({ lesson: 'temperature-by-repetition', panel: 'temperature', sampler: 'batch', N: 200 });
    s.update({ N: 50 });
    expect(useApp.getState().settings.lesson).toBe('temperature-by-repetition');
    s.update({ panel: 'temperature' });
    expect(useApp.getState().settings.lesson).toBe('temperature-by-repetition');
    s.update({ panel: 'race' });
    expect(useApp.getState().settings).toMatchObject({ lesson: null, panel: 'race', N: 50 });
  });

  it('an unknown lesson only gives a notice; null ends the lesson', () => {
    const s = useApp.getState();
    s.chooseLesson('nope');
    expect(useApp.getState().settings.lesson).toBeNull();
    expect(useApp.getState().notices[0]).toMatch(/no lesson called "nope"/);
    s.chooseLesson('sigma-barely-matters');
    s.chooseLesson(null);
    expect(useApp.getState().settings).toMatchObject({ lesson: null, panel: 'noise', sigma: 0.3 });
  });

  it('the Race temperature takes 1 or ½ only; anything else leaves it as it was', () => {
    const { update } = useApp.getState();
    expect(useApp.getState().settings.raceT).toBe(1);
    update({ raceT: 0.5 });
    expect(useApp.getState().settings.raceT).toBe(0.5);
    update({ raceT: 0.3 as never, seed: 4 });
    expect(useApp.getState().settings).toMatchObject({ raceT: 0.5, seed: 4 });
    update({ raceT: 1 });
    expect(useApp.getState().settings.raceT).toBe(1);
  });

  it('opens with the authors’ sampler (batch, T = ½, N = 200); the why-temperature lesson keeps it', () => {
    expect(useApp.getState().settings).toMatchObject({ sampler: 'batch', T: 0.5, N: 200 });
    useApp.getState().chooseLesson('why-temperature');
    expect(useApp.getState().settings).toMatchObject({ lesson: 'why-temperature', panel: 'generate', sampler: 'batch', T: 0.5, N: 200 });
  });
});
