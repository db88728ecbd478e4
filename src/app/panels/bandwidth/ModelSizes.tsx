/** The K dial's models and their download sizes, from the manifest (shown before anything of them loads). */
import { memo } from 'react';
import type { BandwidthInfoResult } from '../../../engine/ops/bandwidth.types.ts';
import { fmtMB, sizeRows } from './bandwidth-data.ts';

function ModelSizesInner({ info }: { info: BandwidthInfoResult }) {
  return (
    <table className="bw-paper bw-sizes" data-testid="bw-sizes">
      <caption>The K dial&rsquo;s models (sizes from the manifest)</caption>
      <thead><tr><th scope="col">model</th><th scope="col">what</th><th scope="col">size</th><th scope="col">status</th></tr></thead>
      <tbody>
        {sizeRows(info).map((r) => (
          <tr key={r.model}>
            <td><code>{r.model}</code></td>
            <td>{r.what}</td>
            <td>{r.status === 'not in this checkout' ? '–' : fmtMB(r.bytes)}</td>
            <td>{r.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Memoised: a K change re-renders the panel, not this (its props do not depend on K). */
export const ModelSizes = memo(ModelSizesInner);
