/**
 * The app's one typed, versioned state schema: every setting a link can carry, its default and its
 * range. `parseSettings` validates and clamps what a URL says (a bad value falls back to its default
 * with a notice; nothing can push a control past its limits); `serializeSettings` writes only what
 * differs from the defaults, plus `v`, so links stay short and old links keep working.
 *
 * Versions. v=2: Generate and Temperature open with the batch sampler at T = ½, N = 200 (the authors'
 * setting, CALM.md §5), and the Race has `raceT`. v=1 links keep their own defaults (plain, T = 1): a
 * setting a v=1 link leaves out is read as v=1's default (V1_DEFAULTS); a link without `v` is read as the
 * current version. Settings are always held in the current schema (`v` = SCHEMA_VERSION).
 */
import type { BackendName, ModelSetName } from '../../engine/protocol.ts';
import { RACE_TEMPERATURES, type RaceTemperature } from '../../engine/ops/race.types.ts';
import { BANDWIDTH_KS, type BandwidthK } from '../../engine/ops/bandwidth.types.ts';
import { LIVE_LATENTS, LIVE_LIMITS, PAPER_RECIPE, RECONSTRUCTION_ONLY, type LiveRunSettings } from '../../model/live-training.ts';

export const SCHEMA_VERSION = 2;

export const PANELS = ['compress', 'noise', 'generate', 'temperature', 'evaluate', 'race', 'bandwidth', 'train', 'models'] as const;
export type PanelName = (typeof PANELS)[number];
export const SETS: readonly ModelSetName[] = ['stories', 'austen'];
export const NOISE_SCALES = ['abs', 'rel'] as const;
export type NoiseScale = (typeof NOISE_SCALES)[number];
export const SAMPLERS = ['plain', 'batch', 'exact'] as const;
export type SamplerName = (typeof SAMPLERS)[number];
export const BACKEND_CHOICES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** Parts of the page a presenter can hide: `hide=controls,header`. */
export const HIDEABLE = ['header', 'controls', 'captions', 'tabs'] as const;
export type Hideable = (typeof HIDEABLE)[number];

export const LIMITS = {
  sigma: { min: 0, max: 2, step: 0.01 },
  T: { min: 0.05, max: 1, step: 0.01 },
  N: { min: 1, max: 1000, step: 1 },
  seed: { min: 0, max: 4294967295, step: 1 },
  /** Characters kept from a text or a prompt; longer input is truncated with a notice. */
  textChars: 4000,
  promptChars: 1000,
} as const;

export interface Settings {
  v: number;
  panel: PanelName;
  set: ModelSetName;
  /** Compress / Noise input text. */
  text: string;
  /** Generate / Temperature / Race prompt. */
  prompt: string;
  sigma: number;
  noise: NoiseScale;
  T: number;
  N: number;
  sampler: SamplerName;
  seed: number;
  /** The Race's temperature: 1 (both models sample plainly) or 0.5 (CALM's batch sampler, the baseline's softmax temperature). */
  raceT: RaceTemperature;
  /** The Bandwidth panel's K dial: tokens per vector (1, 2, 4 or 8). URL `K`. */
  K: BandwidthK;
  /** The Train panel's two runs (A, B): each run's switches, URL `aBeta`, `aClip`, `aDropTok`, `aDropLat`, `aLatent` and the same with `b`. */
  train: { a: LiveRunSettings; b: LiveRunSettings };
  /** Generate: Step stops at a chunk that holds end-of-text (true) or goes on past it, the end marked (false). URL `stopAtEnd=0`. */
  stopAtEnd: boolean;
  /** null = choose automatically. */
  backend: BackendName | null;
  lesson: string | null;
  presenter: boolean;
  hide: Hideable[];
}

