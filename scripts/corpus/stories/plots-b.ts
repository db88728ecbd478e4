/** Plots: something gets broken; the hero is hungry. */
import { shuffle } from '../../../src/model/random.ts';
import { Ctx, type Thing, a, an, cap, is, itSub, was } from './grammar.ts';
import { FOODS, FRUIT_TREES, SAD, SCARED, place } from './lexicon.ts';
import { closing, feltGood, hasToy, intro, oneDay, sunnyLine } from './shared.ts';

const FRAGILE = ['vase', 'cup', 'lamp', 'plate', 'teapot', 'flower pot', 'cookie jar', 'bowl', 'mirror'];

function brokeGrownUpThing(c: Ctx): string[] {
  const h = c.hero;
  const m = c.adult();
  const obj = c.pick(FRAGILE);
  const color = c.pick(['blue', 'white', 'green', 'pretty', 'old', 'yellow']);
  const X = `${c.ref(m)}'s ${c.pick(['favorite ', 'special ', ''])}${obj}`;
  const cause = c.pick(['ball', 'dance', 'reach'] as const);
  const out: string[] = [];
  out.push(c.para(intro(c), c.opt(0.7, `${h.he} lived with ${h.his} family in a little house.`), `In the house, there was ${a(`${color} ${obj}`)}. It was ${X}.`));
  out.push(
    c.para(
      cause === 'ball'
        ? `${oneDay(c, false)} ${h.name} was playing with ${h.his} ball in the house. ${h.he} threw the ball up high, and it hit the ${obj}.`
        : cause === 'dance'
          ? `${oneDay(c, false)} ${h.name} was dancing and spinning around the room. ${h.he} bumped into the table, and the ${obj} wobbled.`
          : `${oneDay(c, false)} ${h.name} wanted a cookie from the top shelf. ${h.he} climbed on a chair and reached up high, and ${h.his} hand hit the ${obj}.`,
      `Crash! The ${obj} fell to the floor and broke into ${c.pick(['many', 'lots of', 'three', 'four'])} pieces.`,
      `${h.name} felt ${c.pick(SCARED)}. ${h.his} heart beat fast.`,
      c.opt(0.7, () =>
        c.pick([
          `${h.he} wanted to hide the pieces under the rug.`,
          `${h.he} thought about saying that the cat did it.`,
          `${h.he} wanted to run to ${h.his} room and hide.`,
        ]),
      ),
      `But ${h.he} knew that would not be right.`,
    ),
  );
  out.push(
    c.para(
      `${h.name} went to ${c.ref(m)}.`,
      c.say(h, `I am sorry. I broke your ${obj}.`, { verb: c.pick(['said', 'said', 'whispered']) }),
      `${c.ref(m)} looked at the pieces. Then ${m.he} looked at ${h.name}.`,
      c.say(m, `Thank you for telling me the truth.`),
      c.say(m, c.pick([`It is only ${a(obj)}. I am glad you are not hurt.`, `Things can break. You are more important than any ${obj}.`, `I am not angry. You were brave to tell me.`])),
    ),
  );
  out.push(
    c.para(
      obj === 'mirror' || obj === 'lamp'
        ? `Together they swept up the pieces, and the next day they went to the store for a new ${obj}.`
        : `Together they picked up the pieces and glued them back together.`,
      obj === 'mirror' || obj === 'lamp' ? '' : `The ${obj} had a few cracks, but it still looked nice.`,
      obj === 'vase' ? c.opt(0.6, `${c.ref(m)} put some fresh flowers in it.`) : '',
      c.pick([
        `${h.name} learned that it is always best to tell the truth.`,
        `${h.name} felt much better. Telling the truth was the right thing to do.`,
      ]),
      cause === 'ball' ? c.opt(0.6, `And ${h.he} never played ball in the house again.`) : '',
      cause === 'dance' ? c.opt(0.6, `From then on, ${h.he} did ${h.his} dancing in the yard.`) : '',
    ),
  );
  return out;
}

