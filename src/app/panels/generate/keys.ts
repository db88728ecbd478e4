/**
 * Keyboard shortcuts of the Generate panel: Space steps, Backspace goes back, but never when the focused
 * element uses the key itself: Space belongs to text boxes and to every control it activates (buttons,
 * selects, checkboxes, links); Backspace belongs to text boxes only. Pure.
 */

export type GenKeyAction = 'step' | 'back' | null;

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  target: EventTarget | null;
}

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?: (n: string) => string | null;
  parentElement?: unknown;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', '']);
const ACTIVATED_BY_SPACE = new Set(['BUTTON', 'SELECT', 'A', 'SUMMARY', 'OPTION', 'INPUT']);
const SPACE_ROLES = ['button', 'tab', 'checkbox', 'radio', 'switch', 'menuitem', 'option', 'combobox', 'link', 'slider', 'spinbutton', 'textbox'];

function ancestors(target: EventTarget | null): ElementLike[] {
  const out: ElementLike[] = [];
  let el = target as ElementLike | null;
  for (let depth = 0; el && depth < 8; depth++) {
    out.push(el);
    el = (el.parentElement ?? null) as ElementLike | null;
  }
  return out;
}

/** A text box: Space and Backspace edit it. */
export function isTextEntry(el: ElementLike): boolean {
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'INPUT') return TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  return el.getAttribute?.('role') === 'textbox';
}

/** A control that Space activates or edits. */
export function usesSpace(el: ElementLike): boolean {
  if (isTextEntry(el)) return true;
  if (ACTIVATED_BY_SPACE.has((el.tagName ?? '').toUpperCase())) return true;
  const role = el.getAttribute?.('role');
  return !!role && SPACE_ROLES.includes(role);
}

export function genKeyAction(e: KeyLike): GenKeyAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const chain = ancestors(e.target);
  if (e.key === ' ' || e.key === 'Spacebar') return chain.some(usesSpace) ? null : 'step';
  if (e.key === 'Backspace' && !e.repeat) return chain.some(isTextEntry) ? null : 'back';
  return null;
}
