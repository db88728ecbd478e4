/** The language-model probe op: the numbers e2e/fixtures/lm-golden.json holds, computed by the live engine. */
import type { Handlers } from '../context.ts';
import type { ProbeOps } from './probe.types.ts';
import { probeLM } from '../../model/probe.ts';
import { CalmError } from '../../model/errors.ts';

export const handlers: Handlers<ProbeOps> = {
  async lmProbe({ set, promptIds, noiseSeed }, ctx) {
    const s = ctx.models.sets[set];
    if (!s) throw new CalmError('bad-input', `The ${set} models are not loaded yet.`, 'Load the set first (loadSet), then probe.');
    return probeLM({ calm: s.calm, baseline: s.baseline, ae: s.ae }, promptIds, ctx.models.tokenizer.eosId, noiseSeed);
  },
};
