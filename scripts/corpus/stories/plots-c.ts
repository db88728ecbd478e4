/** Plots: a lost pet, helping an animal, making a new friend. */
import { shuffle } from '../../../src/model/random.ts';
import { Ctx, a } from './grammar.ts';
import { PETS, SAD, place } from './lexicon.ts';
import { closing, feltGood, intro, kid, oneDay, sunnyLine } from './shared.ts';

interface Found {
  where: string;
  then?: (c: Ctx, pn: string) => string;
}

const FOUND: Record<string, Found[]> = {
  dog: [
    { where: 'at the park, playing with a big stick' },
    { where: "under the neighbor's porch, chewing an old shoe" },
    { where: 'at the pond, chasing the ducks' },
    { where: 'in the garden, digging a big hole' },
  ],
  cat: [
    { where: 'up in a tall tree', then: (c, pn) => `${pn} was stuck. ${c.hero.name} called softly, and ${pn} climbed slowly down into ${c.hero.his} arms.` },
    { where: 'asleep in a basket of clean clothes' },
    { where: 'in the garden, chasing a butterfly' },
    { where: 'on the roof of the shed', then: (c, pn) => `${c.hero.name} held out a treat, and ${pn} jumped down.` },
  ],
  bunny: [{ where: 'in the garden, eating the carrots' }, { where: 'under a bush, munching on some grass' }, { where: 'in the flower bed, sleeping in the sun' }],
  hamster: [{ where: 'inside an old shoe' }, { where: 'behind the couch, eating a cracker' }, { where: 'in the toy box, under a teddy bear' }],
};
FOUND.puppy = FOUND.dog;
FOUND.kitten = FOUND.cat;

const LOOKS_OUT = ['behind the shed', 'down the street', 'under the car', 'by the fence', 'next door', 'around the corner'];
const LOOKS_IN = ['under the bed', 'in the kitchen', 'behind the bookshelf', 'in the closet', 'under the table'];

export function lostPet(c: Ctx): string[] {
  const h = c.hero;
  const pet = c.pick(PETS);
  const pn = c.pick(pet.names);
  const inside = pet.name === 'hamster';
  const found = c.pick(FOUND[pet.name]);
  const [s1, s2] = shuffle(c.rng, (inside ? LOOKS_IN : LOOKS_OUT).slice());
  const door = inside ? 'the cage' : c.pick(['the gate', 'the back door']);
  const opening = inside
    ? `played with ${pn} and forgot to close the door of the cage`
    : door === 'the gate'
      ? c.pick(['went out to get the mail and left the gate open', 'played in the yard and forgot to close the gate'])
      : 'came home from school and left the back door open';
  const out: string[] = [];
  out.push(
    c.para(
      intro(c),
      `${h.he} had ${a(pet.name)} named ${pn}.`,
      c.opt(0.6, () => `${pn} was ${c.pick(['small and fluffy', 'fast and funny', 'soft and warm', 'playful and sweet'])}.`),
      `${h.name} and ${pn} did everything together.`,
      c.opt(0.5, `Every morning, ${h.name} gave ${pn} ${pet.food}.`),
    ),
  );
  out.push(
    c.para(
      `${oneDay(c)} ${h.name} ${opening}.`,
      `When ${h.he} looked around, ${pn} was gone!`,
      inside ? `${h.name} looked all around the house.` : `${h.name} ran outside.`,
      `${h.he} called, "${pn}! ${pn}! Where are you?"`,
    ),
  );
  const help = c.pick(['friend', 'adult', 'animal'] as const);
  let helpLine = '';
  const searchParts: string[] = [
    `${h.he} looked ${s1}.`,
    `${h.he} looked ${s2}.`,
    `But ${pn} was nowhere to be found.`,
    `${h.name} was very ${c.pick(['worried', 'sad', 'upset'])}.`,
  ];
  if (help === 'friend' && !inside) {
    const f = c.child();
    searchParts.push(
      `Then ${h.name} saw ${h.his} friend ${f.name}.`,
      c.say(h, `Have you seen my ${pet.name}, ${pn}?`),
      c.say(f, `No, but I will help you look.`),
      `So they looked together.`,
    );
    helpLine = `${h.name} said thank you to ${f.name} for helping.`;
  } else if (help === 'animal' && !inside) {
    searchParts.push(
      `Then ${h.name} saw a little bird in a tree.`,
      c.say(h, `Little bird, have you seen my ${pet.name}?`),
      `The bird chirped and flew off, and ${h.name} followed it.`,
    );
  } else {
    const m = c.adult();
    searchParts.push(`${h.name} told ${c.ref(m)}.`, c.say(m, `Don't worry. We will find ${pn} together.`));
    helpLine = `${c.ref(m)} smiled and gave ${h.name} a hug.`;
  }
  out.push(c.para(...searchParts));
  out.push(
    c.para(
      pet.sound ? `Then ${h.name} heard a little sound. "${pet.says}!"` : `Then ${h.name} saw something move.`,
      `There was ${pn}, ${found.where}!`,
      found.then ? found.then(c, pn) : '',
      `${h.name} picked ${pn} up and gave it a big hug.`,
      pet.sound ? c.opt(0.6, `${pn} ${pet.sound} happily.`) : '',
      c.say(h, c.pick([`I missed you so much!`, `You silly ${pet.name}! I was so worried!`, `I am so glad I found you!`])),
    ),
  );
  out.push(
    c.para(
      inside ? `Then ${h.name} put ${pn} back in the cage, safe and sound.` : `Then they went home together.`,
      helpLine,
      c.pick([
        `From that day on, ${h.name} always remembered to close ${door}.`,
        `${h.name} learned to take good care of ${h.his} pet.`,
      ]),
      closing(c, 0.4),
    ),
  );
  return out;
}

