import { describe, expect, it } from 'vitest';
import { linkParts } from '../../web/src/ui/link-parts.ts';

describe('linked text', () => {
  it('finds http and https addresses in text', () => {
    expect(linkParts('See https://example.com/a?b=1 now')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' now' },
    ]);
    expect(linkParts('http://example.se')).toEqual([{ kind: 'link', text: 'http://example.se', href: 'http://example.se/' }]);
  });

  it('keeps markup and script as the characters typed', () => {
    expect(linkParts('<script>alert(1)</script> <b>bold</b>')).toEqual([{ kind: 'text', text: '<script>alert(1)</script> <b>bold</b>' }]);
  });

  it('never links other schemes', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com', 'mailto:a@b.se', 'www.example.com']) {
      expect(linkParts(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('leaves sentence punctuation and an enclosing parenthesis outside the link', () => {
    expect(linkParts('Read https://example.com/x. Then (https://example.com/y), done')).toEqual([
      { kind: 'text', text: 'Read ' },
      { kind: 'link', text: 'https://example.com/x', href: 'https://example.com/x' },
      { kind: 'text', text: '. Then (' },
      { kind: 'link', text: 'https://example.com/y', href: 'https://example.com/y' },
      { kind: 'text', text: '), done' },
    ]);
    expect(linkParts('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
  });

  it('does not let a quote or angle bracket end up inside an address', () => {
    expect(linkParts('https://example.com/"onmouseover="x <https://example.com/a>')).toEqual([
      { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' },
      { kind: 'text', text: '"onmouseover="x <' },
      { kind: 'link', text: 'https://example.com/a', href: 'https://example.com/a' },
      { kind: 'text', text: '>' },
    ]);
  });

  it('keeps the text whole when there is no address', () => {
    expect(linkParts('line one\nline two')).toEqual([{ kind: 'text', text: 'line one\nline two' }]);
    expect(linkParts('')).toEqual([]);
  });
});
