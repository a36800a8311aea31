import { describe, expect, it } from '@jest/globals';
import { renderToStaticMarkup } from 'react-dom/server';
import { Snippet } from './Snippet.js';

describe('Snippet', () => {
  it('marks only what the search marked', () => {
    expect(
      renderToStaticMarkup(<Snippet text="byte till digitala <mark>trygghetslarm</mark> i <mark>hemtjänsten</mark>" />),
    ).toBe('byte till digitala <mark>trygghetslarm</mark> i <mark>hemtjänsten</mark>');
  });

  it('shows any other markup in an article as text, never as HTML', () => {
    const html = renderToStaticMarkup(
      <Snippet text={'<img src=x onerror="alert(1)"> och <mark>larm</mark> <script>alert(2)</script>'} />,
    );
    expect(html).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; och <mark>larm</mark> &lt;script&gt;alert(2)&lt;/script&gt;',
    );
  });

  it('survives an unclosed mark', () => {
    expect(renderToStaticMarkup(<Snippet text="a <mark>b" />)).toBe('a <mark>b</mark>');
  });
});
