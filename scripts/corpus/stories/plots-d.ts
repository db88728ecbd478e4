/** Plots: learning something new, making a gift, growing a plant. */
import { Ctx, type Person, a } from './grammar.ts';
import { COLORS, SAD } from './lexicon.ts';
import { closing, feltGood, intro, oneDay, sunnyLine } from './shared.ts';

interface Skill {
  what: string;
  /** Why the hero wants it / the setup. */
  setup: (c: Ctx) => string;
  fail: (c: Ctx) => string[];
  tip: string;
  win: (c: Ctx) => string[];
}

const SKILLS: Skill[] = [
  {
    what: 'ride a bike',
    setup: (c) => `${c.hero.he} had a new ${c.pick(COLORS)} bike with a shiny bell.`,
    fail: (c) => [`${c.hero.he} got on the bike and pushed the pedals, but the bike wobbled, and ${c.hero.he} fell down.`, c.opt(0.6, `${c.hero.his} knee got a little scrape.`)],
    tip: 'Keep pedaling and look straight ahead. I will hold the back of the seat.',
    win: (c) => [`This time, ${c.hero.he} pedaled and pedaled, and the bike went straight!`, `${c.hero.he} rode all the way to the end of the street and rang the bell. Ring, ring!`],
  },
  {
    what: 'fly a kite',
    setup: (c) => `${c.hero.he} had a new ${c.pick(COLORS)} kite with a long tail.`,
    fail: (c) => [`${c.hero.he} ran and ran, but the kite just bumped along the ground.`, `Then it crashed into a bush.`],
    tip: 'Run into the wind, and let the string out slowly.',
    win: (c) => [`${c.hero.he} ran into the wind and let the string out, little by little.`, `The kite went up, up, up, high into the sky!`],
  },
  {
    what: 'tie my shoes',
    setup: (c) => `${c.hero.he} had new shoes with long ${c.pick(COLORS)} laces.`,
    fail: (c) => [`${c.hero.he} pulled the laces this way and that way, but they only made a big knot.`],
    tip: 'Make two bunny ears, cross them, and pull them tight.',
    win: (c) => [`${c.hero.he} made two bunny ears, crossed them and pulled.`, `There was a perfect bow!`],
  },
  {
    what: 'whistle',
    setup: (c) => `${c.hero.his} big cousin could whistle a happy song, and ${c.hero.name} wanted to whistle too.`,
    fail: (c) => [`${c.hero.he} puckered ${c.hero.his} lips and blew, but only air came out.`, `It sounded like the wind.`],
    tip: 'Make your lips small and round, and blow very softly.',
    win: (c) => [`${c.hero.he} made ${c.hero.his} lips small and round and blew softly.`, `A little whistle came out! Even the cat turned its head.`],
  },
  {
    what: 'jump rope',
    setup: (c) => `${c.hero.he} got a new ${c.pick(COLORS)} jump rope.`,
    fail: (c) => [`${c.hero.he} swung the rope, but it caught on ${c.hero.his} feet.`, `${c.hero.he} tried again, and the rope hit ${c.hero.his} nose.`],
    tip: 'Swing the rope, and jump just when it touches the ground.',
    win: (c) => [`${c.hero.he} swung the rope and jumped at just the right time.`, `One, two, three, four, five! ${c.hero.he} jumped ten times without stopping!`],
  },
  {
    what: 'catch a ball',
    setup: (c) => `${c.hero.his} friends at school played catch every day.`,
    fail: (c) => [`Every time the ball came, it bounced off ${c.hero.his} hands.`, `Once, it even bounced off ${c.hero.his} head.`],
    tip: 'Watch the ball all the way, and keep your hands ready.',
    win: (c) => [`${c.hero.he} watched the ball all the way to ${c.hero.his} hands.`, `Plop! ${c.hero.he} caught it!`],
  },
  {
    what: 'write my name',
    setup: (c) => `${c.hero.he} had a new box of pencils and a big pad of paper.`,
    fail: (c) => [`But the letters came out big and wobbly.`, `One of them was upside down!`],
    tip: 'Go slowly, one letter at a time.',
    win: (c) => [`${c.hero.he} went slowly, one letter at a time.`, `At last, there it was on the paper: ${c.hero.name}, in big, neat letters!`],
  },
];

