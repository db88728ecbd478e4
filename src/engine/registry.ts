/** Every engine operation by name: the worker dispatches through this table. */
import type { OpHandler } from './context.ts';
import type { OpName } from './protocol.ts';
import { handlers as core } from './ops/core.ts';
import { handlers as compress } from './ops/compress.ts';
import { handlers as generate } from './ops/generate.ts';
import { handlers as temperature } from './ops/temperature.ts';
import { handlers as evaluate } from './ops/evaluate.ts';
import { handlers as race } from './ops/race.ts';

export const REGISTRY: Record<OpName, OpHandler<unknown, unknown>> = {
  ...core,
  ...compress,
  ...generate,
  ...temperature,
  ...evaluate,
  ...race,
} as unknown as Record<OpName, OpHandler<unknown, unknown>>;
