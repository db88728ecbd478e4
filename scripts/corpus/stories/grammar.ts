/**
 * Small grammar helpers for the story generator: people with fixed pronouns, nouns with
 * number (one / many / mass), a/an, capitalisation, quoted speech, and the per-story `Ctx`
 * that owns the seeded RNG and the cast (every character that is ever called he or she).
 */
import { type Rng, pick as rngPick } from '../../../src/model/random.ts';
import { BOY_NAMES, GIRL_NAMES } from './lexicon.ts';

export type Gender = 'boy' | 'girl';

export interface Person {
  /** How the person is named in text: "Tom", or "Mom" for an adult. */
  name: string;
  gender: Gender;
  he: string;
  him: string;
  his: string;
  self: string;
  adult: boolean;
  /** For adults: "mom", "dad", "grandma", "grandpa". */
  title?: string;
}

export function makePerson(name: string, gender: Gender, adult = false, title?: string): Person {
  const boy = gender === 'boy';
  return {
    name,
    gender,
    he: boy ? 'he' : 'she',
    him: boy ? 'him' : 'her',
    his: boy ? 'his' : 'her',
    self: boy ? 'himself' : 'herself',
    adult,
    title,
  };
}

/** A noun: countable singular ("a ball"), countable plural ("some blocks") or mass ("some soup"). */
export interface Thing {
  name: string;
  count?: 'one' | 'many' | 'mass';
}

/** "a" or "an" for the phrase that follows (by its first word). */
export function article(phrase: string): 'a' | 'an' {
  const w = phrase.trim().toLowerCase();
  if (/^(uni|use|usu|one\b|eu)/.test(w)) return 'a';
  if (/^(hour|honest)/.test(w)) return 'an';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/** "a ball", "an apple", "a big ball", "an old ball". */
export function a(phrase: string): string {
  return `${article(phrase)} ${phrase}`;
}

/** Indefinite noun phrase, with an optional adjective: "an orange ball", "some blocks". */
export function an(t: Thing, adj = ''): string {
  const np = adj ? `${adj} ${t.name}` : t.name;
  return (t.count ?? 'one') === 'one' ? a(np) : `some ${np}`;
}

const many = (t: Thing) => t.count === 'many';
/** Object pronoun: it / them. */
export const itObj = (t: Thing) => (many(t) ? 'them' : 'it');
/** Subject pronoun: it / they. */
export const itSub = (t: Thing) => (many(t) ? 'they' : 'it');
export const its = (t: Thing) => (many(t) ? 'their' : 'its');
export const was = (t: Thing) => (many(t) ? 'were' : 'was');
export const is = (t: Thing) => (many(t) ? 'are' : 'is');
/** "it was" / "they were". */
export const itWas = (t: Thing) => `${itSub(t)} ${was(t)}`;

/** Upper-case the first letter, skipping a leading quote mark. */
export function cap(s: string): string {
  const i = s.search(/[A-Za-z]/);
  if (i < 0) return s;
  return s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1);
}

type Part = string | false | null | undefined;

export interface SayOpts {
  /** Tag the speaker with a pronoun ("she said") instead of the name. */
  pro?: boolean;
  verb?: string;
}

/** Per-story state: RNG, hero and cast. */
export class Ctx {
  readonly cast: Person[] = [];
  private readonly used = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly hero: Person,
  ) {
    this.cast.push(hero);
    this.used.add(hero.name);
  }

  p(prob: number): boolean {
    return this.rng.next() < prob;
  }

  pick<T>(items: readonly T[]): T {
    return rngPick(this.rng, items);
  }

  /** The part if a coin with the given probability comes up, else ''. */
  opt(prob: number, part: string | (() => string)): string {
    if (!this.p(prob)) return '';
    return typeof part === 'function' ? part() : part;
  }

  /** A new child character (joins the cast), with a name not yet used in this story. */
  child(gender?: Gender): Person {
    const g = gender ?? (this.p(0.5) ? 'boy' : 'girl');
    const names = (g === 'boy' ? BOY_NAMES : GIRL_NAMES).filter((n) => !this.used.has(n));
    const name = this.pick(names);
    this.used.add(name);
    const person = makePerson(name, g);
    this.cast.push(person);
    return person;
  }

  /** An adult of the hero's family (joins the cast once). */
  adult(title?: 'mom' | 'dad' | 'grandma' | 'grandpa' | 'teacher'): Person {
    const t = title ?? this.pick(['mom', 'mom', 'dad', 'dad', 'grandma', 'grandpa'] as const);
    const existing = this.cast.find((c) => c.title === t);
    if (existing) return existing;
    const g: Gender = t === 'dad' || t === 'grandpa' ? 'boy' : 'girl';
    const name = t === 'teacher' ? `Miss ${this.pick(['Lee', 'Brown', 'May', 'Green', 'Hill'])}` : cap(t);
    const person = makePerson(name, g, true, t);
    this.cast.push(person);
    return person;
  }

  /** How to refer to someone in narration: "Tom"; "Mom" or "his mom". */
  ref(p: Person): string {
    if (!p.adult || p.title === 'teacher') return p.name;
    return this.p(0.5) ? p.name : `${this.hero.his} ${p.title}`;
  }

  /**
   * A line of speech with its tag. `words` ends with . ? or !
   * ("I am sad." -> "I am sad," said Tom.  /  Tom said, "I am sad.").
   */
  say(p: Person, words: string, opts: SayOpts = {}): string {
    const w = cap(words);
    const end = w.slice(-1);
    const body = w.slice(0, -1);
    const verb = opts.verb ?? (end === '?' ? 'asked' : end === '!' ? this.pick(['said', 'shouted']) : 'said');
    const inner = end === '.' ? `${body},` : w;
    if (opts.pro) return `"${inner}" ${p.he} ${verb}.`;
    const who = this.ref(p);
    const form = this.rng.next();
    if (form < 0.45) return `"${inner}" ${verb} ${who}.`;
    if (form < 0.75) return `"${inner}" ${who} ${verb}.`;
    return `${who} ${verb}, "${w}"`;
  }

  /**
   * One paragraph: keeps the non-empty parts, capitalises each sentence (a part may hold
   * several; a dialogue tag after a closing quote stays lower-case), joins with spaces.
   */
  para(...parts: Part[]): string {
    return parts
      .filter((s): s is string => typeof s === 'string' && s.length > 0)
      .map((s) => cap(s).replace(/([.!?] +)([a-z])/g, (_m, end: string, l: string) => end + l.toUpperCase()))
      .join(' ');
  }
}