export function learnSkill(c: Ctx): string[] {
  const h = c.hero;
  const sk = c.pick(SKILLS);
  const helper: Person = c.p(0.7) ? c.adult() : c.child();
  const what = sk.what.replace(/\bmy\b/, h.his);
  const whatQ = sk.what;
  const tries = c.pick(['two', 'three', 'four', 'five']);
  return [
    c.para(intro(c), sk.setup(c), `${h.name} wanted to learn how to ${what}.`),
    c.para(`${oneDay(c)} ${h.name} tried for the first time.`, ...sk.fail(c), `${h.name} felt ${c.pick(SAD)}.`, c.say(h, c.pick([`I can't do it!`, `I will never learn to ${whatQ}!`, `This is too hard!`]))),
    c.para(
      `${c.ref(helper)} sat down next to ${h.name}.`,
      c.say(helper, c.pick([`Everybody finds it hard at first.`, `Don't give up. You just need to practice.`, `I could not do it at first either.`])),
      c.say(helper, sk.tip, { pro: true }),
      c.opt(0.6, `${h.name} tried again. And again. ${h.he} tried ${tries} more times.`),
    ),
    c.para(`Then, at last, ${h.he} did it!`, ...sk.win(c), c.say(h, c.pick([`I did it!`, `Look at me! I can ${whatQ}!`, `Yay! I did it!`]), { verb: 'shouted' })),
    c.para(
      `${c.ref(helper)} clapped and cheered.`,
      feltGood(c),
      c.pick([
        `${h.name} learned that if you keep trying, you can do hard things.`,
        `${h.name} learned to never give up.`,
        `From then on, ${h.name} practiced every day.`,
      ]),
      closing(c, 0.3),
    ),
  ];
}

interface Gift {
  name: string;
  make: (c: Ctx) => string[];
  oops: (c: Ctx) => string[];
  fix: (c: Ctx) => string[];
}

const GIFTS: Gift[] = [
  {
    name: 'picture',
    make: (c) => [`${c.hero.name} got out ${c.hero.his} crayons and a big piece of paper.`, `${c.hero.he} drew a house, a big sun and all the people in the family.`],
    oops: (c) => [`Then the dog ran in with muddy paws and walked right across the picture!`, `Now there were brown paw prints all over it.`],
    fix: (c) => [`${c.hero.name} looked at the paw prints for a long time.`, `Then ${c.hero.he} had an idea. ${c.hero.he} drew petals around each paw print.`, `Now the picture was full of flowers!`],
  },
  {
    name: 'cake',
    make: (c) => [`${c.hero.name} mixed flour, eggs, milk and sugar in a big bowl.`, `${c.hero.he} asked for help to put the cake in the hot oven.`],
    oops: (c) => [`But when the cake came out, the middle sank down.`, `It looked flat and funny.`],
    fix: (c) => [`${c.hero.name} had an idea. ${c.hero.he} filled the middle with berries and cream.`, `Now it looked even better than before!`],
  },
  {
    name: 'bunch of flowers',
    make: (c) => [`${c.hero.name} went to the garden and picked ${c.pick(['red', 'yellow', 'pink'])} and ${c.pick(['white', 'purple', 'blue'])} flowers.`, `${c.hero.he} tied them with a ribbon.`],
    oops: (c) => [`But on the way inside, a big wind came.`, `It blew the petals off some of the flowers!`],
    fix: (c) => [`${c.hero.name} did not give up. ${c.hero.he} picked some more flowers and some green leaves.`, `Then ${c.hero.he} tied the ribbon again, in a big bow.`],
  },
  {
    name: 'necklace',
    make: (c) => [`${c.hero.name} took a long string and some ${c.pick(['colorful beads', 'little shells', 'shiny buttons'])}.`, `${c.hero.he} put them on the string, one by one.`],
    oops: (c) => [`But then the string broke, and everything rolled across the floor!`],
    fix: (c) => [`${c.hero.name} picked up every piece, even the ones under the couch.`, `This time, ${c.hero.he} used a stronger string and tied a big knot.`],
  },
  {
    name: 'card',
    make: (c) => [`${c.hero.name} folded a piece of paper in half.`, `On the front, ${c.hero.he} drew a big heart. Inside, ${c.hero.he} wrote "I love you."`],
    oops: (c) => [`Then ${c.hero.he} knocked over a cup of juice.`, `The juice spilled all over the card!`],
    fix: (c) => [`${c.hero.name} let the card dry in the sun.`, `It was a little wrinkly, so ${c.hero.he} added stickers and stars to make it pretty again.`],
  },
];

