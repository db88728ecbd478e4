/**
 * The `?` overlay: every keyboard shortcut, global and per panel. A native modal <dialog> (focus moves
 * into it and returns on close; Esc closes it).
 */
import { useEffect, useRef } from 'react';
import { PANELS } from '../state/schema.ts';
import { PANEL_INFO } from '../panels/index.ts';
import { GLOBAL_SHORTCUTS, PANEL_SHORTCUTS, type Shortcut } from './keys.ts';

function Rows({ list }: { list: readonly Shortcut[] }) {
  return (
    <>
      {list.map((s) => (
        <tr key={s.keys.join(' ') + s.what}>
          <th scope="row">
            {s.keys.map((k, i) => (k === '…' ? <span key={i}> … </span> : <kbd key={i}>{k}</kbd>))}
          </th>
          <td>{s.what}</td>
        </tr>
      ))}
    </>
  );
}

export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="shortcuts"
      aria-labelledby="shortcuts-h"
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
    >
      <h2 id="shortcuts-h">Keyboard shortcuts</h2>
      <p className="shortcuts-note">Shortcuts do nothing while you type in a text box or a menu.</p>
      <table>
        <tbody>
          <Rows list={GLOBAL_SHORTCUTS} />
        </tbody>
        {PANELS.filter((p) => PANEL_SHORTCUTS[p]?.length).map((p) => (
          <tbody key={p}>
            <tr>
              <th colSpan={2} scope="colgroup" className="shortcuts-group">
                {PANEL_INFO[p].title} panel
              </th>
            </tr>
            <Rows list={PANEL_SHORTCUTS[p]!} />
          </tbody>
        ))}
      </table>
      <button type="button" autoFocus onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
