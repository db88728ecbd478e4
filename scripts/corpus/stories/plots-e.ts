/** Plots: a race, a snow day, cleaning up a messy room, a visit to a farm. */
import { shuffle } from '../../../src/model/random.ts';
import { Ctx, a } from './grammar.ts';
import { COLORS, SAD, TOYS, animal } from './lexicon.ts';
import { closing, feltGood, intro, oneDay } from './shared.ts';

const RACES = [
  { what: 'a big race at school', where: 'school', start: 'all the children stood in a line' },
  { what: 'a race in the park', where: 'the park', start: 'the children lined up on the grass' },
  { what: 'a sack race at the summer fair', where: 'the fair', start: 'the children climbed into big sacks and stood in a row' },
  { what: 'a race on sports day', where: 'school', start: 'the children waited at the white line' },
];

export function race(c: Ctx): string[] {
  const h = c.hero;
  const f = c.child();
  const t = c.adult('teacher');
  const kind = c.p(0.5);
  const r = c.pick(RACES);
  const sack = r.what.startsWith('a sack');
  const prize = c.pick(['a shiny gold medal', 'a big blue ribbon', 'a little gold cup', 'a shiny star badge']);
  const out: string[] = [];
  out.push(
    c.para(
      intro(c),
      c.pick([`${h.he} loved to run. ${h.he} was very fast.`, `${h.he} was the fastest runner on ${h.his} street.`, `${h.he} could run like the wind.`]),
      c.p(0.7)
        ? `Every day, ${h.he} raced ${h.his} friend ${f.name} ${c.pick(['across the yard', 'to the big tree', 'to the end of the street', 'to the garden gate'])}.`
        : `${h.his} best friend, ${f.name}, was fast too.`,
    ),
  );
  out.push(
    c.para(
      `${oneDay(c)} ${c.pick([`there was ${r.what}`, `${t.name} told the children about ${r.what}`])}.`,
      `The winner would get ${prize}.`,
      c.pick([`${h.name} wanted to win so much.`, `${h.name} really wanted that prize.`, `${h.name} was sure ${h.he} would win.`]),
      c.opt(0.6, () => c.pick([`${h.he} practiced running every day because ${h.he} wanted to be ready.`, `${h.he} ran around the yard every evening, so ${h.his} legs would be strong.`])),
    ),
  );
  out.push(
    c.para(
      `On the day of the race, ${r.start}.`,
      c.opt(0.5, () => `${h.name} saw ${f.name} in the line${c.pick(['', ' too', ' next to ' + h.him])}.`),
      c.say(t, c.pick([`Ready, set, go!`, `On your marks, get set, go!`]), { verb: 'shouted' }),
      sack ? `${h.name} hopped as fast as ${h.he} could.` : `${h.name} ran as fast as ${h.he} could.`,
      c.pick([`${h.he} was in front of everyone!`, `Soon ${h.he} was ahead of all the others!`, `Nobody could catch ${h.him}!`]),
      kind
        ? `But then ${h.name} heard a cry. ${f.name} had fallen down and hurt ${f.his} ${c.pick(['knee', 'hand', 'foot'])}.`
        : `But then ${f.name} ${sack ? 'hopped' : 'ran'} faster and faster, and ${f.he} passed ${h.name} just before the end.`,
    ),
  );
  if (kind) {
    out.push(
      c.para(
        `${h.name} stopped. ${c.pick([`${h.he} ran back to ${f.name}.`, `${h.he} did not think about the prize anymore.`])}`,
        c.say(h, c.pick([`Are you okay? Let me help you.`, `Does it hurt? Here, hold my hand.`])),
        `${h.he} helped ${f.name} get up, and they walked to the end together.`,
        `All the other children had already finished, so they came last.`,
      ),
    );
    out.push(
      c.para(
        `${t.name} came over with a smile.`,
        c.say(t, c.pick([`You did not win the race, but you did something better. You helped a friend.`, `That was very kind. Helping a friend is better than any prize.`])),
        `${t.name} gave ${h.name} a special ${c.pick(['ribbon', 'sticker', 'badge'])} for being kind.`,
        feltGood(c),
        c.pick([`${h.name} learned that being kind is more important than winning.`, `${f.name} gave ${h.name} a big hug. ${c.say(f, 'You are the best friend ever!')}`]),
        closing(c, 0.3),
      ),
    );
  } else {
    out.push(
      c.para(
        `${f.name} won the race and got ${prize}.`,
        `${h.name} felt ${c.pick(['grumpy', 'sad', 'upset'])}. ${c.pick([`${h.he} wanted to stomp ${h.his} feet.`, `${h.he} wanted to go home and cry.`, `${h.his} face felt hot.`])}`,
        `But then ${h.he} saw how happy ${f.name} was.`,
        `${h.name} walked over to ${f.name}.`,
        c.say(h, c.pick([`Good job! You were really fast.`, `Well done! You won fair and square.`])),
        c.say(f, c.pick([`Thank you! You were fast too. Let's race again tomorrow!`, `Thanks! You almost won. You are fast too!`])),
      ),
    );
    out.push(
      c.para(
        `${t.name} saw what ${h.name} did.`,
        c.say(t, `You are a good friend, ${h.name}.`),
        `${h.name} smiled. It felt good to be happy for a friend.`,
        c.pick([`${h.name} learned that you do not have to win to have fun.`, `${h.name} learned that being a good friend is better than winning.`]),
        closing(c, 0.3),
      ),
    );
  }
  return out;
}

