import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { disposeModels } from './models.ts';
import { warmUpTasks } from './warmup.ts';

describe('warm-up', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });
  it('runs every loaded model once and frees every tensor it made', async () => {
    const models = await loadNodeModels(['stories']);
    try {
      const tasks = warmUpTasks(models, [models.sets.stories!]);
      expect(tasks.map((t) => t.name)).toEqual(['ae-robust', 'ae-plain', 'stories-calm', 'stories-baseline']);
      const before = tf.memory().numTensors;
      for (const t of tasks) await t.run();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      disposeModels(models);
    }
  });
});
