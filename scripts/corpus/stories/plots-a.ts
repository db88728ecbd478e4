/** Plots: a lost toy, a rainy day, a fight over a toy. */
import { shuffle } from '../../../src/model/random.ts';
import { Ctx, a, an, is, itObj, itSub, itWas, was } from './grammar.ts';
import { INDOOR, OUTDOOR, PETS, PLACES, SAD } from './lexicon.ts';
import { closing, feltGood, hasToy, intro, oneDay, pickToy, sunnyLine, toyFun } from './shared.ts';

export function lostToy(c: Ctx): string[] {
  const h = c.hero;
  const { toy, adj } = pickToy(c);
  const pl = c.pick(c.p(0.7) ? OUTDOOR : INDOOR);
  const [s1, s2, s3] = shuffle(c.rng, pl.spots.slice());
  const T = `${h.his} ${toy.name}`;
  const out: string[] = [];
  out.push(c.para(intro(c), hasToy(c, toy, adj), toyFun(c, toy), c.opt(0.4, `${h.he} took ${itObj(toy)} everywhere ${h.he} went.`)));

  const [, past] = c.pick(pl.fun);
  out.push(
    c.para(
      pl.outdoor ? `${oneDay(c)} ${h.name} took ${T} ${pl.to}.` : `${oneDay(c, false)} ${h.name} was playing with ${T} ${pl.at}.`,
      pl.outdoor && sunnyLine(c, 0.4),
      c.opt(0.7, `${h.he} ${past} and had lots of fun.`),
      c.pick([
        `Later, ${h.he} wanted to play with ${T} again, but ${itWas(toy)} gone!`,
        `But when ${h.he} looked down, ${T} ${was(toy)} not there!`,
        `After a while, ${h.name} looked around. Where ${was(toy)} ${T}?`,
      ]),
    ),
  );

  const mood = c.pick(SAD);
  const helper = c.pick(['friend', 'adult', 'pet'] as const);
  const search = c.para(
    c.pick([`${h.name} felt very ${mood}.`, `${h.name} was ${mood} because ${h.he} loved ${T} so much.`, `Oh no! ${h.name} felt ${mood}.`]),
    c.say(h, `Where ${is(toy)} my ${toy.name}?`, { pro: c.p(0.3) }),
    `${h.he} looked ${s1}, but ${itSub(toy)} ${was(toy)} not there.`,
    c.opt(0.6, `${h.he} looked ${s2}. No ${toy.name}!`),
    c.opt(0.4, `${h.name} sat down and started to cry.`),
  );
  out.push(search);

  if (helper === 'friend') {
    const f = c.child();
    out.push(
      c.para(
        `Just then, ${a(f.gender === 'boy' ? 'boy' : 'girl')} named ${f.name} came by.`,
        c.say(f, `Why are you sad?`),
        c.say(h, `I lost my ${toy.name}.`),
        c.say(f, c.pick([`Don't worry. I will help you look.`, `I can help you find ${itObj(toy)}.`, `Let's look together!`])),
        `${h.name} and ${f.name} looked everywhere ${pl.at}.`,
        `At last, ${f.name} looked ${s3}, and there ${itWas(toy)}!`,
      ),
    );
    out.push(
      c.para(
        `${h.name} picked up ${T} and held ${itObj(toy)} tight.`,
        c.say(h, `Thank you, ${f.name}!`),
        c.opt(0.5, `Then the two of them played together until it was time to go home.`),
        c.pick([
          `${h.name} learned that friends help each other.`,
          `From that day on, ${h.name} and ${f.name} were good friends.`,
          `${h.name} was happy to have ${T} back, and ${h.he} was happy to have a new friend too.`,
        ]),
        closing(c, 0.4),
      ),
    );
  } else if (helper === 'adult') {
    const m = c.adult();
    out.push(
      c.para(
        `${c.ref(m)} saw that ${h.name} was ${mood}.`,
        c.say(m, `What is wrong, ${h.name}?`),
        `${h.name} told ${m.him} about ${T}.`,
        c.say(m, c.pick([`Let's look together.`, `Don't worry. We will find ${itObj(toy)}.`, `Think hard. Where did you play last?`])),
        c.pick([
          `${h.name} thought and thought. Then ${h.he} remembered! ${h.he} had put ${itObj(toy)} ${s3}.`,
          `They looked high and low. At last, ${c.ref(m)} looked ${s3}, and there ${itWas(toy)}!`,
        ]),
      ),
    );
    out.push(
      c.para(
        `${h.name} ran to get ${T}.`,
        c.say(h, `I found ${itObj(toy)}!`),
        c.opt(0.7, `${h.he} gave ${c.ref(m)} a big hug.`),
        c.pick([
          `From that day on, ${h.name} always put ${h.his} toys away after playing.`,
          `${h.name} learned to take good care of ${h.his} things.`,
          `${c.ref(m)} smiled. "Next time, put your toys in a safe place," ${m.he} said.`,
        ]),
        closing(c, 0.5),
      ),
    );
  } else {
    const pet = c.pick(PETS.filter((p) => p.name === 'dog' || p.name === 'puppy'));
    const pn = c.pick(pet.names);
    out.push(
      c.para(
        `Just then, ${h.his} ${pet.name}, ${pn}, ran up to ${h.him}.`,
        c.say(h, `${pn}, can you help me find my ${toy.name}?`, { pro: true }),
        `${pn} wagged ${c.pick(['its', 'its little'])} tail and sniffed the ground.`,
        `Then ${pn} ran off and ${pet.sound} loudly.`,
        `${h.name} ran after ${pn}. There, ${s3}, ${was(toy)} ${T}!`,
      ),
    );
    out.push(
      c.para(
        `${h.name} picked up ${T}.`,
        c.say(h, c.pick([`Good ${pet.name}, ${pn}!`, `Thank you, ${pn}!`, `You found ${itObj(toy)}!`])),
        `${h.he} gave ${pn} a big hug${c.pick(['', ' and a treat'])}.`,
        feltGood(c),
        c.pick([
          `From that day on, ${h.name} always kept ${T} in a safe place.`,
          `${h.name} knew that ${pn} was the best ${pet.name} in the world.`,
        ]),
      ),
    );
  }
  return out;
}