export function snowDay(c: Ctx): string[] {
  const h = c.hero;
  const f = c.child();
  const m = c.adult();
  const color = c.pick(COLORS);
  const trouble = c.pick(['mitten', 'melt', 'cold'] as const);
  const out: string[] = [];
  out.push(
    c.para(
      intro(c),
      c.pick([`One winter morning, ${h.name} woke up and looked out the window.`, `One cold morning, ${h.name} opened the curtains.`, `It was winter, and the days were short and cold.`]),
      c.pick([`Everything was white!`, `The whole world was white and soft.`, `Snow was falling in big, soft flakes.`]),
      c.say(h, c.pick([`Snow! It snowed!`, `Hooray! Snow!`, `Can I go out and play in the snow?`]), { verb: c.pick(['shouted', 'said']) }),
    ),
  );
  out.push(
    c.para(
      `${h.name} put on ${h.his} warm coat, ${h.his} hat, ${h.his} boots and ${h.his} ${color} mittens.`,
      `Then ${h.he} ran outside.`,
      c.pick([`${h.his} friend ${f.name} was already there.`, `${f.name} from next door came out to play too.`, `Soon ${h.his} friend ${f.name} came over with a sled.`]),
      c.pick([`Together they rolled three big snowballs and made a snowman.`, `They decided to build the biggest snowman in town.`, `They rolled the snow into big balls and stacked them up.`]),
      `They gave the snowman a carrot nose, two stones for eyes, two sticks for arms and an old scarf.`,
      c.opt(0.6, () => c.pick([`Then they slid down the hill on a red sled. Whoosh!`, `Then they lay down in the snow and made snow angels.`, `Then they threw soft snowballs at each other and laughed.`])),
    ),
  );
  if (trouble === 'mitten') {
    out.push(
      c.para(
        `After a while, ${h.name} looked at ${h.his} hands.`,
        `One of ${h.his} ${color} mittens was gone!`,
        `${h.his} hand was very cold.`,
        `${h.name} and ${f.name} looked in the snow, by the fence and under the tree.`,
        `Then ${f.name} began to laugh and pointed at the snowman.`,
        `The snowman was wearing the mitten on its stick arm!`,
      ),
    );
  } else if (trouble === 'melt') {
    out.push(
      c.para(
        `The next day, the sun came out, and it was warm.`,
        `When ${h.name} went outside, the snowman was melting.`,
        `Drip, drip, drip. Soon it was just a puddle with a carrot and two stones.`,
        `${h.name} felt ${c.pick(SAD)}.`,
        c.say(m, `Don't be sad. The snow will come back, and you can make a new snowman.`),
        `${h.name} kept the carrot and the stones, so ${h.he} would be ready.`,
      ),
    );
  } else {
    out.push(
      c.para(
        `After a long time in the snow, ${h.name}'s nose was red, and ${h.his} toes were cold.`,
        `${h.name} and ${f.name} began to shiver.`,
        `Then ${c.ref(m)} called them inside.`,
        `${m.name} made hot cocoa with little marshmallows on top.`,
        `They sat by the fire and warmed their hands.`,
      ),
    );
  }
  out.push(
    c.para(
      c.pick([`It was the best snow day ever.`, `${h.name} loved winter.`, `${h.name} and ${f.name} laughed and laughed.`]),
      feltGood(c),
      closing(c, 0.5),
    ),
  );
  return out;
}

