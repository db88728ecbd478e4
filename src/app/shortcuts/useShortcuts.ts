/**
 * Installs the global keyboard shortcuts (src/app/shortcuts/keys.ts) on the window and keeps the
 * overlay's open state. One instance, in App.tsx.
 */
import { useEffect, useState } from 'react';
import { useApp } from '../state/store.ts';
import { globalKeyAction } from './keys.ts';

export function useShortcuts(): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = globalKeyAction(e, helpOpen);
      if (!action) return;
      e.preventDefault();
      const { update, settings } = useApp.getState();
      if (action.kind === 'panel') update({ panel: action.panel });
      else if (action.kind === 'presenter') update({ presenter: !settings.presenter });
      else if (action.kind === 'help') setHelpOpen(!helpOpen);
      else setHelpOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [helpOpen]);
  return { helpOpen, setHelpOpen };
}
