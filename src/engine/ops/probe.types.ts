/** Golden-fixture probe of the language models (browser vs Node cross-check; used by e2e tests). */
import type { LMProbe } from '../../model/probe.ts';
import type { ModelSetName } from '../protocol.ts';

export interface ProbeOps {
  lmProbe: { args: { set: ModelSetName; promptIds: number[]; noiseSeed: number }; result: LMProbe };
}
