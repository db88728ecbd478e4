/**
 * Says that what is shown is a precomputed trace, not the live model (issue 8 item 4). Put it directly above
 * a trace's view; keep `data-testid`s off that view (they mark live results only).
 */
import './traces.css';

export function TraceBanner({ what }: { what?: string }) {
  return (
    <p className="trace-banner" role="note" data-trace="shown">
      <strong>Precomputed trace.</strong> Showing {what ?? 'a precomputed trace'} from the committed weights — the live model is
      loading; this view switches to it when it is ready.
    </p>
  );
}
