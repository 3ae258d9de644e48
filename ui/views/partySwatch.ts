import { html, type Html } from './html.ts';

// A party colour as a tiny SVG: the CSP forbids inline style attributes, and SVG fill is not one.
export function renderPartySwatch(color: string): Html {
  return html`<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><rect width="12" height="12" rx="2" fill="${color}"/></svg>`;
}