type Rescue = (c: Ctx) => string[];

const hurtBird: Rescue = (c) => {
  const h = c.hero;
  const m = c.adult();
  const pl = place(c.pick(['garden', 'park', 'backyard', 'forest']));
  return [
    c.para(`${oneDay(c)} ${h.name} was playing ${pl.at}.`, `${h.he} found a little bird on the ground.`, `It had a hurt wing, and it could not fly.`, c.say(h, `Poor little bird!`)),
    c.para(
      `${h.name} carried the bird home very gently.`,
      `${c.ref(m)} looked at the bird.`,
      c.say(m, `We can keep it warm until its wing is better.`),
      `They put the bird in a box with a soft cloth.`,
      `Every day, ${h.name} gave it water and some seeds.`,
      c.opt(0.6, `${h.he} sang quiet songs to it.`),
    ),
    c.para(
      `After a few days, the bird began to hop and flap its wings.`,
      `${h.name} took the box outside and opened it.`,
      `The bird flew up into the blue sky!`,
      `It chirped, as if to say thank you.`,
      c.opt(0.6, `After that, the little bird came to ${h.his} window every morning to sing.`),
    ),
  ];
};

const kittenTree: Rescue = (c) => {
  const h = c.hero;
  const m = c.adult(c.pick(['dad', 'grandpa', 'mom'] as const));
  const o = c.child();
  return [
    c.para(`${oneDay(c)} ${h.name} heard a sad little sound. "Meow! Meow!"`, `${h.he} looked up.`, `There was a little kitten high up in a tree.`, `It was stuck and could not get down.`),
    c.para(
      `${h.name} tried to climb the tree, but it was too tall.`,
      `So ${h.he} ran to get ${c.ref(m)}.`,
      c.say(h, `A kitten is stuck in the tree! We have to help it!`),
      `${m.name} brought a ladder.`,
      `${m.he} climbed up slowly and picked up the kitten.`,
    ),
    c.para(
      `The kitten was shaking, so ${h.name} held it close and kept it warm.`,
      `Soon it began to purr.`,
      `Then ${a(kid(o))} named ${o.name} came running. It was ${o.name}'s kitten!`,
      `${o.name} was so happy that ${o.he} gave ${h.name} a big hug.`,
    ),
  ];
};

const turtle: Rescue = (c) => {
  const h = c.hero;
  return [
    c.para(`${oneDay(c)} ${h.name} was walking to the pond.`, `On the path, ${h.he} saw a little turtle.`, `The turtle was very slow, and bikes were coming down the path.`),
    c.para(
      c.say(h, `Oh no, the turtle might get hurt!`),
      `${h.name} picked up the turtle very gently.`,
      `It hid its head inside its shell.`,
      c.say(h, `Don't be scared, little turtle. I will help you.`),
      `${h.he} carried it all the way to the pond.`,
    ),
    c.para(`${h.name} put the turtle down by the water.`, `The turtle put its head out and looked around.`, `Then it crawled into the pond and swam away.`),
  ];
};

