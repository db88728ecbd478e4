/** Core operations: start-up, model sets, memory, caches (tensors stay in the engine; results are plain data). */
import type { Handlers } from '../context.ts';
import { headCheck } from '../head-check.ts';
import { kernelCheck } from '../kernel-check.ts';
import { memoryNow, runtime } from '../runtime.ts';
import type { CoreOps } from './core.types.ts';

export const handlers: Handlers<CoreOps> = {
  init: (args, ctx) => runtime.init(args, ctx),
  async loadSet({ set }, ctx) {
    const { weightBytes } = await runtime.ensureSet(set, ctx);
    return { set, weightBytes };
  },
  memory: async () => memoryNow(),
  resetCaches: async () => runtime.resetCaches(),
  loseDevice: async () => runtime.loseDevice(),
  kernelCheck: (args, ctx) => kernelCheck(args, () => ctx.yield()),
  async headCheck(args, ctx) {
    const { set } = await runtime.ensureSet(args.set ?? 'stories', ctx);
    return headCheck(set, ctx.models.tokenizer.eosId, args, () => ctx.yield());
  },
};
