/**
 * Lessons: named presets that open one panel in a prepared state, with a one-line caption shown in a
 * banner while the lesson is active. A link opens one with `?lesson=<id>`; values written beside it in the
 * link win over the lesson's (`?lesson=sigma-barely-matters&sigma=0.5`). Pure data and pure functions:
 * the store applies them (src/app/state/store.ts), App.tsx shows the menu and the banner.
 *
 * A lesson only sets settings; every number the student then sees is computed by the live model.
 */
import { DEFAULTS, defaultsFor, linkVersion, parseSettings, type PanelName, type ParseResult, type Settings } from './state/schema.ts';

/** Settings a lesson may prepare (never the backend, presenter mode or hidden regions: those are the viewer's). */
export type LessonSettings = Partial<Pick<Settings, 'panel' | 'set' | 'text' | 'prompt' | 'sigma' | 'noise' | 'T' | 'N' | 'sampler' | 'seed' | 'raceT' | 'K'>>;

export interface Lesson {
  id: string;
  /** Short name for the lessons menu. */
  title: string;
  panel: PanelName;
  /** One line shown in the banner while the lesson is active. */
  caption: string;
  settings: LessonSettings;
}

const STORIES_PROMPT = 'Once upon a time, there was a girl called Ella. She loved to play';
const BANDWIDTH_TEXT = 'One sunny morning, Tom and his little dog Max walked to the big lake to look for ducks.';

export const LESSONS: readonly Lesson[] = [
  {
    id: 'sigma-barely-matters',
    title: 'σ = 0.3 barely matters',
    panel: 'noise',
    caption:
      'Noise of σ = 0.3 on every number of every vector: the robust autoencoder still decodes the text — a language model that predicts a vector only roughly still gets the tokens right.',
    settings: { panel: 'noise', noise: 'abs', sigma: 0.3, seed: 1, text: DEFAULTS.text },
  },
  {
    id: 'plain-vectors-break',
    title: 'Without the VAE tricks the vectors break',
    panel: 'noise',
    caption:
      'Noise scaled to each model’s own latent size (σ = 1 × its RMS, so scaling the vectors up cannot dodge it): the plain autoencoder, trained only to reconstruct, loses more tokens than the robust one — compare the two decodes and the curves.',
    settings: { panel: 'noise', noise: 'rel', sigma: 1, seed: 1, text: DEFAULTS.text },
  },
  {
    id: 'one-step-four-tokens',
    title: 'One step, four tokens',
    panel: 'generate',
    caption:
      'Press Step (or Space): the backbone runs once, the head draws one vector, and the decoder turns it into K = 4 tokens — a token model would need four steps.',
    settings: { panel: 'generate', set: 'stories', prompt: STORIES_PROMPT, sampler: 'plain', seed: 1 },
  },
  {
    id: 'why-temperature',
    title: 'Why T = ½',
    panel: 'generate',
    caption:
      'One prompt, continued twice: at T = 1 CALM takes each head sample as it comes; at T = ½, the authors’ setting, it draws 200 chunks a step and a repeat wins. Compare the two texts below.',
    settings: { panel: 'generate', set: 'stories', prompt: STORIES_PROMPT, sampler: 'batch', T: 0.5, N: 200, seed: 1 },
  },
  {
    id: 'temperature-by-repetition',
    title: 'Temperature by repetition',
    panel: 'temperature',
    caption:
      'No logits to sharpen: draw N = 200 chunks and let a chunk seen c times weigh C(c, 3) — repeats win, and that is temperature T = 1/3.',
    settings: { panel: 'temperature', set: 'stories', prompt: STORIES_PROMPT, sampler: 'batch', T: 0.33, N: 200, seed: 1 },
  },
  {
    id: 'brier-without-likelihoods',
    title: 'Scoring without likelihoods',
    panel: 'evaluate',
    caption:
      'BrierLM needs only samples: two guesses per position, +1 for each that hits the truth, −1 when they agree — so CALM and a token model meet on the same scale.',
    settings: { panel: 'evaluate', set: 'stories' },
  },
  {
    id: 'k-times-fewer-steps',
    title: 'K times fewer steps',
    panel: 'race',
    caption:
      'Same prompt, same number of tokens: CALM runs its backbone once per 4 tokens, the baseline once per token. Watch the step counters.',
    settings: { panel: 'race', set: 'stories', prompt: STORIES_PROMPT, seed: 1 },
  },
  {
    id: 'k-is-a-dial',
    title: 'K is a dial',
    panel: 'bandwidth',
    caption:
      'Start at K = 1 (a vector per token, as many steps as a token model) and turn the dial up, 2 → 4 → 8: the same sentence becomes fewer, denser vectors. The chart beside it shows what each K saves in compute and costs in quality.',
    settings: { panel: 'bandwidth', text: BANDWIDTH_TEXT, K: 1, seed: 1 },
  },
  {
    id: 'robustness-appears',
    title: 'Watch robustness appear',
    panel: 'train',
    caption:
      'Press Start: run A learns with the paper\u2019s recipe (DropToken, σ with a clipped KL term, DropLatent), run B only reconstructs. Both reach high accuracy; watch the noise chart: only A\u2019s vectors keep their tokens as σ grows.',
    settings: { panel: 'train', seed: 1 },
  },
];

export function lessonById(id: string | null | undefined): Lesson | undefined {
  return id ? LESSONS.find((l) => l.id === id) : undefined;
}

/**
 * The defaults with a lesson's settings on top, the lesson named. Links are written relative to it
 * (`serializeSettings(s, lessonBase(l))`), so a lesson link says only what differs from the lesson.
 * (T is written as the slider shows it: 0.33 stands for 1/3, src/model/sweep.ts snapTemperature.)
 * `defaults`: those of the link's schema version when reading an older link (a v=1 lesson link leaves
 * out what v=1's defaults were), else the current ones.
 */
export function lessonBase(lesson: Lesson, defaults: Readonly<Settings> = DEFAULTS): Settings {
  return { ...defaults, hide: [], ...lesson.settings, lesson: lesson.id };
}

/**
 * Settings for a link, lesson included: `?lesson=x` starts from lesson x's preset (on the defaults of the
 * link's schema version) and then applies the link's own values (so those win); an unknown lesson is
 * dropped with a notice.
 */
export function parseLink(search: string): ParseResult {
  const first = parseSettings(search);
  const id = first.settings.lesson;
  if (id === null) return first;
  const lesson = lessonById(id);
  if (!lesson) {
    return {
      settings: { ...first.settings, lesson: null },
      notices: [...first.notices, `There is no lesson called "${id}"; the link's other settings are shown. Pick one from the Lessons menu.`],
    };
  }
  return parseSettings(search, lessonBase(lesson, defaultsFor(linkVersion(search))));
}

/** The base a link of these settings is written against: the active lesson's preset, else the defaults. */
export function linkBase(s: Settings): Readonly<Settings> {
  const lesson = lessonById(s.lesson);
  return lesson ? lessonBase(lesson) : DEFAULTS;
}

/** The settings after choosing a lesson in the menu: the viewer's own choices (backend, presenter, hidden regions, model set unless the lesson sets it) stay. */
export function applyLesson(current: Settings, lesson: Lesson): Settings {
  return { ...current, ...lesson.settings, lesson: lesson.id };
}
