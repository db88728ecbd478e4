/**
 * Word lists for the story generator: names, toys, animals, places, food, weather, feelings.
 * Phrases here never contain he/she/his/her: pronouns are added by the plots from the cast.
 */

export const BOY_NAMES = [
  'Tom', 'Ben', 'Sam', 'Jack', 'Leo', 'Tim', 'Jake', 'Noah', 'Finn', 'Luke',
  'Adam', 'Oscar', 'Henry', 'Owen', 'Ryan', 'Joe', 'Peter', 'Theo', 'Jim', 'Billy',
];

export const GIRL_NAMES = [
  'Lily', 'Mia', 'Anna', 'Sue', 'Emma', 'Lucy', 'Amy', 'Ella', 'Zoe', 'Sara',
  'Kate', 'Ruby', 'Molly', 'Grace', 'Ivy', 'Jane', 'Nora', 'Maya', 'Jenny', 'Sophie',
];

export interface Toy {
  name: string;
  count?: 'one' | 'many';
  adjs: string[];
  /** Things to do with it, base form, object pronoun already in: "throw it up high". */
  fun: string[];
}

export const TOYS: Toy[] = [
  { name: 'ball', adjs: ['red', 'blue', 'big', 'bouncy', 'orange', 'striped'], fun: ['throw it up high', 'kick it across the grass', 'bounce it on the ground'] },
  { name: 'kite', adjs: ['red', 'yellow', 'big', 'colorful', 'new'], fun: ['fly it high in the sky', 'run with it in the wind'] },
  { name: 'doll', adjs: ['little', 'pretty', 'old', 'soft'], fun: ['dress it up in tiny clothes', 'sing songs to it', 'give it pretend tea'] },
  { name: 'teddy bear', adjs: ['brown', 'soft', 'old', 'fluffy', 'little'], fun: ['hug it at night', 'take it everywhere', 'have tea parties with it'] },
  { name: 'toy car', adjs: ['red', 'blue', 'fast', 'shiny', 'little', 'green'], fun: ['zoom it across the floor', 'race it down the hall'] },
  { name: 'toy truck', adjs: ['big', 'yellow', 'red', 'old'], fun: ['fill it with sand', 'push it through the dirt'] },
  { name: 'toy train', adjs: ['blue', 'red', 'long', 'wooden'], fun: ['push it along the track', 'make it go choo choo'] },
  { name: 'toy boat', adjs: ['little', 'red', 'white', 'wooden'], fun: ['sail it in the bath', 'float it in puddles'] },
  { name: 'robot', adjs: ['shiny', 'silver', 'little', 'new'], fun: ['make it walk and beep', 'make it dance'] },
  { name: 'drum', adjs: ['little', 'red', 'loud'], fun: ['bang on it all day', 'play it in a pretend band'] },
  { name: 'blocks', count: 'many', adjs: ['wooden', 'colorful', 'big', 'soft'], fun: ['build tall towers with them', 'make houses with them'] },
  { name: 'crayons', count: 'many', adjs: ['new', 'bright', 'colorful'], fun: ['draw pictures with them', 'color big suns with them'] },
  { name: 'marbles', count: 'many', adjs: ['shiny', 'glass', 'colorful'], fun: ['roll them on the floor', 'count them again and again'] },
  { name: 'stuffed bunny', adjs: ['soft', 'white', 'pink', 'fluffy'], fun: ['hug it', 'take it to bed'] },
  { name: 'toy plane', adjs: ['silver', 'white', 'little'], fun: ['make it fly around the room', 'zoom it through the air'] },
  { name: 'puppet', adjs: ['funny', 'little', 'silly', 'old'], fun: ['put on shows with it', 'make it talk in a funny voice'] },
  { name: 'music box', adjs: ['little', 'pretty', 'old'], fun: ['listen to its song', 'watch the tiny dancer spin'] },
  { name: 'toy dinosaur', adjs: ['green', 'big', 'little', 'purple'], fun: ['make it roar', 'make it stomp around'] },
  { name: 'magic wand', adjs: ['sparkly', 'pink', 'shiny', 'gold'], fun: ['wave it and pretend to do magic', 'make wishes with it'] },
  { name: 'spinning top', adjs: ['red', 'blue', 'little', 'wooden'], fun: ['spin it on the table', 'watch it go round and round'] },
  { name: 'toy rocket', adjs: ['silver', 'red', 'shiny'], fun: ['fly it to the moon', 'count down and lift it up'] },
  { name: 'jump rope', adjs: ['pink', 'long', 'red'], fun: ['jump with it', 'skip with it in the yard'] },
];

