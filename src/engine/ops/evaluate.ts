/** Evaluate operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { EvaluateOps } from './evaluate.types.ts';

export const handlers: Handlers<EvaluateOps> = {} as Handlers<EvaluateOps>;
