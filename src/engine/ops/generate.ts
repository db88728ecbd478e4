/** Generate operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { GenerateOps } from './generate.types.ts';

export const handlers: Handlers<GenerateOps> = {} as Handlers<GenerateOps>;