export interface Animal {
  name: string;
  plural: string;
  /** Past tense sound verb ("barked"), or '' when it makes no sound worth telling. */
  sound: string;
  /** What the sound is, as a word to put in quotes: "Woof". */
  says: string;
  /** Past tense of how it moves, and the base form. */
  moved: string;
  move: string;
  pet: boolean;
  names: string[];
  food: string;
}

export const ANIMALS: Animal[] = [
  { name: 'dog', plural: 'dogs', sound: 'barked', says: 'Woof', moved: 'ran', move: 'run', pet: true, names: ['Spot', 'Rex', 'Buddy', 'Max', 'Lucky', 'Rusty'], food: 'a bone' },
  { name: 'puppy', plural: 'puppies', sound: 'barked', says: 'Woof', moved: 'ran', move: 'run', pet: true, names: ['Spot', 'Buddy', 'Lucky', 'Pip', 'Cookie'], food: 'a treat' },
  { name: 'cat', plural: 'cats', sound: 'meowed', says: 'Meow', moved: 'ran', move: 'run', pet: true, names: ['Kitty', 'Fluffy', 'Tiger', 'Mittens', 'Whiskers', 'Socks'], food: 'some milk' },
  { name: 'kitten', plural: 'kittens', sound: 'meowed', says: 'Meow', moved: 'ran', move: 'run', pet: true, names: ['Kitty', 'Mittens', 'Socks', 'Snowy', 'Pip'], food: 'some milk' },
  { name: 'bunny', plural: 'bunnies', sound: '', says: '', moved: 'hopped', move: 'hop', pet: true, names: ['Snowball', 'Hoppy', 'Cotton', 'Thumper'], food: 'a carrot' },
  { name: 'bird', plural: 'birds', sound: 'chirped', says: 'Tweet', moved: 'flew', move: 'fly', pet: false, names: [], food: 'some seeds' },
  { name: 'frog', plural: 'frogs', sound: 'croaked', says: 'Ribbit', moved: 'hopped', move: 'hop', pet: false, names: [], food: 'a fly' },
  { name: 'duck', plural: 'ducks', sound: 'quacked', says: 'Quack', moved: 'waddled', move: 'waddle', pet: false, names: [], food: 'some bread' },
  { name: 'turtle', plural: 'turtles', sound: '', says: '', moved: 'crawled', move: 'crawl', pet: true, names: ['Shelly', 'Speedy'], food: 'a leaf' },
  { name: 'hamster', plural: 'hamsters', sound: 'squeaked', says: 'Squeak', moved: 'ran', move: 'run', pet: true, names: ['Peanut', 'Nibbles', 'Pip'], food: 'a seed' },
  { name: 'mouse', plural: 'mice', sound: 'squeaked', says: 'Squeak', moved: 'ran', move: 'run', pet: false, names: [], food: 'some cheese' },
  { name: 'squirrel', plural: 'squirrels', sound: '', says: '', moved: 'ran', move: 'run', pet: false, names: [], food: 'a nut' },
  { name: 'owl', plural: 'owls', sound: 'hooted', says: 'Hoo', moved: 'flew', move: 'fly', pet: false, names: [], food: 'a bug' },
  { name: 'cow', plural: 'cows', sound: 'mooed', says: 'Moo', moved: 'walked', move: 'walk', pet: false, names: [], food: 'some hay' },
  { name: 'pig', plural: 'pigs', sound: 'oinked', says: 'Oink', moved: 'trotted', move: 'trot', pet: false, names: [], food: 'an apple' },
  { name: 'horse', plural: 'horses', sound: 'neighed', says: 'Neigh', moved: 'trotted', move: 'trot', pet: false, names: [], food: 'an apple' },
  { name: 'hen', plural: 'hens', sound: 'clucked', says: 'Cluck', moved: 'ran', move: 'run', pet: false, names: [], food: 'some corn' },
  { name: 'goat', plural: 'goats', sound: '', says: '', moved: 'jumped', move: 'jump', pet: false, names: [], food: 'some grass' },
  { name: 'sheep', plural: 'sheep', sound: '', says: '', moved: 'walked', move: 'walk', pet: false, names: [], food: 'some grass' },
  { name: 'bee', plural: 'bees', sound: 'buzzed', says: 'Buzz', moved: 'flew', move: 'fly', pet: false, names: [], food: 'some nectar' },
  { name: 'butterfly', plural: 'butterflies', sound: '', says: '', moved: 'flew', move: 'fly', pet: false, names: [], food: 'some nectar' },
  { name: 'ladybug', plural: 'ladybugs', sound: '', says: '', moved: 'crawled', move: 'crawl', pet: false, names: [], food: 'a leaf' },
  { name: 'fox', plural: 'foxes', sound: '', says: '', moved: 'ran', move: 'run', pet: false, names: [], food: 'a berry' },
  { name: 'bear', plural: 'bears', sound: 'growled', says: 'Grr', moved: 'walked', move: 'walk', pet: false, names: [], food: 'some honey' },
  { name: 'deer', plural: 'deer', sound: '', says: '', moved: 'ran', move: 'run', pet: false, names: [], food: 'some grass' },
  { name: 'elephant', plural: 'elephants', sound: '', says: '', moved: 'walked', move: 'walk', pet: false, names: [], food: 'a peanut' },
  { name: 'monkey', plural: 'monkeys', sound: '', says: '', moved: 'climbed', move: 'climb', pet: false, names: [], food: 'a banana' },
  { name: 'lion', plural: 'lions', sound: 'roared', says: 'Roar', moved: 'walked', move: 'walk', pet: false, names: [], food: 'some meat' },
  { name: 'snail', plural: 'snails', sound: '', says: '', moved: 'crawled', move: 'crawl', pet: false, names: [], food: 'a leaf' },
  { name: 'fish', plural: 'fish', sound: '', says: '', moved: 'swam', move: 'swim', pet: true, names: ['Bubbles', 'Goldie', 'Finny'], food: 'some fish food' },
];

