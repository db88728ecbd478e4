/**
 * "Copy link": copies the link of the current view (every setting that differs from the defaults or from
 * the active lesson, src/app/state/schema.ts). Uses the Clipboard API; where it is missing or refused
 * (an old browser, an http:// host, a denied permission) a read-only field shows the link, selected, to
 * copy by hand. A very long link (a long text, percent-encoded) gets a warning: some servers refuse it.
 */
import { useEffect, useRef, useState } from 'react';
import { currentLink } from './state/store.ts';

/** Node's default request-header limit is 16 KB and some hosts stop at 8 KB: warn above this. */
export const LONG_LINK_CHARS = 8000;

type CopyState = { kind: 'idle' } | { kind: 'copied'; link: string } | { kind: 'manual'; link: string };

function LongLinkWarning({ link }: { link: string }) {
  if (link.length <= LONG_LINK_CHARS) return null;
  return (
    <span className="copy-link-warning">
      {' '}This link is {link.length.toLocaleString('en')} characters long; some servers refuse links over{' '}
      {LONG_LINK_CHARS.toLocaleString('en')}. Shorten the text to share it safely.
    </span>
  );
}

export function CopyLink() {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state.kind === 'manual') field.current?.select();
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), state.link.length > LONG_LINK_CHARS ? 12000 : 4000);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    const link = currentLink();
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setState({ kind: 'copied', link });
    } catch {
      setState({ kind: 'manual', link });
    }
  };

  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="copy-link-status">
        {state.kind === 'copied' && (
          <>
            Link copied.
            <LongLinkWarning link={state.link} />
          </>
        )}
      </span>
      {state.kind === 'manual' && (
        <span className="copy-link-manual">
          <label>
            <span>Copy this link (Ctrl+C or ⌘C):</span>{' '}
            <input ref={field} type="text" readOnly value={state.link} onFocus={(e) => e.target.select()} />
          </label>
          <button type="button" onClick={() => setState({ kind: 'idle' })} aria-label="Close the link field">
            ×
          </button>
          <LongLinkWarning link={state.link} />
        </span>
      )}
    </div>
  );
}
