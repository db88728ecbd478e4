/** Compress operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { CompressOps } from './compress.types.ts';

export const handlers: Handlers<CompressOps> = {} as Handlers<CompressOps>;