export const animal = (name: string): Animal => {
  const a = ANIMALS.find((x) => x.name === name);
  if (!a) throw new Error(`no animal ${name}`);
  return a;
};

export const PETS = ANIMALS.filter((a) => a.pet && a.name !== 'fish' && a.name !== 'turtle');

export interface Place {
  name: string;
  /** "at the park", "in the garden". */
  at: string;
  /** "to the park". */
  to: string;
  outdoor: boolean;
  /** Where a thing can be hidden or found: "under the slide". */
  spots: string[];
  /** Things to do there, [base, past]. */
  fun: [string, string][];
  /** Animals one can meet there. */
  animals: string[];
}

export const PLACES: Place[] = [
  { name: 'park', at: 'at the park', to: 'to the park', outdoor: true, spots: ['under the slide', 'behind a big tree', 'near the swings', 'in the sandbox', 'under a bench', 'in a pile of leaves'], fun: [['play on the swings', 'played on the swings'], ['go down the slide', 'went down the slide'], ['dig in the sandbox', 'dug in the sandbox'], ['run on the grass', 'ran on the grass']], animals: ['dog', 'bird', 'squirrel', 'duck'] },
  { name: 'garden', at: 'in the garden', to: 'to the garden', outdoor: true, spots: ['under a bush', 'behind the flowers', 'in the tall grass', 'next to the shed', 'under a big leaf', 'by the gate'], fun: [['smell the flowers', 'smelled the flowers'], ['look for bugs', 'looked for bugs'], ['water the plants', 'watered the plants']], animals: ['bird', 'butterfly', 'bee', 'ladybug', 'snail', 'frog'] },
  { name: 'forest', at: 'in the forest', to: 'to the forest', outdoor: true, spots: ['behind a big rock', 'under a pile of leaves', 'inside a hollow log', 'near an old tree', 'by a little stream'], fun: [['pick up pinecones', 'picked up pinecones'], ['look for mushrooms', 'looked for mushrooms'], ['walk along the path', 'walked along the path'], ['listen to the birds', 'listened to the birds']], animals: ['owl', 'fox', 'deer', 'squirrel', 'bird', 'bear'] },
  { name: 'beach', at: 'at the beach', to: 'to the beach', outdoor: true, spots: ['under a big rock', 'in the sand', 'near the water', 'under a towel', 'next to a sandcastle'], fun: [['build a sandcastle', 'built a sandcastle'], ['look for shells', 'looked for shells'], ['splash in the waves', 'splashed in the waves']], animals: ['bird', 'fish', 'turtle', 'dog'] },
  { name: 'backyard', at: 'in the backyard', to: 'to the backyard', outdoor: true, spots: ['under the porch', 'behind the fence', 'under a bush', 'in the grass', 'next to the swing'], fun: [['play catch', 'played catch'], ['blow bubbles', 'blew bubbles'], ['climb the old tree', 'climbed the old tree']], animals: ['dog', 'cat', 'bird', 'squirrel'] },
  { name: 'farm', at: 'on the farm', to: 'to the farm', outdoor: true, spots: ['in the barn', 'in the hay', 'behind the fence', 'near the pond', 'under the cart'], fun: [['feed the animals', 'fed the animals'], ['ride on the tractor', 'rode on the tractor'], ['collect eggs', 'collected eggs']], animals: ['cow', 'pig', 'horse', 'hen', 'goat', 'sheep', 'duck'] },
  { name: 'pond', at: 'at the pond', to: 'to the pond', outdoor: true, spots: ['in the reeds', 'under a log', 'near the water', 'behind a rock', 'under a big leaf'], fun: [['feed the ducks', 'fed the ducks'], ['throw stones in the water', 'threw stones in the water'], ['watch the frogs', 'watched the frogs']], animals: ['duck', 'frog', 'fish', 'turtle', 'bird'] },
  { name: 'hill', at: 'on the hill', to: 'to the big hill', outdoor: true, spots: ['behind a rock', 'in the long grass', 'under a bush', 'near the top'], fun: [['roll down the hill', 'rolled down the hill'], ['look at the clouds', 'looked at the clouds'], ['run up and down', 'ran up and down']], animals: ['bird', 'sheep', 'bunny', 'butterfly'] },
  { name: 'zoo', at: 'at the zoo', to: 'to the zoo', outdoor: true, spots: ['under a bench', 'near the monkeys', 'by the gate', 'next to the elephants'], fun: [['see the lions', 'saw the lions'], ['watch the monkeys', 'watched the monkeys'], ['feed the goats', 'fed the goats']], animals: ['monkey', 'elephant', 'lion', 'bird', 'goat'] },
  { name: 'meadow', at: 'in the meadow', to: 'to the meadow', outdoor: true, spots: ['in the tall grass', 'behind a big rock', 'among the flowers', 'under a small tree'], fun: [['pick flowers', 'picked flowers'], ['chase butterflies', 'chased butterflies'], ['make flower crowns', 'made flower crowns']], animals: ['butterfly', 'bee', 'bunny', 'bird', 'deer'] },
  { name: 'lake', at: 'at the lake', to: 'to the lake', outdoor: true, spots: ['near the dock', 'under a log', 'by the water', 'behind a tree'], fun: [['swim in the water', 'swam in the water'], ['skip stones', 'skipped stones'], ['look for fish', 'looked for fish']], animals: ['duck', 'fish', 'frog', 'bird'] },
  { name: 'kitchen', at: 'in the kitchen', to: 'to the kitchen', outdoor: false, spots: ['under the table', 'in a cupboard', 'next to the fridge', 'behind the bread box', 'in a basket'], fun: [['help make cookies', 'helped make cookies'], ['help wash the dishes', 'helped wash the dishes']], animals: ['cat', 'dog'] },
  { name: 'living room', at: 'in the living room', to: 'to the living room', outdoor: false, spots: ['under the couch', 'behind a pillow', 'under the rug', 'behind the big chair', 'in the toy box'], fun: [['build a fort', 'built a fort'], ['play games', 'played games']], animals: ['cat', 'dog'] },
  { name: 'school', at: 'at school', to: 'to school', outdoor: false, spots: ['under a desk', 'in the toy box', 'behind the bookshelf', 'by the door'], fun: [['paint pictures', 'painted pictures'], ['sing songs', 'sang songs'], ['read books', 'read books']], animals: ['fish', 'hamster'] },
  { name: 'library', at: 'at the library', to: 'to the library', outdoor: false, spots: ['behind a shelf', 'under a big chair', 'next to the picture books', 'by the window'], fun: [['read picture books', 'read picture books'], ['listen to stories', 'listened to stories']], animals: [] },
];

