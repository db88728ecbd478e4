/**
 * The app's zustand store: settings (the URL schema), notices, and the engine's status as plain data.
 * No tensors, no engine handles: components ask the engine (src/app/engine.ts) for results and keep
 * them as numbers, arrays and strings.
 */
import { create } from 'zustand';
import type { BackendInfo, EngineErrorInfo, ProgressInfo } from '../../engine/protocol.ts';
import type { InitResult } from '../../engine/ops/core.types.ts';
import { RACE_TEMPERATURES } from '../../engine/ops/race.types.ts';
import { DEFAULTS, clampSetting, clampTrainSetting, cleanText, LIMITS, serializeSettings, TRAIN_KEYS, type Settings } from './schema.ts';
import { applyLesson, lessonById, linkBase, parseLink } from '../lessons.ts';

export type EngineState = 'starting' | 'loading' | 'warming' | 'ready' | 'error';

export interface EngineStatus {
  state: EngineState;
  progress?: ProgressInfo;
  backend?: BackendInfo;
  error?: EngineErrorInfo;
  init?: InitResult;
}

export interface AppState {
  settings: Settings;
  /** Human notices (bad link values, truncated input, backend changes); dismissible. */
  notices: string[];
  engine: EngineStatus;
  /**
   * Change settings; numbers are clamped, text cleaned/truncated (with a notice). Moving to another
   * panel than the active lesson's ends the lesson (its caption no longer fits).
   */
  update(patch: Partial<Settings>): void;
  /** Open a lesson (src/app/lessons.ts) by id, or end the active one with null; an unknown id gives a notice. */
  chooseLesson(id: string | null): void;
  notify(message: string): void;
  dismissNotice(index: number): void;
  setEngine(patch: Partial<EngineStatus>): void;
}

export function sanitize(patch: Partial<Settings>, notify: (m: string) => void): Partial<Settings> {
  const out: Partial<Settings> = { ...patch };
  for (const key of ['sigma', 'T', 'N', 'seed'] as const) {
    const x = out[key];
    if (x !== undefined) out[key] = clampSetting(key, x);
  }
  for (const [key, max] of [['text', LIMITS.textChars], ['prompt', LIMITS.promptChars]] as const) {
    const x = out[key];
    if (x === undefined) continue;
    const c = cleanText(x, max);
    if (c.truncated) notify(`The ${key} was longer than ${max} characters; only the first ${max} are used.`);
    out[key] = c.text;
  }
  if (out.train !== undefined) {
    const fix = (run: 'a' | 'b') => Object.fromEntries(TRAIN_KEYS.map(([, k]) => [k, clampTrainSetting(k, out.train![run][k], DEFAULTS.train[run][k])])) as unknown as Settings['train']['a'];
    out.train = { a: fix('a'), b: fix('b') };
  }
  // The Race runs at T = 1 or ½ only: anything else is dropped (the setting keeps its value).
  if (out.raceT !== undefined && !RACE_TEMPERATURES.includes(out.raceT)) delete out.raceT;
  return out;
}

const initial = typeof location !== 'undefined' ? parseLink(location.search) : { settings: { ...DEFAULTS, hide: [] }, notices: [] };

export const useApp = create<AppState>()((set, get) => ({
  settings: initial.settings,
  notices: initial.notices,
  engine: { state: 'starting' },
  update(patch) {
    const clean = sanitize(patch, (m) => get().notify(m));
    set((s) => {
      const lesson = lessonById(s.settings.lesson);
      const leaves = lesson && clean.panel !== undefined && clean.panel !== lesson.panel && clean.lesson === undefined;
      return { settings: { ...s.settings, ...clean, ...(leaves ? { lesson: null } : {}) } };
    });
  },
  chooseLesson(id) {
    if (id === null) {
      set((s) => ({ settings: { ...s.settings, lesson: null } }));
      return;
    }
    const lesson = lessonById(id);
    if (!lesson) {
      get().notify(`There is no lesson called "${id}".`);
      return;
    }
    set((s) => ({ settings: applyLesson(s.settings, lesson) }));
  },
  notify(message) {
    set((s) => (s.notices.includes(message) ? s : { notices: [...s.notices.slice(-4), message] }));
  },
  dismissNotice(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
  setEngine(patch) {
    set((s) => ({ engine: { ...s.engine, ...patch } }));
  },
}));

/** The shareable link of the current view (what "Copy link" copies). */
export function currentLink(): string {
  const s = useApp.getState().settings;
  return `${location.origin}${location.pathname}?${serializeSettings(s, linkBase(s))}`;
}

/** Keep the URL in step with the settings (replaceState: no history spam while dragging a slider). */
export function startUrlSync(): () => void {
  let last = '';
  const write = (s: Settings) => {
    const q = serializeSettings(s, linkBase(s));
    if (q === last) return;
    last = q;
    history.replaceState(history.state, '', `${location.pathname}?${q}${location.hash}`);
  };
  write(useApp.getState().settings);
  return useApp.subscribe((st, prev) => {
    if (st.settings !== prev.settings) write(st.settings);
  });
}
