import { hash32 } from '../shared/election/ids.ts';

// Offline photos: a small deterministic SVG avatar per person, so the page never needs the network.

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Escapes text for use inside SVG/XML element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The initials of a name: first letters of its first and last words, upper-cased (at most 2). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = [words[0], words.length > 1 ? words[words.length - 1] : undefined]
    .map((w) => (w ? Array.from(w)[0] ?? '' : ''));
  return letters.join('').toUpperCase();
}

/**
 * A 96x96 SVG avatar: a background in `color` (any string that is not a #rrggbb colour is replaced
 * by one derived from the seed), a ring in a hue derived from `seedString` and the escaped initials.
 */
export function renderAvatarSvg(seedString: string, initials: string, color: string): string {
  const h = hash32('avatar', seedString);
  const background = HEX_COLOR.test(color) ? color : `hsl(${h % 360} 55% 45%)`;
  const hue = (h >>> 9) % 360;
  const text = escapeXml(Array.from(initials).slice(0, 3).join(''));
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img">' +
    `<rect width="96" height="96" rx="12" fill="${escapeXml(background)}"/>` +
    // A ring in a hue of the person's own, centred: two candidates of one party's colour differ
    // (an off-centre translucent disc here read as a stain over the first initial).
    `<circle cx="48" cy="48" r="41" fill="none" stroke="hsl(${hue} 70% 85%)" stroke-opacity="0.6" stroke-width="4"/>` +
    `<text x="48" y="60" text-anchor="middle" font-family="sans-serif" font-size="36" fill="#ffffff">${text}</text>` +
    '</svg>'
  );
}
