import { describe, expect, it } from 'vitest';
import { initialsOf, renderAvatarSvg } from './avatar.ts';

describe('renderAvatarSvg', () => {
  it('is the same SVG for the same seed', () => {
    expect(renderAvatarSvg('abc', 'JS', '#1f77b4')).toBe(renderAvatarSvg('abc', 'JS', '#1f77b4'));
    expect(renderAvatarSvg('abc', 'JS', '#1f77b4')).not.toBe(renderAvatarSvg('abd', 'JS', '#1f77b4'));
  });

  it('escapes hostile initials so they cannot break out of the SVG', () => {
    const svg = renderAvatarSvg('x', '<s', '#000000');
    expect(svg).toContain('&lt;s');
    expect(svg).not.toContain('<s<');
    expect(renderAvatarSvg('x', '"&', '#000000')).toContain('&quot;&amp;');
  });

  it('replaces a colour that is not #rrggbb instead of putting it in an attribute', () => {
    const svg = renderAvatarSvg('x', 'AB', '" onload="alert(1)');
    expect(svg).not.toContain('onload');
    expect(svg.startsWith('<svg')).toBe(true);
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initialsOf('Mary Ann Smith')).toBe('MS');
    expect(initialsOf('  cher ')).toBe('C');
    expect(initialsOf('🗳️ Vote')).toBe('🗳V');
  });
});
