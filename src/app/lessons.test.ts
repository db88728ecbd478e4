import { describe, expect, it } from 'vitest';
import { LESSONS, applyLesson, lessonBase, lessonById, linkBase, parseLink } from './lessons.ts';
import { DEFAULTS, PANELS, V1_DEFAULTS, parseSettings, serializeSettings } from './state/schema.ts';

describe('lessons', () => {
  it('has the lessons the issue names, each with a unique id, a panel and one line of caption', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['sigma-barely-matters', 'plain-vectors-break', 'one-step-four-tokens', 'why-temperature', 'temperature-by-repetition', 'k-times-fewer-steps', 'k-is-a-dial', 'robustness-appears']) {
      expect(ids).toContain(id);
    }
    expect(new Set(LESSONS.map((l) => l.panel))).toEqual(new Set(PANELS.filter((p) => p !== 'compress' && p !== 'models')));
    for (const l of LESSONS) {
      expect(l.id).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(l.settings.panel).toBe(l.panel);
      expect(l.caption).not.toMatch(/\n/);
      expect(l.caption.length).toBeLessThan(260);
    }
  });

  it('every lesson setting is already within its limits (a link of it round-trips without a notice)', () => {
    for (const l of LESSONS) {
      const s = lessonBase(l);
      const back = parseSettings(serializeSettings(s));
      expect(back.notices).toEqual([]);
      expect(back.settings).toEqual(s);
    }
  });

  it('?lesson=x opens the lesson preset, and values written beside it win', () => {
    const l = lessonById('plain-vectors-break')!;
    const only = parseLink('lesson=plain-vectors-break');
    expect(only.notices).toEqual([]);
    expect(only.settings).toMatchObject({ ...l.settings, lesson: l.id });
    const mixed = parseLink('lesson=plain-vectors-break&sigma=0.4&seed=9');
    expect(mixed.settings).toMatchObject({ panel: 'noise', noise: 'rel', sigma: 0.4, seed: 9, lesson: l.id });
    // A bad value beside the lesson falls back to the lesson's value, not the global default.
    const bad = parseLink('lesson=plain-vectors-break&sigma=abc');
    expect(bad.settings.sigma).toBe(l.settings.sigma);
    expect(bad.notices[0]).toMatch(/lesson's value/);
  });

  it('an unknown lesson gives a notice and keeps the rest of the link', () => {
    const r = parseLink('lesson=no-such-lesson&panel=race');
    expect(r.settings.lesson).toBeNull();
    expect(r.settings.panel).toBe('race');
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/no lesson called "no-such-lesson"/);
  });

  it('links of a lesson are written relative to it and read back to the same settings', () => {
    const l = lessonById('temperature-by-repetition')!;
    const s = { ...lessonBase(l), N: 50, sigma: DEFAULTS.sigma, presenter: true };
    const q = serializeSettings(s, linkBase(s));
    expect(q).toContain('lesson=temperature-by-repetition');
    expect(q).toContain('N=50');
    expect(q).not.toContain('sampler='); // the lesson's own value
    expect(parseLink(q).settings).toEqual(s);
    // A value changed back to the global default but away from the lesson's must be written.
    const t = { ...lessonBase(lessonById('plain-vectors-break')!), sigma: DEFAULTS.sigma };
    expect(parseLink(serializeSettings(t, linkBase(t))).settings.sigma).toBe(DEFAULTS.sigma);
  });

  it('choosing a lesson keeps the viewer’s backend, presenter mode and hidden regions', () => {
    const current = { ...DEFAULTS, hide: ['tabs' as const], backend: 'cpu' as const, presenter: true, sigma: 1.7 };
    const next = applyLesson(current, lessonById('sigma-barely-matters')!);
    expect(next).toMatchObject({ backend: 'cpu', presenter: true, hide: ['tabs'], panel: 'noise', sigma: 0.3, lesson: 'sigma-barely-matters' });
  });

  it('why-temperature opens Generate at the authors’ setting: batch sampler, T = ½, N = 200', () => {
    const l = lessonById('why-temperature')!;
    expect(l.panel).toBe('generate');
    expect(l.caption).toMatch(/T = 1/);
    expect(l.caption).toMatch(/T = ½/);
    const r = parseLink('lesson=why-temperature');
    expect(r.notices).toEqual([]);
    expect(r.settings).toMatchObject({ panel: 'generate', sampler: 'batch', T: 0.5, N: 200, lesson: 'why-temperature' });
    expect(serializeSettings(r.settings, linkBase(r.settings))).toBe('v=2&lesson=why-temperature');
  });

  it('a v=1 lesson link reads what the lesson left out with v=1’s defaults; the lesson’s own values still win', () => {
    // one-step-four-tokens sets the plain sampler but not T: v=1 meant T = 1.
    const old = parseLink('v=1&lesson=one-step-four-tokens');
    expect(old.notices).toEqual([]);
    expect(old.settings).toEqual({ ...lessonBase(lessonById('one-step-four-tokens')!, V1_DEFAULTS) });
    expect(old.settings).toMatchObject({ sampler: 'plain', T: 1 });
    // Rewritten against the current lesson preset, the old T is spelled out and reads back the same.
    const q = serializeSettings(old.settings, linkBase(old.settings));
    expect(q).toBe('v=2&lesson=one-step-four-tokens&T=1');
    expect(parseLink(q).settings).toEqual(old.settings);
    // temperature-by-repetition sets its own sampler and T: a v=1 link of it is unchanged.
    expect(parseLink('v=1&lesson=temperature-by-repetition').settings).toMatchObject({ sampler: 'batch', T: 0.33, N: 200 });
    // Without v: the current defaults under the lesson.
    expect(parseLink('lesson=one-step-four-tokens').settings).toMatchObject({ sampler: 'plain', T: DEFAULTS.T });
  });
});