const RAIN = [
  'big drops of rain were falling',
  'it was raining hard',
  'the sky was dark and gray, and rain was falling',
  'rain was tapping on the glass',
];

const INSIDE_FUN: ((c: Ctx, m: string) => string[])[] = [
  (c) => [
    `They took blankets and pillows and built a big fort in the living room.`,
    `${c.hero.name} crawled inside with a flashlight.`,
    `It was cozy and warm in there.`,
  ],
  (c, m) => [
    `They baked cookies in the kitchen.`,
    `${c.hero.name} mixed the flour, the sugar and the eggs in a big bowl.`,
    `Soon the whole house smelled sweet.`,
    c.opt(0.6, `${c.hero.name} and ${m} ate the warm cookies with cold milk.`),
  ],
  (c) => [
    `They got out paper and paints.`,
    `${c.hero.name} painted a picture of a big yellow sun and a blue sky.`,
    c.opt(0.6, `${c.hero.he} used lots of bright colors.`),
  ],
  (c) => [`They sat on the floor and did a big puzzle together.`, `It had lots of pieces.`, `${c.hero.name} found the very last piece.`],
  (c) => [
    `They sat on the couch and read a book about ${c.pick(['a brave little fox', 'a dragon who could not fly', 'a boat on the sea', 'a bear who loved honey', 'a mouse who lived in a shoe'])}.`,
    c.opt(0.6, `${c.hero.name} liked the pictures best.`),
  ],
  (c, m) => [`They made puppets out of old socks.`, `${c.hero.name} put on a funny puppet show, and ${m} laughed and laughed.`],
  (c) => [`They played a game of cards at the table.`, `${c.hero.name} won two times!`],
];

export function rainyDay(c: Ctx): string[] {
  const h = c.hero;
  const pl = c.pick(OUTDOOR.filter((p) => p.name !== 'zoo'));
  const [base] = c.pick(pl.fun);
  const m = c.adult();
  const M = c.ref(m);
  const out: string[] = [];
  out.push(c.para(intro(c), `${h.he} loved to go ${pl.to}.`, c.opt(0.7, `There, ${h.he} liked to ${base}.`)));
  out.push(
    c.para(
      `One ${c.pick(['morning', 'Saturday morning', 'Sunday morning'])}, ${h.name} woke up early.`,
      `${h.he} and ${M} were going to go ${pl.to}.`,
      `But when ${h.he} looked out the window, ${c.pick(RAIN)}.`,
      c.opt(0.4, `Drip, drop, drip went the rain.`),
      c.opt(0.3, `Then there was a loud boom of thunder.`),
      `${h.name} felt ${c.pick(SAD)} because ${h.he} could not go ${pl.to}.`,
      c.say(h, c.pick([`Now I can't go ${pl.to}.`, `I wanted to go ${pl.to}!`, `Why does it have to rain today?`])),
    ),
  );
  const acts = shuffle(c.rng, INSIDE_FUN.slice()).slice(0, c.p(0.5) ? 2 : 1);
  const mm = c.ref(m);
  out.push(
    c.para(
      c.say(m, c.pick([`Don't be sad. We can have fun inside.`, `I have an idea. Let's play inside today.`, `Rainy days can be fun too. You will see.`])),
      ...acts.flatMap((f, i) => {
        const lines = f(c, mm);
        return i === 0 ? lines : [`Then ${lines[0].replace(/^They/, 'they')}`, ...lines.slice(1)];
      }),
    ),
  );
  out.push(
    c.para(
      `After a while, the rain stopped.`,
      `The sun came out, and there was a big rainbow in the sky.`,
      c.opt(0.6, () => `${h.name} and ${c.ref(m)} put on their boots and went ${pl.to} after all.`),
      c.opt(0.5, `${h.name} jumped in every puddle. Splash!`),
    ),
  );
  out.push(
    c.para(
      c.pick([
        c.say(h, `Rainy days can be fun too!`),
        `${h.name} learned that rainy days can be fun too.`,
        `${h.name} learned that a rainy day is not a bad day.`,
      ]),
      feltGood(c),
      closing(c, 0.5),
    ),
  );
  return out;
}