const duckling: Rescue = (c) => {
  const h = c.hero;
  const f = c.p(0.5) ? c.child() : null;
  const who = f ? `${h.name} and ${f.name}` : h.name;
  return [
    c.para(
      `${oneDay(c)} ${who} ${f ? 'were' : 'was'} playing in the park.`,
      `Then ${h.name} heard a tiny sound. "Peep! Peep!"`,
      `A baby duck was all alone under a bench.`,
      `It was lost, and it could not find its mother.`,
    ),
    c.para(
      c.say(h, `Don't worry, little duck. We will find your mother.`),
      f ? c.say(f, `Ducks live by the pond. Let's go there!`) : `${h.name} knew that ducks live by the pond.`,
      `${who} walked slowly to the pond, and the baby duck waddled behind.`,
    ),
    c.para(
      `At the pond, a mother duck was swimming around and quacking loudly.`,
      `When the baby duck saw its mother, it ran to the water as fast as it could.`,
      `The mother duck and the baby duck swam away together.`,
      c.opt(0.6, `${h.name} waved and smiled.`),
    ),
  ];
};

const puddleFish: Rescue = (c) => {
  const h = c.hero;
  const pl = place(c.pick(['beach', 'lake']));
  return [
    c.para(`${oneDay(c)} ${h.name} went ${pl.to} with a little red bucket.`, `Near the water, ${h.he} saw a small puddle.`, `In the puddle was a tiny fish!`, `The sun was hot, and the puddle was getting smaller.`),
    c.para(
      c.say(h, `The fish needs more water!`),
      `${h.name} filled ${h.his} bucket with water.`,
      `Then ${h.he} scooped up the little fish very carefully.`,
      `${h.he} carried the bucket to the ${pl.name === 'beach' ? 'sea' : 'lake'}.`,
    ),
    c.para(`${h.name} tipped the bucket, and the fish swam out.`, `It wiggled its tail and swam away.`, c.opt(0.6, `${h.name} laughed. It looked like the fish was waving goodbye.`)),
  ];
};

const wetPuppy: Rescue = (c) => {
  const h = c.hero;
  const m = c.adult(c.pick(['mom', 'dad'] as const));
  const pn = c.pick(['Lucky', 'Buddy', 'Pip', 'Cookie', 'Scout']);
  return [
    c.para(`${oneDay(c, false)} it was cold and rainy.`, `${h.name} saw a little puppy under a bench.`, `It was wet, and it was shaking.`, `It did not have a collar.`),
    c.para(
      c.say(h, `${m.name}, look! The puppy is cold and alone.`),
      `They wrapped the puppy in a warm towel and took it home.`,
      `${h.name} gave it some food and a bowl of water.`,
      `The puppy ate it all up and wagged its tail.`,
    ),
    c.para(
      `Nobody came to look for the puppy, so ${c.ref(m)} said it could stay.`,
      `${h.name} was so happy. ${h.he} named the puppy ${pn}.`,
      `From that day on, ${h.name} and ${pn} were best friends.`,
    ),
  ];
};

const bee: Rescue = (c) => {
  const h = c.hero;
  return [
    c.para(`${oneDay(c)} ${h.name} was in the garden.`, sunnyLine(c, 0.5), `${h.he} saw a bee in the bird bath.`, `The bee was in the water, and it could not fly out.`),
    c.para(
      `${h.name} was a little scared of bees. But ${h.he} wanted to help.`,
      `${h.he} found a big leaf and held it in the water.`,
      `The bee climbed onto the leaf.`,
      `${h.name} put the leaf on a warm stone in the sun.`,
    ),
    c.para(`The bee shook its wet wings.`, `Soon the wings were dry, and the bee buzzed away to the flowers.`, c.opt(0.6, `${h.name} smiled. ${h.he} had helped a tiny friend.`)),
  ];
};

const RESCUES: Rescue[] = [hurtBird, kittenTree, turtle, duckling, puddleFish, wetPuppy, bee];

export function helpAnimal(c: Ctx): string[] {
  const h = c.hero;
  const scene = c.pick(RESCUES);
  return [
    c.para(intro(c), c.pick([`${h.he} loved animals, big and small.`, `${h.he} had a kind heart.`, `${h.he} always wanted to help others.`])),
    ...scene(c),
    c.para(
      feltGood(c),
      c.pick([
        `${h.name} learned that it feels good to help others, even very small ones.`,
        `Being kind to animals made ${h.name} happy.`,
        `${h.name} knew ${h.he} had done a good thing.`,
      ]),
      closing(c, 0.3),
    ),
  ];
}

