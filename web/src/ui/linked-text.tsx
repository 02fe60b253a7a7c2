/**
 * Plain text with its http(s) addresses made clickable — as React elements, never as HTML.
 * Comments and case messages are typed by buyers and guests: whatever they contain
 * (`<script>`, `javascript:` links, markup) is shown as the characters they typed.
 */
import { Fragment } from 'react';
import { linkParts } from './link-parts.ts';

/** Renders text as typed; http(s) links open in a new tab and pass no referrer or ranking. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="nofollow ugc noopener noreferrer">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
