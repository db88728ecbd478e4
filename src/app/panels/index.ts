import type { ComponentType } from 'react';
import { PANELS, type PanelName } from '../state/schema.ts';
import { CompressPanel } from './CompressPanel.tsx';
import { NoisePanel } from './NoisePanel.tsx';
import { GeneratePanel } from './GeneratePanel.tsx';
import { TemperaturePanel } from './TemperaturePanel.tsx';
import { EvaluatePanel } from './EvaluatePanel.tsx';
import { RacePanel } from './RacePanel.tsx';
import { ModelsPanel } from './ModelsPanel.tsx';
import { BandwidthPanel } from './BandwidthPanel.tsx';
import { TrainPanel } from './TrainPanel.tsx';

const PANELS_BY_NAME: Record<PanelName, { title: string; component: ComponentType }> = {
  compress: { title: 'Compress', component: CompressPanel },
  noise: { title: 'Noise', component: NoisePanel },
  generate: { title: 'Generate', component: GeneratePanel },
  temperature: { title: 'Temperature', component: TemperaturePanel },
  evaluate: { title: 'Evaluate', component: EvaluatePanel },
  race: { title: 'Race', component: RacePanel },
  bandwidth: { title: 'Bandwidth', component: BandwidthPanel },
  train: { title: 'Train', component: TrainPanel },
  models: { title: 'Models', component: ModelsPanel },
};

/** Each panel's title, component and digit key: the keys follow the tab order (PANELS), 1…9. */
export const PANEL_INFO: Record<PanelName, { title: string; component: ComponentType; key: string }> = Object.fromEntries(
  PANELS.map((p, i) => [p, { ...PANELS_BY_NAME[p], key: i < 9 ? String(i + 1) : '' }]),
) as Record<PanelName, { title: string; component: ComponentType; key: string }>;