const TOY_BREAKS: { toy: string; breaks: string; fix: string }[] = [
  { toy: 'toy car', breaks: 'one of its wheels came off', fix: 'a tiny screw and a little screwdriver' },
  { toy: 'kite', breaks: 'it got a big tear in the middle', fix: 'some tape and some glue' },
  { toy: 'robot', breaks: 'it stopped beeping and would not walk', fix: 'two new batteries' },
  { toy: 'doll', breaks: 'one of its arms came off', fix: 'a needle and some thread' },
  { toy: 'toy train', breaks: 'one of its wheels fell off', fix: 'some glue and a little hammer' },
  { toy: 'teddy bear', breaks: 'one of its ears got a big rip', fix: 'a needle and some thread' },
  { toy: 'toy boat', breaks: 'its little sail tore', fix: 'a piece of cloth and some glue' },
  { toy: 'toy plane', breaks: 'one of its wings snapped off', fix: 'some strong glue' },
  { toy: 'puppet', breaks: 'one of its button eyes fell off', fix: 'a needle, some thread and a new button' },
  { toy: 'drum', breaks: 'it got a hole in the top', fix: 'a piece of soft leather and some glue' },
];

function brokeToy(c: Ctx): string[] {
  const h = c.hero;
  const tb = c.pick(TOY_BREAKS);
  const m = c.adult(c.pick(['dad', 'grandpa', 'grandma', 'mom'] as const));
  const adj = c.pick(['new', 'old', 'little', 'favorite']);
  return [
    c.para(intro(c), hasToy(c, { name: tb.toy, adjs: [adj], fun: [] }, adj), `${h.he} played with it every day.`),
    c.para(
      `${oneDay(c)} ${h.name} was playing with ${h.his} ${tb.toy}.`,
      c.opt(0.5, `${h.he} was playing a bit too rough.`),
      `Then, oh no! ${cap(tb.breaks)}.`,
      `${h.name} began to cry.`,
      c.say(h, `My ${tb.toy} is broken!`),
    ),
    c.para(
      `${c.ref(m)} came to see what was wrong.`,
      c.say(m, c.pick([`Let me see. I think we can fix it.`, `Don't cry. Broken things can often be fixed.`, `Let's see what we can do.`])),
      `${m.name} got ${tb.fix}.`,
      `${h.name} helped. ${h.he} held the ${tb.toy} very still.`,
      c.opt(0.5, `It took a long time, but ${m.name} did not give up.`),
      `Soon the ${tb.toy} was as good as new.`,
    ),
    c.para(
      c.say(h, `Thank you, ${m.name}! You fixed it!`),
      `${h.name} gave ${c.ref(m)} a big hug.`,
      c.pick([
        `${h.name} learned that many broken things can be fixed with a little help.`,
        `From then on, ${h.name} was gentle with ${h.his} toys.`,
        `${h.name} learned to be more careful with ${h.his} things.`,
      ]),
      closing(c, 0.4),
    ),
  ];
}

export function broken(c: Ctx): string[] {
  return c.p(0.5) ? brokeGrownUpThing(c) : brokeToy(c);
}