export const DEFAULT_TEXT = 'Once upon a time, a little girl named Lily found a red ball in the park.';
export const DEFAULT_PROMPT = 'Once upon a time';

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  v: SCHEMA_VERSION,
  panel: 'compress',
  set: 'stories',
  text: DEFAULT_TEXT,
  prompt: DEFAULT_PROMPT,
  sigma: 0.3,
  noise: 'abs',
  T: 0.5,
  N: 200,
  sampler: 'batch',
  seed: 1,
  raceT: 1,
  K: 4,
  train: Object.freeze({ a: Object.freeze({ ...PAPER_RECIPE }), b: Object.freeze({ ...RECONSTRUCTION_ONLY }) }) as Settings['train'],
  stopAtEnd: true,
  backend: null,
  lesson: null,
  presenter: false,
  hide: [],
});

/** The defaults of v=1 links: Generate opened with a plain head sample, Temperature at T = 1. */
export const V1_DEFAULTS: Readonly<Settings> = Object.freeze({ ...DEFAULTS, sampler: 'plain', T: 1 });

/**
 * The schema version a query string was written in: its `v` when that is a whole number, else (no `v`,
 * or a malformed one) the current version. Versions above the current one are returned as they are.
 */
export function linkVersion(search: string): number {
  const v = new URLSearchParams(search).get('v');
  return v !== null && /^\d+$/.test(v) ? Number(v) : SCHEMA_VERSION;
}

/** The defaults a link of schema version `v` was written against (v ≤ 1: V1_DEFAULTS; later: DEFAULTS). */
export function defaultsFor(v: number): Readonly<Settings> {
  return v <= 1 ? V1_DEFAULTS : DEFAULTS;
}

/** URL keys of the Train panel's switches (prefixed with `a` or `b`) and the setting each one holds. */
export const TRAIN_KEYS = [
  ['Beta', 'beta'],
  ['Clip', 'klClip'],
  ['DropTok', 'dropToken'],
  ['DropLat', 'dropLatent'],
  ['Latent', 'latent'],
] as const satisfies readonly (readonly [string, keyof LiveRunSettings])[];

/** A Train switch's value brought into range (latent: the nearest allowed size; others: clamped). */
export function clampTrainSetting(key: keyof LiveRunSettings, x: number, fallback: number): number {
  if (!Number.isFinite(x)) return fallback;
  if (key === 'latent') return LIVE_LATENTS.reduce((best, l) => (Math.abs(l - x) < Math.abs(best - x) ? l : best), LIVE_LATENTS[0]);
  const { min, max } = LIVE_LIMITS[key];
  return Math.min(max, Math.max(min, x));
}

export interface ParseResult {
  settings: Settings;
  /** One human line per value that was invalid, clamped or truncated. */
  notices: string[];
}

function roundToStep(x: number, step: number): number {
  const r = Math.round(x / step) * step;
  return Number(r.toFixed(6));
}

/** Clamp a number setting to its limits and step; returns the value and whether it changed. */
export function clampSetting(key: 'sigma' | 'T' | 'N' | 'seed', x: number): number {
  const l = LIMITS[key];
  if (!Number.isFinite(x)) return DEFAULTS[key];
  return roundToStep(Math.min(l.max, Math.max(l.min, x)), l.step);
}

/** Keep at most `max` characters (never splitting a surrogate pair); strips NUL and other C0 controls except \n and \t. */
export function cleanText(s: string, max: number): { text: string; truncated: boolean; stripped: boolean } {
  // eslint-disable-next-line no-control-regex
  const cleaned = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  const chars = Array.from(cleaned);
  const truncated = chars.length > max;
  return { text: truncated ? chars.slice(0, max).join('') : cleaned, truncated, stripped: cleaned.length !== s.length };
}