export const OUTDOOR = PLACES.filter((p) => p.outdoor);
export const INDOOR = PLACES.filter((p) => !p.outdoor);
export const place = (name: string): Place => {
  const p = PLACES.find((x) => x.name === name);
  if (!p) throw new Error(`no place ${name}`);
  return p;
};

export interface Food {
  name: string;
  count?: 'one' | 'many' | 'mass';
  /** How it tasted or looked: "sweet", "warm". */
  adjs: string[];
}

export const FOODS: Food[] = [
  { name: 'apple', adjs: ['red', 'juicy', 'sweet', 'crunchy'] },
  { name: 'banana', adjs: ['yellow', 'sweet', 'soft'] },
  { name: 'cookies', count: 'many', adjs: ['warm', 'sweet', 'yummy', 'round'] },
  { name: 'cake', adjs: ['big', 'sweet', 'chocolate', 'yummy'] },
  { name: 'bread', count: 'mass', adjs: ['warm', 'fresh', 'soft'] },
  { name: 'soup', count: 'mass', adjs: ['hot', 'warm', 'tasty'] },
  { name: 'pie', adjs: ['warm', 'sweet', 'apple', 'cherry'] },
  { name: 'sandwich', adjs: ['big', 'tasty', 'cheese'] },
  { name: 'carrots', count: 'many', adjs: ['orange', 'crunchy', 'fresh'] },
  { name: 'orange', adjs: ['juicy', 'sweet', 'big'] },
  { name: 'grapes', count: 'many', adjs: ['green', 'purple', 'sweet', 'juicy'] },
  { name: 'cheese', count: 'mass', adjs: ['yellow', 'soft'] },
  { name: 'muffins', count: 'many', adjs: ['warm', 'blueberry', 'soft'] },
  { name: 'pancakes', count: 'many', adjs: ['warm', 'fluffy', 'big'] },
  { name: 'berries', count: 'many', adjs: ['red', 'sweet', 'juicy', 'fresh'] },
  { name: 'strawberries', count: 'many', adjs: ['red', 'sweet', 'juicy'] },
  { name: 'ice cream', count: 'mass', adjs: ['cold', 'sweet', 'pink'] },
  { name: 'honey', count: 'mass', adjs: ['sweet', 'golden', 'sticky'] },
  { name: 'popcorn', count: 'mass', adjs: ['warm', 'salty', 'crunchy'] },
  { name: 'pear', adjs: ['green', 'juicy', 'sweet'] },
  { name: 'peach', adjs: ['soft', 'sweet', 'juicy'] },
  { name: 'plums', count: 'many', adjs: ['purple', 'sweet', 'juicy'] },
  { name: 'pizza', adjs: ['hot', 'big', 'cheesy'] },
  { name: 'candy', count: 'mass', adjs: ['sweet', 'colorful'] },
];

