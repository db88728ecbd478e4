import type { ComponentType } from 'react';
import type { PanelName } from '../state/schema.ts';
import { CompressPanel } from './CompressPanel.tsx';
import { NoisePanel } from './NoisePanel.tsx';
import { GeneratePanel } from './GeneratePanel.tsx';
import { TemperaturePanel } from './TemperaturePanel.tsx';
import { EvaluatePanel } from './EvaluatePanel.tsx';
import { RacePanel } from './RacePanel.tsx';

export const PANEL_INFO: Record<PanelName, { title: string; component: ComponentType; key: string }> = {
  compress: { title: 'Compress', component: CompressPanel, key: '1' },
  noise: { title: 'Noise', component: NoisePanel, key: '2' },
  generate: { title: 'Generate', component: GeneratePanel, key: '3' },
  temperature: { title: 'Temperature', component: TemperaturePanel, key: '4' },
  evaluate: { title: 'Evaluate', component: EvaluatePanel, key: '5' },
  race: { title: 'Race', component: RacePanel, key: '6' },
};
