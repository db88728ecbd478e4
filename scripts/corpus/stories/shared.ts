/** Story beats shared by the plots: openings, day starts, toys, endings. */
import { Ctx, type Person, a, an, cap, itObj } from './grammar.ts';
import { COLORS, FOODS, HAPPY, HOBBIES, KID_ADJS, LOOKS, SUNNY_DAYS, TOYS, type Toy } from './lexicon.ts';

export const kid = (p: Person) => (p.gender === 'boy' ? 'boy' : 'girl');

/** The sentence(s) that introduce the hero, sometimes with a trait or two. */
export function intro(c: Ctx): string {
  const first = introLine(c);
  const extras = shuffleTraits(c);
  return [first, ...extras].join(' ');
}

function shuffleTraits(c: Ctx): string[] {
  const h = c.hero;
  const r = c.rng.next();
  const n = r < 0.45 ? 0 : r < 0.85 ? 1 : 2;
  const out: string[] = [];
  const kinds = ['hobby', 'looks', 'color', 'food'];
  for (let i = 0; i < n; i++) {
    const k = kinds.splice(Math.floor(c.rng.next() * kinds.length), 1)[0];
    if (k === 'hobby') out.push(`${cap(h.he)} ${c.pick(['liked', 'loved'])} to ${c.pick(HOBBIES)}.`);
    else if (k === 'looks') {
      const [l1, l2] = [c.pick(LOOKS.slice(0, 6)), c.pick(LOOKS.slice(6))];
      out.push(`${cap(h.he)} had ${l1} and ${l2}.`);
    } else if (k === 'color') out.push(`${cap(h.his)} favorite color was ${c.pick(COLORS)}.`);
    else out.push(`${cap(h.his)} favorite food was ${c.pick(FOODS).name}.`);
  }
  return out;
}

function introLine(c: Ctx): string {
  const h = c.hero;
  const adj = c.pick(KID_ADJS);
  const k = kid(h);
  return c.pick([
    `Once upon a time, there was ${a(adj)} ${k} named ${h.name}.`,
    `Once upon a time, there was a ${k} called ${h.name}.`,
    `There once was ${a(adj)} ${k} named ${h.name}.`,
    `${h.name} was ${a(adj)} ${k} who lived in a small house with ${h.his} family.`,
    `Once upon a time, in a little town, there lived ${a(adj)} ${k} named ${h.name}.`,
    `${h.name} was ${c.pick(['four', 'five', 'six', 'seven'])} years old.`,
    `Once upon a time, there was ${a(adj)} ${k}. ${cap(h.his)} name was ${h.name}.`,
    `${h.name} was ${a(adj)} ${k}.`,
  ]);
}

/** "One day," / "One morning," ... ; sunny=false avoids words about the sun. */
export function oneDay(c: Ctx, sunny = true): string {
  const base = ['One day,', 'One morning,', 'One afternoon,', 'One day,', 'The next day,', 'One Saturday,', 'On Sunday,', 'Later that week,'];
  return c.pick(sunny ? [...base, 'One sunny day,', 'One warm day,', 'One bright morning,', 'One spring day,', 'One summer day,'] : base);
}

export function sunnyLine(c: Ctx, prob = 0.3): string {
  return c.opt(prob, () => c.pick(SUNNY_DAYS));
}

/** A toy with one of its adjectives. */
export function pickToy(c: Ctx, filter?: (t: Toy) => boolean): { toy: Toy; adj: string } {
  const toy = c.pick(filter ? TOYS.filter(filter) : TOYS);
  return { toy, adj: c.pick(toy.adjs) };
}

/** "He had a red ball that he loved very much." and friends. */
export function hasToy(c: Ctx, toy: Toy, adj: string): string {
  const h = c.hero;
  const many = toy.count === 'many';
  return c.pick([
    `${h.he} had ${an(toy, adj)} that ${h.he} loved very much.`,
    many
      ? `${h.his} favorite toys were ${h.his} ${adj} ${toy.name}.`
      : `${h.his} favorite toy was ${a(`${adj} ${toy.name}`)}.`,
    `${h.he} had ${an(toy, adj)}, and ${h.he} loved ${itObj(toy)} more than anything.`,
    `${h.his} ${c.pick(['grandma', 'grandpa', 'aunt', 'uncle'])} gave ${h.him} ${an(toy, adj)} for ${h.his} birthday.`,
  ]);
}

export function toyFun(c: Ctx, toy: Toy): string {
  const h = c.hero;
  return c.pick([
    `${h.he} liked to ${c.pick(toy.fun)}.`,
    `Every day, ${h.he} would ${c.pick(toy.fun)}.`,
    `${h.he} loved to ${c.pick(toy.fun)}.`,
  ]);
}

export const happy = (c: Ctx) => c.pick(HAPPY);

/** A closing line about the day or the night. */
export function closing(c: Ctx, prob = 0.6): string {
  const h = c.hero;
  return c.opt(prob, () =>
    c.pick([
      `That night, ${h.he} went to bed with a big smile.`,
      `That night, ${h.name} slept well and had sweet dreams.`,
      `It was the best day ever.`,
      `It was a good day after all.`,
      `When the stars came out, ${h.name} fell asleep, happy and warm.`,
      `${h.name} smiled a big smile.`,
      `And that is how ${h.name} had a very happy day.`,
    ]),
  );
}

/** A short "He felt happy and proud." line. */
export function feltGood(c: Ctx, who: Person = c.hero): string {
  const f1 = c.pick(HAPPY);
  let f2 = c.pick(HAPPY);
  if (f2 === f1) f2 = f1 === 'proud' ? 'happy' : 'proud';
  return c.pick([`${who.name} felt ${f1} and ${f2}.`, `${who.name} was so ${f1}.`, `${who.name} felt very ${f1}.`]);
}
