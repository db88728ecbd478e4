/** Plot: the hero is afraid of something and finds the courage to face it. */
import { Ctx, type Person, a } from './grammar.ts';
import { SCARED } from './lexicon.ts';
import { closing, feltGood, intro, kid, oneDay, sunnyLine } from './shared.ts';

type FearScene = (c: Ctx) => string[];

function parent(c: Ctx): Person {
  return c.adult(c.pick(['mom', 'dad'] as const));
}

const dark: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  const toy = c.pick(['teddy bear', 'stuffed bunny', 'doll', 'toy dinosaur']);
  return [
    c.para(
      `Every night, ${c.ref(m)} turned off the light and said good night.`,
      `Then ${h.his} room was very dark.`,
      `${h.name} was afraid of the dark.`,
      c.opt(0.6, `${h.he} thought there was a monster under the bed.`),
      `${h.he} pulled the blanket over ${h.his} head and shook.`,
    ),
    c.para(
      c.say(h, `${m.name}, I am scared!`, { verb: 'called' }),
      `${c.ref(m)} came back and sat on the bed.`,
      c.say(m, `The dark is just your room without the light. Look.`),
      `${m.he} turned on a little lamp.`,
      `There was ${h.his} toy box, ${h.his} chair and ${h.his} ${toy}.`,
      `Nothing was scary at all.`,
    ),
    c.para(
      `Then ${c.ref(m)} gave ${h.name} a small night light shaped like ${a(c.pick(['star', 'moon', 'fish', 'bunny', 'owl']))}.`,
      `It made the room glow soft and ${c.pick(['yellow', 'blue', 'pink', 'green'])}.`,
      `${h.name} hugged ${h.his} ${toy} and closed ${h.his} eyes.`,
      `Soon ${h.he} was fast asleep.`,
      `After that night, ${h.name} was not afraid of the dark anymore.`,
    ),
  ];
};

const thunder: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  const hide = c.pick(['under the table', 'under the bed', 'behind the couch', 'under a big blanket']);
  return [
    c.para(
      `${oneDay(c, false)} a big storm came.`,
      `The wind blew hard, and the rain hit the windows.`,
      `Then there was a bright flash and a loud boom.`,
      `${h.name} was ${c.pick(SCARED)} of the thunder.`,
      `${h.he} ran and hid ${hide}.`,
    ),
    c.para(
      `${c.ref(m)} found ${h.him} there.`,
      c.say(m, `Are you scared of the thunder?`),
      `${h.name} nodded.`,
      c.say(m, `Thunder is just a big noise. It can't hurt you. We are safe inside.`),
      `${m.name} sat down next to ${h.name}.`,
      `Every time the sky flashed, they counted slowly until the boom came.`,
      `Each time, the boom came later, and it was softer.`,
      c.say(m, `The storm is going away.`),
    ),
    c.para(
      `Soon the thunder stopped.`,
      `${h.name} came out from ${hide}.`,
      `After that, when ${h.he} heard thunder, ${h.he} just counted and smiled.`,
    ),
  ];
};

const bigDog: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  const o = c.child();
  const dn = c.pick(['Bear', 'Rocky', 'Duke', 'Bruno', 'Moose']);
  const color = c.pick(['brown', 'black', 'white', 'spotted']);
  return [
    c.para(
      `${oneDay(c)} ${h.name} went to the park with ${c.ref(m)}.`,
      sunnyLine(c, 0.3),
      `On the path, there was a big ${color} dog.`,
      `The dog barked, "Woof! Woof!"`,
      `${h.name} was ${c.pick(SCARED)}. ${h.he} hid behind ${c.ref(m)}.`,
      c.say(h, `That dog is so big!`, { verb: 'whispered' }),
    ),
    c.para(
      `The dog belonged to ${a(kid(o))} named ${o.name}.`,
      c.say(o, `Don't be scared. ${dn} is very friendly. ${dn} just wants to say hello.`),
      `${h.name} held out ${h.his} hand very slowly.`,
      `The big dog sniffed it and licked ${h.his} fingers.`,
      `It tickled! ${h.name} giggled.`,
      `${dn} wagged its long tail.`,
    ),
    c.para(
      `Then ${o.name} threw a stick, and ${dn} ran to get it.`,
      c.opt(0.6, `${h.name} threw the stick too, and ${dn} brought it back every time.`),
      `${h.name} learned that big dogs can be gentle too.`,
    ),
  ];
};

