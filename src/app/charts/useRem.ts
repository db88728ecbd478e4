/**
 * The root font size in CSS pixels, kept current (presenter mode and the screen-size steps change it). Charts
 * size their axis bands from it, so that tick labels and axis titles never collide when the type grows.
 */
import { useEffect, useState } from 'react';

function rootRem(): number {
  if (typeof document === 'undefined') return 16;
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

export function useRem(): number {
  const [rem, setRem] = useState(rootRem);
  useEffect(() => {
    const update = () => setRem(rootRem());
    window.addEventListener('resize', update);
    const obs = new MutationObserver(update);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter', 'style', 'class'] });
    update();
    return () => {
      window.removeEventListener('resize', update);
      obs.disconnect();
    };
  }, []);
  return rem;
}
