import { describe, expect, it } from 'vitest';
import {
  DEFAULTS, LIMITS, SCHEMA_VERSION, V1_DEFAULTS, cleanText, defaultsFor, linkVersion, parseRaceT, parseSettings, serializeSettings,
} from './schema.ts';

describe('URL settings schema', () => {
  it('an empty query gives the defaults and no notices', () => {
    expect(parseSettings('')).toEqual({ settings: { ...DEFAULTS, hide: [] }, notices: [] });
  });
  it('round-trips every setting', () => {
    const s = { ...DEFAULTS, panel: 'temperature' as const, set: 'austen' as const, text: 'a b', prompt: 'It was',
      sigma: 0.45, noise: 'rel' as const, T: 0.33, N: 64, sampler: 'exact' as const, seed: 7, raceT: 0.5 as const, K: 2 as const, stopAtEnd: false, backend: 'wasm' as const,
      lesson: 'one-step-four-tokens', presenter: true, hide: ['controls' as const] };
    const q = serializeSettings(s);
    expect(parseSettings(q)).toEqual({ settings: s, notices: [] });
  });
  it('clamps out-of-range numbers with a notice', () => {
    const { settings, notices } = parseSettings('sigma=9&T=0&N=5000&seed=-3');
    expect(settings.sigma).toBe(LIMITS.sigma.max);
    expect(settings.T).toBe(LIMITS.T.min);
    expect(settings.N).toBe(LIMITS.N.max);
    expect(settings.seed).toBe(0);
    expect(notices).toHaveLength(4);
  });
  it('falls back to defaults on malformed values', () => {
    const { settings, notices } = parseSettings('panel=nope&sigma=abc&backend=tpu&noise=x&hide=bogus&v=z&presenter=maybe');
    expect(settings.panel).toBe(DEFAULTS.panel);
    expect(settings.sigma).toBe(DEFAULTS.sigma);
    expect(settings.backend).toBeNull();
    expect(settings.hide).toEqual([]);
    expect(notices.length).toBe(7);
  });
  it('accepts T as a fraction and rounds to the slider step', () => {
    expect(parseSettings('T=1/3').settings.T).toBe(0.33);
    expect(parseSettings('sigma=0.123').settings.sigma).toBe(0.12);
  });
  it('truncates huge text with a notice and never splits an emoji', () => {
    const long = '🙃'.repeat(LIMITS.textChars + 10);
    const { settings, notices } = parseSettings(new URLSearchParams({ text: long }).toString());
    expect(Array.from(settings.text)).toHaveLength(LIMITS.textChars);
    expect(settings.text.endsWith('🙃')).toBe(true);
    expect(notices[0]).toMatch(/truncated/);
    expect(cleanText('a\u0000b\u0007c\nd', 100)).toEqual({ text: 'abc\nd', truncated: false, stripped: true });
  });
  it('keeps old links working: no v, v=1, unknown parameters are ignored without a notice', () => {
    const old = parseSettings('panel=noise&sigma=0.5&utm_source=mail&foo=bar');
    expect(old.notices).toEqual([]);
    expect(old.settings).toMatchObject({ panel: 'noise', sigma: 0.5, v: SCHEMA_VERSION });
    expect(parseSettings('v=1&panel=race').settings.panel).toBe('race');
    expect(parseSettings('v=1&panel=race').notices).toEqual([]);
    expect(parseSettings('v=9&panel=race').notices[0]).toMatch(/newer version/);
  });
  it('v=2 opens Generate and Temperature with the batch sampler at T = ½, N = 200, and the Race at T = 1', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(DEFAULTS).toMatchObject({ v: 2, sampler: 'batch', T: 0.5, N: 200, raceT: 1 });
    expect(parseSettings('').settings).toMatchObject({ sampler: 'batch', T: 0.5, N: 200, raceT: 1 });
    expect(parseSettings('v=2&panel=generate').settings).toMatchObject({ sampler: 'batch', T: 0.5, N: 200 });
    // The defaults are not written: a default view's link is just the version.
    expect(serializeSettings({ ...DEFAULTS, hide: [] })).toBe('v=2');
    // Plain T = 1 is a change from the defaults and is written.
    expect(serializeSettings({ ...DEFAULTS, hide: [], sampler: 'plain', T: 1 })).toBe('v=2&T=1&sampler=plain');
  });
  it('v=1 links keep their old defaults (plain, T = 1); links without v are read as the current version', () => {
    const v1 = parseSettings('v=1&panel=generate&seed=7');
    expect(v1.notices).toEqual([]);
    expect(v1.settings).toEqual({ ...V1_DEFAULTS, hide: [], panel: 'generate', seed: 7 });
    expect(v1.settings).toMatchObject({ sampler: 'plain', T: 1, N: 200, raceT: 1, v: SCHEMA_VERSION });
    // Rewritten in the current schema, the old defaults are spelled out and read back the same.
    const q = serializeSettings(v1.settings);
    expect(q).toBe('v=2&panel=generate&T=1&sampler=plain&seed=7');
    expect(parseSettings(q).settings).toEqual(v1.settings);
    // A v=1 link's own values still win over v=1's defaults.
    expect(parseSettings('v=1&sampler=batch&T=0.25&N=64').settings).toMatchObject({ sampler: 'batch', T: 0.25, N: 64 });
    expect(parseSettings('v=1&sampler=exact').settings).toMatchObject({ sampler: 'exact', T: 1 });
    // No v, or a malformed one: the current version's defaults.
    expect(parseSettings('panel=generate').settings).toMatchObject({ sampler: 'batch', T: 0.5 });
    const bad = parseSettings('v=one&panel=generate');
    expect(bad.settings).toMatchObject({ sampler: 'batch', T: 0.5 });
    expect(bad.notices[0]).toMatch(/v="one" is not a version number; using the default/);
    // A newer version: a notice, and the current defaults.
    expect(parseSettings('v=3').settings).toMatchObject({ sampler: 'batch', T: 0.5 });
  });
  it('linkVersion and defaultsFor', () => {
    expect(linkVersion('')).toBe(SCHEMA_VERSION);
    expect(linkVersion('v=1&T=1')).toBe(1);
    expect(linkVersion('v=2')).toBe(2);
    expect(linkVersion('v=x')).toBe(SCHEMA_VERSION);
    expect(linkVersion('v=7')).toBe(7);
    expect(defaultsFor(1)).toBe(V1_DEFAULTS);
    expect(defaultsFor(0)).toBe(V1_DEFAULTS);
    expect(defaultsFor(2)).toBe(DEFAULTS);
    expect(defaultsFor(7)).toBe(DEFAULTS);
    expect(V1_DEFAULTS).toEqual({ ...DEFAULTS, sampler: 'plain', T: 1 });
  });
  it('K (the Bandwidth dial) is 1, 2, 4 or 8; the default 4 stays out of links; anything else falls back with a notice', () => {
    expect(DEFAULTS.K).toBe(4);
    for (const K of [1, 2, 4, 8] as const) expect(parseSettings(`panel=bandwidth&K=${K}`).settings.K).toBe(K);
    expect(serializeSettings({ ...DEFAULTS, K: 4 })).not.toMatch(/K=/);
    expect(serializeSettings({ ...DEFAULTS, panel: 'bandwidth', K: 8 })).toMatch(/(^|&)K=8(&|$)/);
    for (const raw of ['3', '0', '16', 'four', '', '2.5']) {
      const r = parseSettings(`panel=bandwidth&K=${raw}`);
      expect(r.settings.K).toBe(4);
      expect(r.settings.panel).toBe('bandwidth');
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toMatch(/K=".*" is not one of 1, 2, 4, 8; using the default/);
    }
  });
  it('the Train switches: per run, clamped or snapped with a notice, the defaults left out of links', () => {
    expect(DEFAULTS.train.a).toEqual({ beta: 0.001, klClip: 0.5, dropToken: 0.15, dropLatent: 0.15, latent: 64 });
    expect(DEFAULTS.train.b).toEqual({ beta: 0, klClip: 0, dropToken: 0, dropLatent: 0, latent: 64 });
    expect(serializeSettings(DEFAULTS)).not.toMatch(/[ab](Beta|Clip|DropTok|DropLat|Latent)=/);
    const s = { ...DEFAULTS, panel: 'train' as const, seed: 9, train: { a: { ...DEFAULTS.train.a, dropToken: 0.3, latent: 32 }, b: { ...DEFAULTS.train.b, beta: 0.01, klClip: 1 } } };
    const q = serializeSettings(s);
    expect(q).toMatch(/aDropTok=0\.3/);
    expect(q).toMatch(/aLatent=32/);
    expect(q).toMatch(/bBeta=0\.01/);
    expect(q).not.toMatch(/aBeta=/);
    expect(parseSettings(q)).toEqual({ settings: s, notices: [] });
    const r = parseSettings('panel=train&aDropTok=0.9&bLatent=50&aBeta=x&bClip=-1');
    expect(r.settings.train.a.dropToken).toBe(0.5);
    expect(r.settings.train.b.latent).toBe(64);
    expect(r.settings.train.a.beta).toBe(0.001);
    expect(r.settings.train.b.klClip).toBe(0);
    expect(r.notices).toHaveLength(4);
    expect(r.notices.join(' ')).toMatch(/aDropTok="0\.9" is outside 0…0\.5, clamped/);
    expect(r.notices.join(' ')).toMatch(/bLatent="50" is not one of 16, 32, 64, 128; using 64/);
    // Parsing never shares the defaults' objects (the store updates runs immutably).
    expect(parseSettings('').settings.train.a).not.toBe(DEFAULTS.train.a);
  });
  it('raceT is 1 or 0.5; anything else falls back to the default with a notice', () => {
    expect(parseSettings('raceT=0.5').settings.raceT).toBe(0.5);
    expect(parseSettings('raceT=1/2').settings.raceT).toBe(0.5);
    expect(parseSettings('raceT=1').settings.raceT).toBe(1);
    expect(parseSettings('v=1&raceT=0.5').settings.raceT).toBe(0.5);
    for (const raw of ['0.25', '0', '2', 'half', '', 'NaN']) {
      const r = parseSettings(`panel=race&raceT=${raw}`);
      expect(r.settings.raceT).toBe(DEFAULTS.raceT);
      expect(r.settings.panel).toBe('race');
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toMatch(/raceT=".*" is not one of 1, 0\.5; using the default/);
    }
    expect(parseRaceT('0.50')).toBe(0.5);
    expect(parseRaceT('0.3')).toBeUndefined();
    expect(serializeSettings({ ...DEFAULTS, hide: [], panel: 'race', raceT: 0.5 })).toBe('v=2&panel=race&raceT=0.5');
    expect(serializeSettings({ ...DEFAULTS, hide: [], panel: 'race', raceT: 1 })).toBe('v=2&panel=race');
    expect(parseSettings('panel=race&raceT=0.5').settings).toEqual({ ...DEFAULTS, hide: [], panel: 'race', raceT: 0.5 });
  });
  it('says a clamped value uses the limit, a malformed one the default', () => {
    expect(parseSettings('sigma=5').notices[0]).toMatch(/clamped; using the limit/);
    expect(parseSettings('sigma=x').notices[0]).toMatch(/using the default/);
    expect(parseSettings('N=1e9').settings.N).toBe(LIMITS.N.max);
    expect(parseSettings('N=Infinity').settings.N).toBe(DEFAULTS.N);
    expect(parseSettings('seed=%20').settings.seed).toBe(DEFAULTS.seed);
  });
  it('parses against a base (a lesson preset) and serializes relative to it', () => {
    const base = { ...DEFAULTS, hide: [], panel: 'noise' as const, sigma: 1 };
    expect(parseSettings('', base).settings).toEqual(base);
    expect(parseSettings('sigma=0.2', base).settings.sigma).toBe(0.2);
    const s = { ...base, sigma: DEFAULTS.sigma };
    expect(serializeSettings(s, base)).toBe('v=2&sigma=0.3');
    expect(parseSettings(serializeSettings(s, base), base).settings).toEqual(s);
  });
  it('stopAtEnd is an on/off switch, on by default, written only when off', () => {
    expect(DEFAULTS.stopAtEnd).toBe(true);
    expect(parseSettings('stopAtEnd=0').settings.stopAtEnd).toBe(false);
    expect(parseSettings('stopAtEnd=off').settings.stopAtEnd).toBe(false);
    expect(parseSettings('stopAtEnd=1').settings.stopAtEnd).toBe(true);
    const bad = parseSettings('stopAtEnd=later');
    expect(bad.settings.stopAtEnd).toBe(true);
    expect(bad.notices[0]).toMatch(/stopAtEnd="later" is not 1 or 0; using the default/);
    expect(serializeSettings({ ...DEFAULTS, hide: [], panel: 'generate', stopAtEnd: false })).toBe('v=2&panel=generate&stopAtEnd=0');
    expect(serializeSettings({ ...DEFAULTS, hide: [], panel: 'generate' })).toBe('v=2&panel=generate');
  });
  it('hide= lists regions; empty parts are skipped, duplicates merged', () => {
    expect(parseSettings('hide=').settings.hide).toEqual([]);
    expect(parseSettings('hide=tabs,,tabs,captions').settings.hide).toEqual(['tabs', 'captions']);
  });
});