export function sharing(c: Ctx): string[] {
  const h = c.hero;
  const f = c.child();
  const pl = c.pick(PLACES.filter((p) => ['park', 'backyard', 'beach', 'school', 'living room', 'meadow'].includes(p.name)));
  const { toy, adj } = pickToy(c, (t) => t.name !== 'music box');
  const [s1, s2] = shuffle(c.rng, pl.spots.slice());
  const [, past] = c.pick(pl.fun);
  const theToy = `the ${adj} ${toy.name}`;
  const out: string[] = [];
  out.push(
    c.para(
      c.pick([
        `${h.name} and ${f.name} were best friends.`,
        `Once upon a time, there were two friends named ${h.name} and ${f.name}.`,
        `${intro(c)} ${h.he} had a best friend named ${f.name}.`,
      ]),
      `They liked to play together ${pl.at}.`,
      c.opt(0.6, `Every day, they ${past} and laughed a lot.`),
    ),
  );
  out.push(
    c.para(
      `${oneDay(c)} they found ${an(toy, adj)} ${s1}.`,
      c.say(h, `I want to play with ${itObj(toy)}!`),
      c.say(f, c.pick([`No, I saw ${itObj(toy)} first!`, `No, ${itSub(toy)} ${is(toy)} mine!`, `It's my turn!`])),
      `They both pulled on ${theToy}.`,
      c.opt(0.6, `${h.name} pulled hard, and ${f.name} pulled even harder.`),
      c.pick([
        `Then ${theToy} flew out of their hands and landed ${s2}.`,
        `Then ${theToy} fell into a big mud puddle. Splash!`,
        `Then ${h.name} fell down, and ${f.name} fell down too.`,
      ]),
    ),
  );
  const angry = c.pick(['angry', 'mad', 'grumpy', 'upset']);
  const adultHelps = c.p(0.5);
  const m = adultHelps ? c.adult() : null;
  out.push(
    c.para(
      `Now nobody was having fun.`,
      `${h.name} was ${angry}, and ${f.name} was ${c.pick(SAD)}.`,
      c.opt(0.6, `They sat far apart and did not talk.`),
      m
        ? `${c.ref(m)} came over and asked what was wrong.`
        : `${h.name} looked at ${f.name}. Playing alone was not fun at all.`,
      m ? c.say(m, c.pick([`When you fight, nobody has fun. When you share, you can both play.`, `Why don't you take turns?`, `Friends are more important than toys.`])) : '',
    ),
  );
  out.push(
    c.para(
      c.say(h, c.pick([`I am sorry, ${f.name}. We can share.`, `I am sorry. You can go first.`, `Let's play with ${itObj(toy)} together.`])),
      c.say(f, c.pick([`I am sorry too.`, `Thank you! Then you can have a turn.`, `Yes, let's share!`]), { pro: c.p(0.3) && f.gender !== h.gender }),
      `They took turns, and they played with ${theToy} all afternoon.`,
      c.opt(0.5, `It was much more fun to play together.`),
    ),
  );
  out.push(
    c.para(
      c.pick([
        `${h.name} and ${f.name} learned that sharing is more fun than fighting.`,
        `${h.name} learned that it is good to share.`,
        `From that day on, ${h.name} and ${f.name} always shared their toys.`,
        `They were still best friends, and they never fought over a toy again.`,
      ]),
      closing(c, 0.4),
    ),
  );
  return out;
}
