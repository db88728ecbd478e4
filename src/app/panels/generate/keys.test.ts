import { describe, expect, it } from 'vitest';
import { genKeyAction } from './keys.ts';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, getAttribute: () => null, parentElement: null, ...extra }) as unknown as EventTarget;

describe('genKeyAction', () => {
  it('Space steps and Backspace goes back when the focus is on the page', () => {
    expect(genKeyAction({ key: ' ', target: el('BODY') })).toBe('step');
    expect(genKeyAction({ key: 'Backspace', target: el('DIV') })).toBe('back');
    expect(genKeyAction({ key: 'Backspace', target: el('DIV'), repeat: true })).toBe(null);
    expect(genKeyAction({ key: 'a', target: el('BODY') })).toBe(null);
  });
  it('never takes either key from a text box', () => {
    for (const t of [el('TEXTAREA'), el('INPUT', { type: 'text' }), el('INPUT', { type: 'number' }), el('DIV', { isContentEditable: true }), el('textarea')]) {
      expect(genKeyAction({ key: ' ', target: t })).toBe(null);
      expect(genKeyAction({ key: 'Backspace', target: t })).toBe(null);
    }
  });
  it('leaves Space to buttons, selects, checkboxes and sliders, but Backspace still goes back there', () => {
    for (const t of [el('BUTTON'), el('SELECT'), el('INPUT', { type: 'checkbox' }), el('INPUT', { type: 'range' }), el('SPAN', { parentElement: el('BUTTON') })]) {
      expect(genKeyAction({ key: ' ', target: t })).toBe(null);
      expect(genKeyAction({ key: 'Backspace', target: t })).toBe('back');
    }
    expect(genKeyAction({ key: ' ', target: el('DIV', { getAttribute: (n: string) => (n === 'role' ? 'slider' : null) }) })).toBe(null);
    expect(genKeyAction({ key: ' ', ctrlKey: true, target: el('BODY') })).toBe(null);
  });
});
