import { describe, expect, it } from 'vitest';
import { DEFAULTS, LIMITS, cleanText, parseSettings, serializeSettings } from './schema.ts';

describe('URL settings schema', () => {
  it('an empty query gives the defaults and no notices', () => {
    expect(parseSettings('')).toEqual({ settings: { ...DEFAULTS, hide: [] }, notices: [] });
  });
  it('round-trips every setting', () => {
    const s = { ...DEFAULTS, panel: 'temperature' as const, set: 'austen' as const, text: 'a b', prompt: 'It was',
      sigma: 0.45, noise: 'rel' as const, T: 0.33, N: 64, sampler: 'batch' as const, seed: 7, backend: 'wasm' as const,
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
    expect(old.settings).toMatchObject({ panel: 'noise', sigma: 0.5, v: 1 });
    expect(parseSettings('v=1&panel=race').settings.panel).toBe('race');
    expect(parseSettings('v=9&panel=race').notices[0]).toMatch(/newer version/);
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
    expect(serializeSettings(s, base)).toBe('v=1&sigma=0.3');
    expect(parseSettings(serializeSettings(s, base), base).settings).toEqual(s);
  });
  it('hide= lists regions; empty parts are skipped, duplicates merged', () => {
    expect(parseSettings('hide=').settings.hide).toEqual([]);
    expect(parseSettings('hide=tabs,,tabs,captions').settings.hide).toEqual(['tabs', 'captions']);
  });
});
