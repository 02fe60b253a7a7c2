/**
 * The buyer's room: its own page (portal.html), its own small bundle. It
 * shares nothing with the seller app but React.
 *
 * - /p/<token>: a magic link. The token leaves the address bar at once
 *   (history.replaceState to /p/), is posted to POST /api/portal/v1/sessions,
 *   and the room opens; a refused link gets a page saying why.
 * - /p/: the room when the portal cookie is live; else a page saying how to get in.
 * - /p/g/<token>: a guest's page: the journey's published thread and a comment form.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Entry } from './entry.tsx';
import { GuestPage } from './guest.tsx';
import { LangProvider } from './lang.tsx';
import './portal.css';

const path = location.pathname;
const guest = /^\/p\/g\/([^/]+)\/?$/.exec(path);
const link = guest ? null : /^\/p\/([^/]+)\/?$/.exec(path);
const token = link?.[1] ? decodeURIComponent(link[1]) : null;
const signin = new URLSearchParams(location.search).get('signin');
// The link's secret is not kept in the address bar, the history, or a bookmark.
if (token) history.replaceState(null, '', '/p/');

createRoot(document.getElementById('room')!).render(
  <StrictMode>
    <LangProvider>{guest?.[1] ? <GuestPage token={decodeURIComponent(guest[1])} /> : <Entry token={token} signin={signin} />}</LangProvider>
  </StrictMode>,
);
