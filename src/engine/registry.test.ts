import { describe, expect, it } from 'vitest';
import { REGISTRY, resetAllCaches } from './registry.ts';

describe('op registry', () => {
  it('has the core ops and every handler is a function', () => {
    for (const op of ['init', 'loadSet', 'memory', 'resetCaches', 'loseDevice']) expect(typeof REGISTRY[op as keyof typeof REGISTRY]).toBe('function');
    for (const h of Object.values(REGISTRY)) expect(typeof h).toBe('function');
  });
  it('resetAllCaches runs with nothing cached', () => {
    expect(() => resetAllCaches()).not.toThrow();
  });
});