function fruitTree(c: Ctx): string[] {
  const h = c.hero;
  const fr = c.pick(FRUIT_TREES);
  const pl = place(c.pick(['garden', 'backyard', 'farm', 'park']));
  const help = c.pick(['friend', 'adult', 'animal'] as const);
  const n = c.pick(['three', 'four', 'five', 'lots of']);
  const out: string[] = [c.para(intro(c), c.opt(0.6, `${h.he} loved to eat fruit.`))];
  out.push(
    c.para(
      `${oneDay(c)} ${h.name} was very hungry.`,
      `${h.he} saw ${a(fr.tree)} ${pl.at}.`,
      `The tree was full of ${c.pick(['big', 'ripe', 'juicy', 'sweet'])} ${fr.fruit}.`,
      `But the ${fr.fruit} were too high!`,
      `${h.name} jumped and jumped, but ${h.he} could not reach them.`,
      c.opt(0.6, `${h.he} tried to climb the tree, but the trunk was too smooth, and ${h.he} slid back down.`),
      `${h.name} felt ${c.pick(SAD)}.`,
    ),
  );
  let thanks = '';
  if (help === 'friend') {
    const f = c.child();
    out.push(
      c.para(
        `Then ${h.his} friend ${f.name} came by.`,
        c.say(f, `What are you doing?`),
        c.say(h, `I want some ${fr.fruit}, but they are too high.`),
        c.say(f, `I have an idea!`),
        c.pick([
          `${f.name} found a long stick. ${f.he} gave the branch a shake.`,
          `${f.name} got down on ${f.his} hands and knees, and ${h.name} stood on ${f.his} back.`,
          `They both held the tree and shook it as hard as they could.`,
        ]),
        `Plop! Plop! Down came ${n} ${fr.fruit}.`,
      ),
    );
    thanks = `${h.name} and ${f.name} sat under the tree and shared the ${fr.fruit}. ${h.name} learned that two friends can do what one cannot.`;
  } else if (help === 'adult') {
    const m = c.adult();
    out.push(
      c.para(
        `${c.ref(m)} saw ${h.name} jumping.`,
        c.say(m, `Do you need some help?`),
        `${m.name} brought a small ladder and held it still.`,
        `${h.name} climbed up, step by step, and picked ${n} ${fr.fruit}.`,
      ),
    );
    thanks = `${h.name} gave the biggest ${fr.one} to ${c.ref(m)}. ${c.say(m, `Thank you! That was kind of you.`)}`;
  } else {
    const an2 = c.pick(['squirrel', 'bird']);
    out.push(
      c.para(
        `Then a little ${an2} came to the tree.`,
        c.say(h, `Little ${an2}, can you help me?`, { verb: 'asked' }),
        `The ${an2} ${an2 === 'bird' ? 'flew' : 'ran'} up to the top of the tree.`,
        `It pushed and pushed, and down fell ${n} ${fr.fruit}.`,
      ),
    );
    thanks = `${h.name} said thank you to the ${an2} and left some ${fr.fruit} for it. The ${an2} was happy too.`;
  }
  out.push(
    c.para(
      `The ${fr.fruit} were ${c.pick(['sweet and juicy', 'the best ' + h.name + ' had ever eaten', 'soft and sweet'])}.`,
      thanks,
      feltGood(c),
      closing(c, 0.3),
    ),
  );
  return out;
}

const BAKES: { food: Thing; one: string; grab: string }[] = [
  { food: { name: 'cookies', count: 'many' }, one: 'a warm cookie', grab: 'a cookie' },
  { food: { name: 'pie' }, one: 'a big piece of pie', grab: 'the pie' },
  { food: { name: 'bread', count: 'mass' }, one: 'a warm slice of bread with butter', grab: 'the bread' },
  { food: { name: 'muffins', count: 'many' }, one: 'a soft muffin', grab: 'a muffin' },
  { food: { name: 'cake' }, one: 'a big slice of cake', grab: 'the cake' },
  { food: { name: 'pancakes', count: 'many' }, one: 'a stack of pancakes with honey', grab: 'a pancake' },
];