export function cleanUp(c: Ctx): string[] {
  const h = c.hero;
  const m = c.adult(c.pick(['mom', 'dad'] as const));
  const lost = c.pick(TOYS.filter((t) => t.count !== 'many'));
  const reason = c.pick([
    ['Grandma is coming to visit', `When Grandma came, she said the room looked lovely.`],
    ['we are going to the park after lunch', `After lunch, they went to the park, and ${h.name} played on the swings.`],
    ['your friends are coming to play', `When ${h.his} friends came, there was lots of room to play.`],
  ] as const);
  const game = c.pick([
    [`Let's make it a game. Can you clean up before the song ends?`, `${m.name} played a happy song, and ${h.name} picked up toys as fast as ${h.he} could.`],
    [`Let's sort everything by color. First, all the red things!`, `${h.name} found all the red things, then all the blue things, then all the green things.`],
    [`Let's pretend you are a big truck, and the toys are your load.`, `${h.name} carried the toys to the toy box and said, "Beep, beep!"`],
  ] as const);
  const grandmaHere = reason[0].startsWith('Grandma');
  if (grandmaHere) c.adult('grandma');
  return [
    c.para(intro(c), `${h.he} had lots of toys, but ${h.he} did not like to put them away.`, `${h.his} room was a big mess.`),
    c.para(
      `There were blocks on the floor and books under the bed.`,
      `There were socks on the chair and crayons on the rug.`,
      `${oneDay(c, false)} ${c.ref(m)} looked into the room.`,
      c.say(m, `Please clean up your room, because ${reason[0]}.`),
      c.say(h, c.pick([`But it is too much!`, `I don't want to!`, `It will take all day!`])),
    ),
    c.para(c.say(m, game[0]), game[1], `${h.he} put the blocks in the box and the books on the shelf.`, `${h.he} put the socks in the basket.`),
    c.para(
      `Then ${h.name} looked under the bed.`,
      `There was ${h.his} old ${lost.name}! ${h.he} had not seen it for a long time.`,
      c.say(h, `I missed you!`),
      `Soon the room was clean and tidy.`,
    ),
    c.para(
      reason[1],
      feltGood(c),
      c.pick([`${h.name} learned that cleaning up can be fun.`, `${h.name} learned that in a tidy room, it is easy to find things.`]),
      closing(c, 0.3),
    ),
  ];
}

export function farmVisit(c: Ctx): string[] {
  const h = c.hero;
  const g = c.adult(c.pick(['grandma', 'grandpa'] as const));
  const [a1, a2, a3] = shuffle(c.rng, ['cow', 'pig', 'horse', 'hen', 'goat', 'sheep', 'duck']).map(animal);
  const runaway = c.pick([animal('goat'), animal('pig'), animal('sheep')]);
  const meet = (x: ReturnType<typeof animal>) =>
    x.sound ? `The ${x.name} ${x.sound} hello.` : `The ${x.name} looked at ${h.name} and ${c.pick(['chewed some grass', 'blinked its big eyes', 'wiggled its ears'])}.`;
  return [
    c.para(
      intro(c),
      c.pick([`${h.his} ${g.title} lived on a farm, far away from town.`, `${h.his} ${g.title} had a big farm with a red barn.`, `${h.his} ${g.title} lived on a little farm near a river.`]),
      c.pick([`${oneDay(c)} ${h.name} went to visit.`, `${oneDay(c)} ${h.name} went to stay there for a whole weekend.`, `In the summer, ${h.name} went to visit for a week.`]),
      c.opt(0.5, () => c.pick([`${h.name} had never been on a farm before.`, `${h.name} was so excited that ${h.he} could not sit still in the car.`])),
    ),
    c.para(
      c.pick([`${g.name} showed ${h.name} all the animals.`, `First, ${g.name} took ${h.name} to meet the animals.`, `The animals were waiting in the barnyard.`]),
      `First they saw ${a(a1.name)}. ${meet(a1)}`,
      `Then they saw ${a(a2.name)}. ${meet(a2)}`,
      c.opt(0.7, `Then they saw ${a(a3.name)}. ${meet(a3)}`),
      `${h.name} helped feed them. ${h.he} gave the hens some corn and the horse ${a(c.pick(['apple', 'carrot']))}.`,
      c.opt(0.5, `${h.he} found six brown eggs in the hay and carried them very carefully.`),
    ),
    c.para(
      c.pick([`Then ${h.name} saw something. Someone had left the gate open, and the ${runaway.name} was running away!`, `Suddenly, there was a loud noise. The ${runaway.name} had pushed open the gate and was running down the road!`]),
      c.say(g, `Oh no! We have to catch it!`, { verb: 'shouted' }),
      `They ran after the ${runaway.name}, but it was too quick.`,
      `It ran around the barn and through the mud.`,
      `${h.name} had an idea. ${h.he} held out ${a(c.pick(['apple', 'carrot']))} and stood very still.`,
      `The ${runaway.name} stopped. It came back slowly and ate the food from ${h.his} hand.`,
    ),
    c.para(
      `${g.name} led the ${runaway.name} back to its pen, and ${h.name} closed the gate.`,
      c.say(g, `What a clever idea! Thank you for your help.`),
      c.pick([`That evening, they ate warm soup and bread for supper.`, `That night, ${h.name} was so tired that ${h.he} fell asleep right after supper.`, `Later, they sat on the porch and watched the sun go down.`]),
      feltGood(c),
      `${h.name} could not wait to visit the farm again.`,
    ),
  ];
}