const GAMES: { name: string; play: (c: Ctx, f: string) => string[] }[] = [
  { name: 'tag', play: (c, f) => [`They ran and ran. ${f} was fast, but ${c.hero.name} was fast too.`, `They ran until they fell down on the grass, laughing.`] },
  { name: 'hide and seek', play: (c, f) => [`${f} counted to ten.`, `${c.hero.name} hid behind a big tree. Nobody could find ${c.hero.him}!`, `At last ${c.hero.he} jumped out and shouted, "Here I am!"`] },
  { name: 'catch', play: (c, f) => [`${f} threw the ball, and ${c.hero.name} caught it.`, `Then ${c.hero.name} threw it back. They did not drop it once!`] },
  { name: 'with a big ball', play: (c) => [`They kicked the ball back and forth.`, `${c.hero.name} kicked it so high that it went over a bush.`] },
  { name: 'in the sand', play: (c) => [`They built a big sandcastle with towers and a moat.`, `${c.hero.name} put a shell on the top.`] },
  { name: 'jump rope', play: (c, f) => [`${f} and another child held the rope.`, `${c.hero.name} jumped and jumped. ${c.hero.he} did not miss once!`] },
];

export function newFriend(c: Ctx): string[] {
  const h = c.hero;
  const game = c.pick(GAMES);
  const invite = c.p(0.35);
  const pl = place(game.name === 'in the sand' ? 'beach' : c.pick(['park', 'park', 'meadow', 'backyard']));
  const f = c.child();
  const out: string[] = [];
  if (!invite) {
    out.push(c.para(intro(c), c.pick([`${h.name} and ${h.his} family had just moved to a new town.`, `${h.name} was new in town.`]), `${h.he} did not have any friends yet.`, `${h.he} felt ${c.pick(['lonely', 'sad', 'shy'])}.`));
    out.push(
      c.para(
        `${oneDay(c)} ${h.name} went ${pl.to}.`,
        sunnyLine(c, 0.4),
        c.pick([`${h.he} saw some children playing ${game.name}.`, `There were some children playing ${game.name}.`, `A group of children was playing ${game.name} and laughing.`]),
        c.pick([`${h.name} wanted to play too, but ${h.he} was shy.`, `${h.name} wanted to join them, but ${h.he} did not know what to say.`, `${h.name} wished ${h.he} could play too, but ${h.he} felt too shy to ask.`]),
        c.opt(0.6, `${h.he} sat on a bench and watched.`),
      ),
    );
    out.push(c.para(`At last, ${h.name} took a deep breath and walked over.`, c.say(h, `Can I play too?`), `${a(kid(f))} named ${f.name} smiled.`, c.say(f, c.pick([`Of course! We need one more.`, `Yes! Come and play with us.`, `Sure! What is your name?`]))));
  } else {
    out.push(c.para(intro(c), `${h.he} had lots of friends, and ${h.he} loved to play ${pl.at}.`));
    out.push(
      c.para(
        `${oneDay(c)} ${h.name} saw ${a(kid(f))} sitting all alone.`,
        `${f.his} name was ${f.name}, and ${f.he} was new in town.`,
        `${f.name} looked ${c.pick(SAD)}.`,
        `${h.name} remembered how it felt to be new.`,
      ),
    );
    out.push(c.para(`${h.name} walked over and smiled.`, c.say(h, `Hi, I'm ${h.name}. Do you want to play with us?`), `${f.name} smiled a big smile. ${c.say(f, `Yes, please!`)}`));
  }
  out.push(c.para(`So they played ${game.name} together.`, ...game.play(c, f.name), c.opt(0.5, `They played all afternoon.`)));
  out.push(
    c.para(
      c.pick([`When it was time to go home, ${f.name} said, "Let's play again tomorrow!"`, `When the sun went down, ${f.name} asked, "Will you come back tomorrow?"`]),
      c.pick([`${h.name} said yes.`, `${h.name} nodded and smiled.`, `"Yes!" said ${h.name}.`]),
      feltGood(c),
      invite
        ? `${h.name} learned that a little kindness can make someone's day.`
        : c.pick([`${h.name} learned that it is good to be brave and say hello.`, `${h.he} had a new friend.`]),
      closing(c, 0.3),
    ),
  );
  return out;
}