const swimming: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  const pl = c.pick(['to the lake', 'to the beach', 'to the pool']);
  const M = c.ref(m);
  return [
    c.para(
      `${oneDay(c)} ${h.name} went ${pl} with ${M}.`,
      `${M} wanted to teach ${h.him} how to swim.`,
      `But the water looked so deep and so cold.`,
      `${h.name} stood at the edge and did not want to go in.`,
      c.say(h, c.pick([`What if I sink?`, `The water is too deep!`, `I can't do it!`])),
    ),
    c.para(
      c.say(m, `I will hold you. I won't let go.`),
      `${h.name} took a deep breath and stepped into the water.`,
      `It was cold at first, but then it felt nice.`,
      `${m.name} held ${h.him} under ${h.his} tummy.`,
      c.say(m, `Now kick your legs!`),
      `${h.name} kicked and splashed and kicked.`,
    ),
    c.para(
      `Then ${c.ref(m)} let go a little, and ${h.name} floated all by ${h.self}!`,
      c.say(h, `Look at me! I am swimming!`),
      `After that, ${h.name} loved the water.`,
    ),
  ];
};

const slide: FearScene = (c) => {
  const h = c.hero;
  const f = c.child();
  return [
    c.para(
      `${oneDay(c)} ${h.name} and ${h.his} friend ${f.name} went to the park.`,
      `There was a new slide there. It was very tall and very twisty.`,
      `${f.name} climbed up and slid down.`,
      c.say(f, `Whee! That was fun!`, { verb: 'shouted' }),
    ),
    c.para(
      `${h.name} wanted to go down the slide too.`,
      `${h.he} climbed up the ladder, one step at a time.`,
      `But at the top, ${h.he} looked down. It was so high!`,
      `${h.name} felt ${c.pick(SCARED)}.`,
      c.say(h, `I want to go back down the ladder.`),
      c.say(f, `You can do it! I will go right behind you.`),
    ),
    c.para(
      `${h.name} sat at the top and held on tight.`,
      `Then ${h.he} let go. Whoosh!`,
      `Down, down, down ${h.he} went, all the way to the bottom.`,
      `${h.he} landed in the sand and laughed.`,
      c.say(h, `Let's do it again!`),
      `That day, ${h.name} went down the big slide ${c.pick(['ten', 'five', 'many'])} times.`,
    ),
  ];
};

const school: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  const t = c.adult('teacher');
  const f = c.child();
  return [
    c.para(
      `Today was ${h.his} first day at a new school.`,
      `${h.name} held ${c.ref(m)}'s hand very tight.`,
      `There were so many children, and ${h.name} did not know anyone.`,
      `${h.his} tummy felt funny.`,
      c.say(h, `What if nobody likes me?`, { verb: 'whispered' }),
      c.say(m, `Just be yourself. You will make a friend.`),
    ),
    c.para(
      `The teacher, ${t.name}, had a kind smile.`,
      c.say(t, `Welcome! Today we are going to paint.`),
      `${h.name} sat next to ${a(kid(f))} named ${f.name}.`,
      `They painted ${c.pick(['a big red fire truck', 'a house with a blue door', 'a garden full of flowers', 'a boat on the sea'])} together.`,
      c.opt(0.5, `${f.name} got paint on ${f.his} nose, and they both laughed.`),
    ),
    c.para(
      c.say(f, `Will you play with me tomorrow?`),
      `${h.name} smiled and said yes.`,
      `When ${c.ref(m)} came, ${h.name} ran to ${m.him}.`,
      c.say(h, `I made a friend!`),
      `${h.name} could not wait to go back the next day.`,
    ),
  ];
};

const spider: FearScene = (c) => {
  const h = c.hero;
  const m = parent(c);
  return [
    c.para(
      `${oneDay(c, false)} ${h.name} saw a small black spider on the wall of ${h.his} room.`,
      `${h.he} jumped back.`,
      c.say(h, `${m.name}! There is a spider!`, { verb: 'shouted' }),
    ),
    c.para(
      `${c.ref(m)} came and looked at the spider.`,
      c.say(m, `This little spider is more scared of you than you are of it.`),
      c.say(m, `Spiders are good. They eat flies and other bugs.`),
      `${m.name} put a cup over the spider and slid a piece of paper under it.`,
      c.say(m, `Do you want to help me take it outside?`),
    ),
    c.para(
      `${h.name} was brave. ${h.he} held the door open, and they carried the spider to the garden.`,
      `The spider crawled away under a leaf.`,
      `${h.name} waved goodbye.`,
      `After that, ${h.name} was not scared of spiders anymore.`,
    ),
  ];
};

const SCENES: FearScene[] = [dark, thunder, bigDog, swimming, slide, school, spider];

export function fear(c: Ctx): string[] {
  const h = c.hero;
  const scene = c.pick(SCENES);
  const body = scene(c);
  return [
    c.para(
      intro(c),
      c.pick([
        `${h.he} was a good ${kid(h)}, but sometimes ${h.he} felt scared.`,
        `${h.he} liked to play and laugh, but some things made ${h.him} scared.`,
        `${h.he} wanted to be brave, but it was not always easy.`,
      ]),
    ),
    ...body,
    c.para(
      feltGood(c),
      c.opt(0.7, () =>
        c.pick([
          `${h.name} learned that being brave means trying, even when you feel scared.`,
          `${h.he} learned that things are not so scary when someone helps you.`,
          `Being brave felt good.`,
        ]),
      ),
      closing(c, 0.4),
    ),
  ];
}
