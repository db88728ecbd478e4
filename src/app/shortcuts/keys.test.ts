import { describe, expect, it } from 'vitest';
import { globalKeyAction, isTyping, PANEL_SHORTCUTS, GLOBAL_SHORTCUTS } from './keys.ts';
import { PANELS } from '../state/schema.ts';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, getAttribute: () => null, ...extra });
const press = (key: string, target: unknown = el('BODY'), mods: Record<string, boolean> = {}) =>
  globalKeyAction({ key, target: target as EventTarget, ...mods });

describe('global keyboard shortcuts', () => {
  it('digits switch panels in tab order; p toggles presenter mode; ? opens the overlay', () => {
    PANELS.forEach((p, i) => expect(press(String(i + 1))).toEqual({ kind: 'panel', panel: p }));
    expect(press(String(PANELS.length + 1))).toBeNull();
    expect(press('7')).toEqual({ kind: 'panel', panel: 'bandwidth' });
    expect(press('8')).toEqual({ kind: 'panel', panel: 'train' });
    expect(press('9')).toEqual({ kind: 'panel', panel: 'models' });
    expect(press('0')).toBeNull();
    expect(press('p')).toEqual({ kind: 'presenter' });
    expect(press('P')).toEqual({ kind: 'presenter' });
    expect(press('?')).toEqual({ kind: 'help' });
  });

  it('are ignored while typing in a text field, textarea, select or contenteditable', () => {
    for (const t of [el('INPUT', { type: 'text' }), el('INPUT', { type: 'number' }), el('INPUT', {}), el('TEXTAREA'), el('SELECT'), el('DIV', { isContentEditable: true })]) {
      expect(isTyping(t as unknown as EventTarget)).toBe(true);
      expect(press('1', t)).toBeNull();
      expect(press('p', t)).toBeNull();
      expect(press('?', t)).toBeNull();
    }
    // A slider, a checkbox or a button takes no typed text: shortcuts still work there.
    for (const t of [el('INPUT', { type: 'range' }), el('INPUT', { type: 'checkbox' }), el('BUTTON')]) {
      expect(press('2', t)).toEqual({ kind: 'panel', panel: PANELS[1] });
    }
  });

  it('leave browser chords alone and only close with Esc while the overlay is open', () => {
    expect(press('1', el('BODY'), { ctrlKey: true })).toBeNull();
    expect(press('p', el('BODY'), { metaKey: true })).toBeNull();
    expect(press('1', el('BODY'), { altKey: true })).toBeNull();
    expect(press('Escape')).toBeNull();
    expect(globalKeyAction({ key: 'Escape', target: null }, true)).toEqual({ kind: 'close' });
    expect(globalKeyAction({ key: '3', target: null }, true)).toBeNull();
    expect(globalKeyAction({ key: '?', target: null }, true)).toEqual({ kind: 'help' });
  });

  it('lists every global key and the Generate panel’s own keys', () => {
    const keys = GLOBAL_SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ['1', String(PANELS.length), 'p', '?', 'Esc']) expect(keys).toContain(k);
    expect(PANEL_SHORTCUTS.generate?.flatMap((s) => s.keys)).toEqual(['Space', 'Backspace']);
  });
});