export function gift(c: Ctx): string[] {
  const h = c.hero;
  const g = c.pick(GIFTS);
  const forWhom = c.adult(c.pick(['mom', 'grandma', 'grandpa', 'mom'] as const));
  const occasion = c.pick(forWhom.title === 'mom' ? (['birthday', 'sick'] as const) : (['birthday', 'visit', 'sick'] as const));
  const W = forWhom.name;
  const setup =
    occasion === 'birthday'
      ? `Tomorrow was ${c.ref(forWhom)}'s birthday.`
      : occasion === 'visit'
        ? `${W} was coming to visit.`
        : `${W} was sick in bed with a cold.`;
  const out: string[] = [];
  out.push(
    c.para(
      intro(c),
      setup,
      `${h.name} wanted to make something special for ${forWhom.him}.`,
      `${h.he} thought and thought. Then ${h.he} knew! ${h.he} would make ${a(g.name)}.`,
    ),
  );
  out.push(c.para(...g.make(c), c.opt(0.5, `${h.he} worked very hard.`)));
  out.push(c.para(...g.oops(c), `${h.name} felt like crying.`, c.say(h, c.pick([`Now it is ruined!`, `Oh no! It is not good anymore.`, `What will I do now?`]))));
  out.push(c.para(...g.fix(c), c.opt(0.5, `${h.he} smiled. It was not perfect, but it was made with love.`)));
  out.push(
    c.para(
      occasion === 'birthday' ? `The next day, ${h.name} gave the ${g.name} to ${c.ref(forWhom)}.` : `${h.name} gave the ${g.name} to ${W}.`,
      `${W}'s eyes lit up.`,
      c.say(forWhom, c.pick([`This is the best gift ever! You made it with love.`, `It is beautiful! Thank you!`, `I love it! I will keep it forever.`])),
      occasion === 'sick' ? c.opt(0.7, `${W} said ${forWhom.he} felt better already.`) : '',
      `${h.name} gave ${c.ref(forWhom)} a big hug.`,
      c.pick([`${h.name} learned that the best gifts are made with love.`, `${h.name} learned that a gift does not have to be perfect.`, feltGood(c)]),
    ),
  );
  return out;
}

interface Seed {
  seed: string;
  grows: string;
  end: (c: Ctx) => string;
}

const SEEDS: Seed[] = [
  { seed: 'sunflower seeds', grows: 'a tall sunflower', end: (c) => `It grew taller than ${c.hero.name}, and its big yellow face looked at the sun all day.` },
  { seed: 'carrot seeds', grows: 'orange carrots', end: (c) => `${c.hero.name} pulled them out of the dirt. They were crunchy and sweet.` },
  { seed: 'tomato seeds', grows: 'round red tomatoes', end: (c) => `${c.hero.name} picked the red tomatoes, and they made a big salad for dinner.` },
  { seed: 'bean seeds', grows: 'long green beans', end: (c) => `The bean plant climbed up a stick, higher and higher, like in a fairy tale.` },
  { seed: 'pumpkin seeds', grows: 'a big orange pumpkin', end: (c) => `By fall, there was a pumpkin so big that ${c.hero.name} could not lift it.` },
  { seed: 'flower seeds', grows: 'pretty flowers', end: (c) => `Soon there were red, yellow and purple flowers everywhere, and the bees came to visit.` },
  { seed: 'strawberry seeds', grows: 'sweet red strawberries', end: (c) => `${c.hero.name} ate the first strawberry right there in the garden.` },
];

export function garden(c: Ctx): string[] {
  const h = c.hero;
  const s = c.pick(SEEDS);
  const m = c.adult(c.pick(['mom', 'dad', 'grandma', 'grandpa'] as const));
  const days = c.pick(['three', 'four', 'five', 'many']);
  return [
    c.para(intro(c), `${oneDay(c)} ${c.ref(m)} gave ${h.name} a little bag of ${s.seed}.`, c.say(m, `If you plant them and take care of them, they will grow into ${s.grows}.`)),
    c.para(
      `${h.name} found a sunny spot in the garden.`,
      `${h.he} dug small holes with ${h.his} ${c.pick(['little shovel', 'hands', 'spoon'])}.`,
      `${h.he} put the seeds in the holes and covered them with dirt.`,
      `Then ${h.he} gave them some water from ${h.his} ${c.pick(COLORS)} watering can.`,
    ),
    c.para(
      `The next morning, ${h.name} ran outside to look.`,
      `Nothing!`,
      `${h.he} looked again the next day, and the day after that.`,
      `For ${days} days, there was nothing but dirt.`,
      c.say(h, `Why won't they grow?`),
      c.say(m, `Plants need time, water and sun. You have to be patient.`),
    ),
    c.para(
      `So ${h.name} waited.`,
      `${h.he} watered the seeds every day.`,
      sunnyLine(c, 0.4),
      c.opt(0.5, `One night, a soft rain fell on the garden.`),
      `Then one morning, ${h.name} saw a tiny green sprout!`,
      c.say(h, `${m.name}, come and look! It is growing!`, { verb: 'shouted' }),
    ),
    c.para(
      `Day by day, the little plant grew bigger.`,
      s.end(c),
      feltGood(c),
      c.pick([`${h.name} learned that good things take time.`, `${h.name} learned that waiting can be hard, but it is worth it.`, `The next spring, ${h.name} planted even more seeds.`]),
      closing(c, 0.3),
    ),
  ];
}