function oneOf<T extends string>(values: readonly T[], raw: string): T | undefined {
  return (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** The Race temperature a link value stands for ("1", "0.5", "1/2"), or undefined. */
export function parseRaceT(raw: string): RaceTemperature | undefined {
  const x = parseFraction(raw);
  return RACE_TEMPERATURES.find((t) => t === x);
}

/**
 * Read settings from a query string (`?panel=noise&sigma=0.5`), validating and clamping each.
 * Settings the query does not give (or gives badly) come from `base`: by default the defaults of the
 * link's version (`defaultsFor(linkVersion(search))`), or a lesson's preset on top of them
 * (src/app/lessons.ts), so that values written in a link beside `lesson` win.
 * Unknown parameters are ignored without a notice (links from older or newer versions keep working).
 */
export function parseSettings(search: string, base?: Readonly<Settings>): ParseResult {
  const q = new URLSearchParams(search);
  const defaults = base === undefined || base === DEFAULTS || base === V1_DEFAULTS;
  const from = base ?? defaultsFor(linkVersion(search));
  const s: Settings = { ...from, hide: [...from.hide], train: { a: { ...from.train.a }, b: { ...from.train.b } } };
  const notices: string[] = [];
  const fallback = defaults ? 'the default' : "the lesson's value";
  const bad = (key: string, raw: string, why: string) =>
    notices.push(`Link setting ${key}=${JSON.stringify(raw.slice(0, 40))} ${why}; using ${why.endsWith('clamped') ? 'the limit' : fallback}.`);

  const v = q.get('v');
  if (v !== null && !/^\d+$/.test(v)) bad('v', v, 'is not a version number');
  else if (v !== null && Number(v) > SCHEMA_VERSION) notices.push(`This link was made by a newer version (v=${v}); some settings may not apply.`);

  const enumKeys = [
    ['panel', PANELS],
    ['set', SETS],
    ['noise', NOISE_SCALES],
    ['sampler', SAMPLERS],
  ] as const;
  for (const [key, values] of enumKeys) {
    const raw = q.get(key);
    if (raw === null) continue;
    const val = oneOf(values as readonly string[], raw);
    if (val === undefined) bad(key, raw, `is not one of ${values.join(', ')}`);
    else (s as unknown as Record<string, unknown>)[key] = val;
  }

  const backend = q.get('backend');
  if (backend !== null && backend !== 'auto') {
    const b = oneOf(BACKEND_CHOICES, backend);
    if (b === undefined) bad('backend', backend, `is not one of auto, ${BACKEND_CHOICES.join(', ')}`);
    else s.backend = b;
  }

  for (const key of ['sigma', 'T', 'N', 'seed'] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const x = key === 'T' ? parseFraction(raw) : Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(x)) {
      bad(key, raw, 'is not a number');
      continue;
    }
    const c = clampSetting(key, x);
    const l = LIMITS[key];
    if (x < l.min || x > l.max) bad(key, raw, `is outside ${l.min}…${l.max}, clamped`);
    s[key] = c;
  }

  for (const [key, max] of [['text', LIMITS.textChars], ['prompt', LIMITS.promptChars]] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const c = cleanText(raw, max);
    if (c.truncated) notices.push(`The ${key} in this link was longer than ${max} characters and was truncated.`);
    s[key] = c.text;
  }

  const raceT = q.get('raceT');
  if (raceT !== null) {
    const t = parseRaceT(raceT);
    if (t === undefined) bad('raceT', raceT, `is not one of ${RACE_TEMPERATURES.join(', ')}`);
    else s.raceT = t;
  }

  const K = q.get('K');
  if (K !== null) {
    const k = BANDWIDTH_KS.find((x) => String(x) === K.trim());
    if (k === undefined) bad('K', K, `is not one of ${BANDWIDTH_KS.join(', ')}`);
    else s.K = k;
  }

  for (const run of ['a', 'b'] as const) {
    for (const [suffix, key] of TRAIN_KEYS) {
      const name = `${run}${suffix}`;
      const raw = q.get(name);
      if (raw === null) continue;
      const x = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(x)) {
        bad(name, raw, 'is not a number');
        continue;
      }
      const c = clampTrainSetting(key, x, from.train[run][key]);
      if (c !== x) {
        if (key === 'latent') notices.push(`Link setting ${name}=${JSON.stringify(raw.slice(0, 40))} is not one of ${LIVE_LATENTS.join(', ')}; using ${c}.`);
        else bad(name, raw, `is outside ${LIVE_LIMITS[key].min}…${LIVE_LIMITS[key].max}, clamped`);
      }
      s.train[run][key] = c;
    }
  }

  const lesson = q.get('lesson');
  if (lesson !== null) {
    if (/^[a-z0-9-]{1,40}$/.test(lesson)) s.lesson = lesson;
    else bad('lesson', lesson, 'is not a lesson name');
  }

  for (const key of ['stopAtEnd'] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const b = parseSwitch(raw);
    if (b === undefined) bad(key, raw, 'is not 1 or 0');
    else s[key] = b;
  }

  const presenter = q.get('presenter');
  if (presenter !== null) {
    const b = parseSwitch(presenter);
    if (b === undefined) bad('presenter', presenter, 'is not 1 or 0');
    else s.presenter = b;
  }

  const hide = q.get('hide');
  if (hide !== null) {
    s.hide = [];
    for (const part of hide.split(',').filter((x) => x.trim() !== '')) {
      const h = oneOf(HIDEABLE, part.trim());
      if (h === undefined) bad('hide', part, `is not one of ${HIDEABLE.join(', ')}`);
      else if (!s.hide.includes(h)) s.hide.push(h);
    }
  }
  return { settings: s, notices };
}

