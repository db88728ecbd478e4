/**
 * The app's keyboard shortcuts, as data (for the `?` overlay) and as a pure key → action mapping.
 *
 * Global keys (handled in src/app/shortcuts/useShortcuts.ts): 1–9 switch panels in tab order, `p` toggles presenter
 * mode, `?` opens the overlay listing every shortcut, Esc closes it. They are ignored while the user types
 * (a text field, a textarea, a select, contenteditable) and when Ctrl, Alt or Meta is held (browser keys).
 *
 * Panel keys are owned by their panel (e.g. Space / Backspace in Generate, src/app/panels/generate/keys.ts);
 * they are only *listed* here. A panel that adds keys adds a line to PANEL_SHORTCUTS.
 */
import { PANELS, type PanelName } from '../state/schema.ts';

export interface Shortcut {
  /** Keys as shown to the user, e.g. ['1', '…', '6'] or ['Space']. */
  keys: string[];
  what: string;
}

export const GLOBAL_SHORTCUTS: readonly Shortcut[] = [
  { keys: ['1', '…', String(Math.min(9, PANELS.length))], what: `Switch panel, in tab order (${PANELS.map((p) => p[0].toUpperCase() + p.slice(1)).join(', ')})` },
  { keys: ['←', '→'], what: 'On the panel tabs: previous / next panel (Home, End: first / last)' },
  { keys: ['p'], what: 'Presenter mode on / off (large type, thick lines, high contrast)' },
  { keys: ['?'], what: 'Show or hide this list of shortcuts' },
  { keys: ['Esc'], what: 'Close this list' },
];

/** Keys a panel handles itself while it is open. */
export const PANEL_SHORTCUTS: Partial<Record<PanelName, readonly Shortcut[]>> = {
  generate: [
    { keys: ['Space'], what: 'Step: add one vector (K tokens)' },
    { keys: ['Backspace'], what: 'Back: remove the last vector' },
  ],
};

export type GlobalAction =
  | { kind: 'panel'; panel: PanelName }
  | { kind: 'presenter' }
  | { kind: 'help' }
  | { kind: 'close' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: EventTarget | null;
}

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
}

/** Inputs that take no typed text: a shortcut pressed while one has focus still works. */
const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/** True when keys pressed now type into (or pick from) a form control. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el !== 'object') return false;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  const role = el.getAttribute?.('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox';
}

/** The global action for a key press, or null (not ours, typing, or a browser chord). */
export function globalKeyAction(e: KeyLike, overlayOpen = false): GlobalAction | null {
  if (e.key === 'Escape') return overlayOpen ? { kind: 'close' } : null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return null;
  if (e.key === '?') return { kind: 'help' };
  if (overlayOpen) return null;
  if (e.key === 'p' || e.key === 'P') return { kind: 'presenter' };
  const n = Number(e.key);
  if (/^[1-9]$/.test(e.key) && n <= PANELS.length) return { kind: 'panel', panel: PANELS[n - 1] };
  return null;
}
