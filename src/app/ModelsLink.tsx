/** Under every panel but Models: one line that says what the models are and links to the Models page. */
import { useApp } from './state/store.ts';

export function ModelsLink() {
  const panel = useApp((s) => s.settings.panel);
  const update = useApp((s) => s.update);
  if (panel === 'models') return null;
  return (
    <p className="models-link" data-region="caption">
      These panels run small models trained by this repository on two CPU cores, about a hundred times smaller than the
      paper's.{' '}
      <a href="?panel=models" onClick={(e) => {
        e.preventDefault();
        update({ panel: 'models' });
        window.scrollTo({ top: 0 });
      }}>
        What each model is, how it was trained and how well it does: the Models page
      </a>
      .
    </p>
  );
}
