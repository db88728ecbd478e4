/**
 * Says that what is shown is a precomputed trace, not the live model (issue 8 item 4), and when the link asks
 * for other settings than the trace was computed with, that the trace shows the default example. Put it
 * directly above a trace's view; keep `data-testid`s off that view (they mark live results only).
 */
import { useApp } from '../state/store.ts';
import { listWords } from './trace-args.ts';
import './traces.css';

export interface TraceBannerProps {
  /** What the trace shows, e.g. "the default sentence, compressed". */
  what?: string;
  /** Settings (in words) in which the link differs from the trace's: the trace shows the default example. */
  differs?: readonly string[];
}

export function TraceBanner({ what, differs = [] }: TraceBannerProps) {
  const failed = useApp((s) => s.engine.state === 'error');
  return (
    <div className="trace-banner" role="note" data-trace="shown" aria-label="Precomputed trace">
      <p>
        <strong>Precomputed trace, not the live model.</strong> Showing {what ?? 'a precomputed example'}, computed ahead
        of time from the committed weights by <code>npm run traces</code>.{' '}
        {failed
          ? 'The live model could not start (see the message above); Retry there to compute live results.'
          : 'The live model is loading; this view switches to its results when it is ready.'}
      </p>
      {differs.length > 0 && (
        <p className="trace-differs" data-trace-differs={differs.join(',')}>
          Your link asks for a different {listWords(differs)}: the trace shows the default example. The live model will
          compute yours.
        </p>
      )}
    </div>
  );
}