function waitForFood(c: Ctx): string[] {
  const h = c.hero;
  const m = c.adult(c.pick(['mom', 'dad', 'grandma'] as const));
  const b = c.pick(BAKES);
  const F = b.food;
  return [
    c.para(intro(c), c.opt(0.6, `${h.he} always had a big tummy and a big smile.`)),
    c.para(
      `${oneDay(c, false)} ${c.ref(m)} was baking ${an(F)} in the kitchen.`,
      `The kitchen smelled so good.`,
      `${h.name} was very hungry.`,
      c.say(h, `Can I have some now?`),
      c.say(m, `Not yet. ${cap(itSub(F))} ${is(F)} still too hot. You have to wait.`),
    ),
    c.para(
      `${h.name} waited and waited.`,
      c.opt(0.5, `${h.he} looked at the clock. The hands moved so slowly!`),
      c.opt(0.5, `${h.he} sat on ${h.his} hands so ${h.he} would not touch anything.`),
      c.p(0.5)
        ? `When nobody was looking, ${h.name} reached for ${b.grab}. Ouch! It was very hot!`
        : `${h.he} wanted to take ${b.grab}, but ${h.he} remembered what ${c.ref(m)} said.`,
    ),
    c.para(
      `At last, the ${F.name} ${was(F)} ready.`,
      `${m.name} gave ${h.name} ${b.one}.`,
      `It was the best thing ${h.he} had ever eaten.`,
      c.say(h, `Thank you, ${m.name}! It was worth the wait.`),
      c.pick([`${h.name} learned that waiting is hard, but good things come to those who wait.`, `${h.name} learned to be patient.`]),
      closing(c, 0.3),
    ),
  ];
}

const PICNIC = FOODS.filter((f) => ['sandwich', 'apple', 'banana', 'cookies', 'grapes', 'cheese', 'muffins', 'strawberries', 'orange', 'pear', 'plums', 'cake', 'pie', 'berries', 'bread'].includes(f.name));

function picnic(c: Ctx): string[] {
  const h = c.hero;
  const f = c.child();
  const pl = place(c.pick(['park', 'meadow', 'beach', 'hill', 'lake']));
  const [f1, f2, f3] = shuffle(c.rng, PICNIC.slice());
  const thief = c.pick(['dog', 'bird', 'goat', 'ants'] as const);
  const out: string[] = [];
  out.push(c.para(intro(c), `${h.he} had a friend named ${f.name}.`));
  out.push(
    c.para(
      `${oneDay(c)} ${h.name} and ${f.name} went on a picnic ${pl.at}.`,
      sunnyLine(c, 0.5),
      `${h.name} brought ${an(f1, c.pick(f1.adjs))}, and ${f.name} brought ${an(f2, c.pick(f2.adjs))} and ${an(f3)}.`,
      `They put a big blanket on the ground.`,
      `${h.name} was very hungry.`,
    ),
  );
  out.push(
    c.para(
      thief === 'ants'
        ? `But then ${h.name} saw lots of little ants. They were all over ${h.his} ${f1.name}!`
        : `Just then, ${a(thief)} came and grabbed ${h.his} ${f1.name}.${thief === 'bird' ? ' Then it flew away!' : ' Then it ran away!'}`,
      thief === 'ants' ? '' : `${h.name} ran after it, but it was too fast.`,
      `Now ${h.name} had nothing to eat.`,
      `${h.name} felt ${c.pick(SAD)}, and ${h.his} tummy rumbled.`,
    ),
  );
  out.push(
    c.para(
      c.say(f, `Don't be sad. You can share my food.`),
      `${f.name} gave half of ${f.his} ${f2.name} and half of ${f.his} ${f3.name} to ${h.name}.`,
      c.say(h, `Thank you, ${f.name}! You are a good friend.`),
      `The food tasted even better because they shared it.`,
    ),
  );
  out.push(
    c.para(
      c.opt(0.5, thief === 'ants' ? `The ants had a good picnic too.` : `Later, they saw the ${thief} again. It looked very happy and very full.`),
      c.opt(0.5, `${h.name} and ${f.name} laughed and laughed.`),
      c.pick([`${h.name} learned that sharing makes everything better.`, `Next time, ${h.name} wanted to bring food for ${f.name} too.`]),
      closing(c, 0.4),
    ),
  );
  return out;
}

export function hungry(c: Ctx): string[] {
  const r = c.rng.next();
  return r < 0.34 ? fruitTree(c) : r < 0.67 ? waitForFood(c) : picnic(c);
}
