/** Temperature operations: engine handlers (tensors stay in here; results are plain data). */
import type { Handlers } from '../context.ts';
import type { TemperatureOps } from './temperature.types.ts';

export const handlers: Handlers<TemperatureOps> = {} as Handlers<TemperatureOps>;
