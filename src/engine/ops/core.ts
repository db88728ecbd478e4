/** Core operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { CoreOps } from './core.types.ts';

export const handlers: Handlers<CoreOps> = {} as Handlers<CoreOps>;