/** An on/off link value: 1/true/on/(empty) or 0/false/off; anything else undefined. */
function parseSwitch(raw: string): boolean | undefined {
  if (['1', 'true', 'on', ''].includes(raw)) return true;
  if (['0', 'false', 'off'].includes(raw)) return false;
  return undefined;
}

/** "0.5", "1/3", "⅓"-free fractions: T can be written as a reciprocal in links. */
function parseFraction(raw: string): number {
  const m = raw.trim().match(/^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/);
  if (m) return Number(m[1]) / Number(m[2]);
  return Number(raw);
}

/**
 * Query string for the settings: `v` plus every value that differs from `base` (the defaults, or the
 * active lesson's preset: then `lesson` is written and a value equal to the lesson's is left out).
 */
export function serializeSettings(s: Settings, base: Readonly<Settings> = DEFAULTS): string {
  const q = new URLSearchParams();
  q.set('v', String(SCHEMA_VERSION));
  const d = base;
  if (s.lesson !== null) q.set('lesson', s.lesson);
  if (s.panel !== d.panel) q.set('panel', s.panel);
  if (s.set !== d.set) q.set('set', s.set);
  if (s.text !== d.text) q.set('text', s.text);
  if (s.prompt !== d.prompt) q.set('prompt', s.prompt);
  if (s.sigma !== d.sigma) q.set('sigma', String(s.sigma));
  if (s.noise !== d.noise) q.set('noise', s.noise);
  if (s.T !== d.T) q.set('T', String(s.T));
  if (s.N !== d.N) q.set('N', String(s.N));
  if (s.sampler !== d.sampler) q.set('sampler', s.sampler);
  if (s.seed !== d.seed) q.set('seed', String(s.seed));
  if (s.raceT !== d.raceT) q.set('raceT', String(s.raceT));
  if (s.K !== d.K) q.set('K', String(s.K));
  for (const run of ['a', 'b'] as const) {
    for (const [suffix, key] of TRAIN_KEYS) if (s.train[run][key] !== d.train[run][key]) q.set(`${run}${suffix}`, String(s.train[run][key]));
  }
  if (s.stopAtEnd !== d.stopAtEnd) q.set('stopAtEnd', s.stopAtEnd ? '1' : '0');
  if (s.backend !== d.backend) q.set('backend', s.backend ?? 'auto');
  if (s.presenter !== d.presenter) q.set('presenter', s.presenter ? '1' : '0');
  if (s.hide.join(',') !== d.hide.join(',')) q.set('hide', s.hide.join(','));
  return q.toString();
}