export const FRUIT_TREES: { tree: string; fruit: string; one: string }[] = [
  { tree: 'apple tree', fruit: 'apples', one: 'apple' },
  { tree: 'pear tree', fruit: 'pears', one: 'pear' },
  { tree: 'cherry tree', fruit: 'cherries', one: 'cherry' },
  { tree: 'orange tree', fruit: 'oranges', one: 'orange' },
  { tree: 'plum tree', fruit: 'plums', one: 'plum' },
  { tree: 'peach tree', fruit: 'peaches', one: 'peach' },
];

export const COLORS = ['red', 'blue', 'green', 'yellow', 'pink', 'purple', 'orange', 'white', 'brown'];

export const KID_ADJS = ['little', 'small', 'kind', 'happy', 'curious', 'brave', 'sweet', 'cheerful', 'shy', 'friendly', 'playful', 'clever', 'gentle', 'busy', 'lively', 'smart', 'funny', 'polite', 'quiet', 'silly'];

export const HOBBIES = [
  'sing songs', 'draw pictures of animals', 'dance to music', 'read books about dinosaurs', 'help in the garden',
  'build towers with blocks', 'splash in puddles', 'look at the stars at night', 'count the birds in the sky',
  'make things out of paper', 'collect pretty stones', 'climb trees', 'play pretend', 'tell funny jokes',
  'watch the clouds', 'pick flowers', 'feed the birds', 'hum little tunes', 'make mud pies', 'paint with bright colors',
  'play hide and seek', 'look for bugs under rocks', 'blow bubbles', 'listen to stories', 'ask lots of questions',
  'spin around and around', 'play with toy cars', 'bake with Grandma', 'ride on a swing', 'visit the library',
];

export const LOOKS = [
  'curly red hair', 'long brown hair', 'short black hair', 'yellow hair', 'messy brown hair', 'soft curly hair',
  'bright blue eyes', 'big brown eyes', 'lots of freckles', 'rosy cheeks', 'a big smile', 'a funny laugh',
];

export const HAPPY = ['happy', 'glad', 'proud', 'excited', 'thankful', 'joyful', 'pleased', 'cheerful', 'delighted'];
export const SAD = ['sad', 'upset', 'unhappy', 'worried', 'grumpy'];
export const SCARED = ['scared', 'afraid', 'nervous', 'frightened'];

export const SUNNY_DAYS = [
  'The sun was shining and the sky was blue.',
  'It was a warm and sunny day.',
  'The sky was bright and clear.',
  'The sun was warm and the birds were singing.',
  'It was a lovely spring morning.',
  'A soft wind was blowing and the sun was out.',
  'It was a bright summer day.',
];
