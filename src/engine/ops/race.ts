/** Race operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { RaceOps } from './race.types.ts';

export const handlers: Handlers<RaceOps> = {} as Handlers<RaceOps>;
