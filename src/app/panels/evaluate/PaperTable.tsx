/** The CALM paper's BrierLM table (CALM.md §4): their numbers at their scale, not computed here. */
import { fmtCount } from './format.ts';

const PAPER: { model: string; params: number; brierLM: number }[] = [
  { model: 'Transformer-S', params: 281e6, brierLM: 6.05 },
  { model: 'Transformer-M', params: 465e6, brierLM: 7.07 },
  { model: 'Transformer-L', params: 849e6, brierLM: 8.98 },
  { model: 'CALM-M (K = 4)', params: 371e6, brierLM: 5.72 },
  { model: 'CALM-L (K = 4)', params: 735e6, brierLM: 6.58 },
  { model: 'CALM-XL (K = 4)', params: 1.82e9, brierLM: 8.53 },
];

export function PaperTable() {
  return (
    <table className="ev-table ev-paper">
      <caption>
        The paper's numbers at their scale (arXiv 2510.27688), not computed here: models of 281M–1.82B parameters
        trained on about 100 billion tokens of general text. Not comparable with our tiny models' numbers: different
        data and scale (simple stories are far easier to predict than general text, so ours can even read higher).
      </caption>
      <thead>
        <tr>
          <th scope="col">Paper model</th>
          <th scope="col">Parameters</th>
          <th scope="col">BrierLM</th>
        </tr>
      </thead>
      <tbody>
        {PAPER.map((p) => (
          <tr key={p.model}>
            <th scope="row">{p.model}</th>
            <td>{fmtCount(p.params)}</td>
            <td>{p.brierLM.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
