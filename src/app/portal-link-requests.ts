/**
 * "Send me a link" (DESIGN §5, link requests): a buyer who lost their
 * invitation mail, or whose session ran out, types their e-mail on the room's
 * sign-in page and gets one mail with a link into each room that e-mail is
 * invited to. Each link works once, within an hour, and only while its invite
 * is live: it opens the room through the invite (redeemMagicLink), so the
 * seller revoking the invite ends it too. The answer is the same whether or
 * not the e-mail has a room, so the form tells nobody who is invited where.
 */
import { emailKey } from '../domain/email.ts';
import type { Locale } from '../domain/process.ts';
import { insertSignInLink } from '../store/portal.ts';
import { write, type AppContext } from './context.ts';
import type { Mailer } from './mail.ts';
import { AppError } from './errors.ts';
import { FailureLimiter } from './rate-limit.ts';
import { newSecret, sha256 } from './passwords.ts';
import { asActor, pack, rateLimited, type PortalLimits } from './portal.ts';
import { liveRooms, type LiveRoom } from './portal-rooms.ts';

export const SIGN_IN_LINK_MINUTES = 60;
/** Links in one mail at most: the newest invites' rooms. */
const MAX_ROOMS = 10;

const perAddress = (limits: PortalLimits) => (limits.linkRequestsPerAddress ??= new FailureLimiter(10, 15 * 60_000));
const perEmail = (limits: PortalLimits) => (limits.linkRequestsPerEmail ??= new FailureLimiter(3, 60 * 60_000));

/**
 * Takes a request for links: refused when mail is off or the address or the
 * e-mail asked too often (every request counts against both). The answer to
 * the buyer goes out now; `send` finds the rooms and mails the links after
 * it, so how long the answer takes says nothing about whether the e-mail has
 * a room. `send` resolves with what happened, for the log: the buyer is told
 * the same either way.
 */
export function takeLinkRequest(
  ctx: AppContext,
  limits: PortalLimits,
  input: { email: string },
  m: { address: string; locale: Locale | null; baseUrl: string },
): { email: string; send: () => Promise<{ rooms: number; mailError?: string }> } {
  const mailer = ctx.mailer;
  if (!mailer) throw new AppError('not_found', 'Links are not sent by e-mail here. Ask the seller for the link to your room.');
  const email = input.email.trim();
  const key = emailKey(email);
  const nowMs = ctx.now().getTime();
  rateLimited(perAddress(limits), m.address, nowMs, 'link requests from this address');
  rateLimited(perEmail(limits), key, nowMs, 'link requests for this e-mail');
  perAddress(limits).fail(m.address, nowMs);
  perEmail(limits).fail(key, nowMs);
  return { email, send: () => sendSignInLinks(ctx, mailer, email, m) };
}

/** Mails the e-mail's links, when it has rooms: one mail, a link into each. */
async function sendSignInLinks(ctx: AppContext, mailer: Mailer, email: string, m: { locale: Locale | null; baseUrl: string }): Promise<{ rooms: number; mailError?: string }> {
  const key = emailKey(email);
  const nowMs = ctx.now().getTime();
  const rooms = await liveRooms(ctx, key, MAX_ROOMS);
  if (rooms.length === 0) return { rooms: 0 };
  const expiresAt = new Date(nowMs + SIGN_IN_LINK_MINUTES * 60_000).toISOString();
  const links: { room: LiveRoom; url: string }[] = [];
  for (const room of rooms) {
    const secret = newSecret();
    const { invite, contact } = room;
    await write(ctx, asActor({ orgId: invite.org_id, contactId: contact.id, contactName: contact.name }), async (w) => {
      await insertSignInLink(w.tx, { org_id: invite.org_id, token_hash: sha256(secret), invite_id: invite.id, created_at: w.iso, expires_at: expiresAt });
      await w.audit('portal_sign_in_link.create', 'portal_invite', invite.id, null, { contactId: contact.id, name: contact.name, expiresAt });
    });
    links.push({ room, url: `${m.baseUrl.replace(/\/+$/, '')}/p/${pack(invite.org_id, secret)}` });
  }
  const locale: Locale = m.locale ?? (rooms[0]?.org?.locale === 'en' ? 'en' : 'sv');
  try {
    // To the address as the seller recorded it: it is the same mailbox, whatever case the buyer typed.
    await mailer.send(linksMail(rooms[0]?.contact.email ?? email, locale, links));
    return { rooms: links.length };
  } catch (err) {
    return { rooms: links.length, mailError: err instanceof Error ? err.message : String(err) };
  }
}

/** One mail with every room's link, in the buyer's language. */
function linksMail(to: string, locale: Locale, links: { room: LiveRoom; url: string }[]) {
  const name = links[0]?.room.contact.name ?? '';
  const en = locale === 'en';
  const lines = links.flatMap(({ room, url }) => [`${en ? `“${room.journey.title}”` : `”${room.journey.title}”`}${room.org ? `${en ? ' with' : ' hos'} ${room.org.name}` : ''}:`, url, '']);
  if (en) {
    return {
      to,
      subject: links.length === 1 ? 'Your link to the buyer’s room' : 'Your links to the buyer’s rooms',
      text: [
        `Hello ${name},`,
        '',
        links.length === 1 ? 'You asked for a new link to the buyer’s room. Here it is:' : 'You asked for new links to the buyer’s rooms. Here they are:',
        '',
        ...lines,
        `Each link works once, within ${SIGN_IN_LINK_MINUTES} minutes. If you did not ask for this, you can ignore this mail: nobody gets in without it.`,
      ].join('\n'),
    };
  }
  return {
    to,
    subject: links.length === 1 ? 'Din länk till köparens rum' : 'Dina länkar till köparens rum',
    text: [
      `Hej ${name},`,
      '',
      links.length === 1 ? 'Du bad om en ny länk till köparens rum. Här är den:' : 'Du bad om nya länkar till köparens rum. Här är de:',
      '',
      ...lines,
      `Varje länk fungerar en gång, inom ${SIGN_IN_LINK_MINUTES} minuter. Bad du inte om den kan du bortse från det här mejlet: ingen kommer in utan länken.`,
    ].join('\n'),
  };
}
