/**
 * Error messages in the caller's language. The code writes its messages in
 * English, once, where the rule lives; this file says them in Swedish. A test
 * (test/http/messages.test.ts) finds every message in the source and checks it
 * has a Swedish form here, so a new rule cannot ship in English alone.
 *
 * The language comes from Accept-Language only (the web app always sends it);
 * without it the API answers in English, as scripts expect.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../domain/process.ts';

/** The language the request asks for, best first, if it names sv or en. */
export function acceptedLocale(req: FastifyRequest): Locale | null {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return null;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find((v) => v !== undefined);
      return { lang: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) };
    })
    .filter((t) => t.lang === 'sv' || t.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (tags[0]?.lang as Locale | undefined) ?? null;
}

type Rule = [RegExp, string | ((...parts: string[]) => string)];

const ENTITY_SV: Record<string, string> = { accounts: 'konton', contacts: 'kontakter', orders: 'ordrar', interactions: 'kontakttillfällen' };
const entitySv = (e: string) => ENTITY_SV[e] ?? e;
const CONCERN_STATUS_SV: Record<string, string> = { open: 'öppen', answered: 'besvarad', accepted: 'godtagen', withdrawn: 'återkallad' };
const CASE_STATUS_SV: Record<string, string> = { open: 'öppet', proposed: 'i väntan på svar på ett förslag', resolved: 'löst', closed: 'stängt' };

/** English message → Swedish; `$1`… are the parts the pattern captures. Whole messages only. */
const SV: Rule[] = [
  // src/app/portal.ts: the invitation's mail
  [
    /^The invitation was made, but the mail to (.+) could not be sent \((.*)\)\. Pass the link on yourself, or revoke this invite and try again later\.$/s,
    'Inbjudan är gjord, men mejlet till $1 kunde inte skickas ($2). Skicka länken vidare själv, eller återkalla inbjudan och försök igen senare.',
  ],
  // src/http/schemas.ts and route.ts
  [/^must be at most (\d+) characters$/, 'får vara högst $1 tecken'],
  [/^must be at least (\d+) characters$/, 'måste vara minst $1 tecken'],
  [/^must not be empty$/, 'får inte vara tom'],
  [/^must be an ISO 4217 code such as SEK$/, 'ska vara en valutakod som SEK (ISO 4217)'],
  [/^must be an e-mail address$/, 'ska vara en e-postadress'],
  [/^must be a web address$/, 'ska vara en webbadress'],
  [/^must be a date as YYYY-MM-DD$/, 'ska vara ett datum som ÅÅÅÅ-MM-DD'],
  [/^must be a date and time as ISO 8601, e\.g\. (.+)$/, 'ska vara datum och tid enligt ISO 8601, t.ex. $1'],
  [/^must be between the years (\d+) and (\d+)$/, 'ska ligga mellan åren $1 och $2'],
  [/^must be whole minor units \(öre\)$/, 'ska vara hela ören'],
  [/^must be lower-case letters, digits and _ , starting with a letter$/, 'får bara ha små bokstäver a–z, siffror och _, och börja med en bokstav'],
  [/^must be a JSON object$/, 'ska vara ett JSON-objekt'],
  [/^must be more than 0$/, 'måste vara större än 0'],
  // src/http/routes/loyalty.ts and app/loyalty.ts
  [/^must be a whole score$/, 'ska vara en hel poäng'],
  [/^must be a score from 1 to 5$/, 'ska vara en poäng från 1 till 5'],
  [/^must be a whole number of days$/, 'ska vara ett helt antal dagar'],
  [/^must be 0 days or more$/, 'ska vara 0 dagar eller fler'],
  [/^must be at most (\d+) days$/, 'får vara högst $1 dagar'],
  [/^must be a whole number of months$/, 'ska vara ett helt antal månader'],
  [/^must be at least 1 month$/, 'ska vara minst 1 månad'],
  [/^must be at most (\d+) months$/, 'får vara högst $1 månader'],
  [/^must not be before from$/, 'får inte vara före from'],
  // src/http/routes/pricing.ts and app/pricing.ts
  [/^"(.*)" is not a date and time: write 2026-12-31T22:00 \(local\) or 2026-12-31T21:00:00Z\.$/, '"$1" är inte ett datum med tid: skriv 2026-12-31T22:00 (lokal tid) eller 2026-12-31T21:00:00Z.'],
  [/^must be after from$/, 'måste vara efter from'],
  [/^Every product of one quote must be in one currency; this one is in (\w+), the first in (\w+)\.$/, 'Alla produkter i en offert måste ha samma valuta; den här är i $1, den första i $2.'],
  [/^must be at least 1 \(1× the reference price\)$/, 'måste vara minst 1 (1 × referenspriset)'],
  [/^must be at most (\d+)$/, 'får vara högst $1'],
  [/^must have at most four decimals$/, 'får ha högst fyra decimaler'],
  [/^must be more than 0 %$/, 'måste vara mer än 0 %'],
  [/^must be at most 100 %$/, 'får vara högst 100 %'],
  [/^must have at most two decimals$/, 'får ha högst två decimaler'],
  [/^must be a time as HH:MM$/, 'ska vara en tid som TT:MM'],
  [/^must be a date and time: 2026-12-31T22:00 \(local\) or 2026-12-31T21:00:00Z$/, 'ska vara datum och tid: 2026-12-31T22:00 (lokal tid) eller 2026-12-31T21:00:00Z'],
  [/^must be 1 \(Monday\) to 7 \(Sunday\)$/, 'ska vara 1 (måndag) till 7 (söndag)'],
  [/^must name at least one tier$/, 'måste ange minst en nivå'],
  [/^must be at least 1$/, 'måste vara minst 1'],
  [/^must be a whole quantity$/, 'ska vara ett helt antal'],
  [/^must have at least one line$/, 'måste ha minst en rad'],
  [/^Only an admin may change the pricing policy\.$/, 'Bara en administratör får ändra prispolicyn.'],
  // src/app/quotes.ts
  [/^This price is ([\d.]+) times what you usually pay: type ([\d.]+) to accept it\.$/, (_m: string, a: string, b: string) => `Det här priset är ${a.replace('.', ',')} gånger vad du brukar betala: skriv ${b.replace('.', ',')} för att godkänna det.`],
  [/^must be in the future$/, 'måste ligga i framtiden'],
  [/^Only a draft can be changed; this quote is (\w+)\. Make a new version instead\.$/, 'Bara ett utkast kan ändras; den här offerten är $1. Gör en ny version i stället.'],
  [/^This quote was already (\w+); only a draft can be sent\.$/, 'Offerten är redan $1; bara ett utkast kan skickas.'],
  [/^This quote was valid until ([\d-]+); ask for a new one\.$/, 'Offerten gällde till $1; be om en ny.'],
  [/^This quote is (\w+); only a sent quote can be accepted or declined\.$/, 'Offerten är $1; bara en skickad offert kan godkännas eller avböjas.'],
  // src/app/portal.ts and src/http/routes/portal.ts
  [/^No contact of the journey's account has that id\.$/, 'Ingen kontakt på affärens konto har det id:t.'],
  [/^No portal invite with that id in your organisation\.$/, 'Det finns ingen portalinbjudan med det id:t i er organisation.'],
  [/^This link is not valid: it may be mistyped or cut short\. Ask the seller for a new one\.$/, 'Länken är inte giltig: den kan vara felskriven eller avklippt. Be säljaren om en ny.'],
  [/^This link was withdrawn by the seller on ([\d-]+)\. Ask them for a new one if you still need to get in\.$/, 'Säljaren drog tillbaka länken $1. Be om en ny om du fortfarande behöver komma in.'],
  [/^This link expired on ([\d-]+)\. Ask the seller for a new one\.$/, 'Länken gick ut $1. Be säljaren om en ny.'],
  [/^Open the link in your invitation to enter the room\.$/, 'Öppna länken i din inbjudan för att komma in i rummet.'],
  // src/http/routes/portal-oidc.ts
  [/^Signing in with a company account is not set up here\. Open the link in your invitation instead\.$/, 'Inloggning med företagskonto är inte inställd här. Öppna länken i din inbjudan i stället.'],
  [/^No quote with that id in this room\.$/, 'Det finns ingen offert med det id:t i det här rummet.'],
  [/^No room of yours with that id\.$/, 'Du har inget rum med det id:t.'],
  [/^This quote was answered a moment ago by someone else; read it again\.$/, 'Någon annan svarade på offerten alldeles nyss; läs den igen.'],
  [/^This quote was sent a moment ago by someone else; read it again\.$/, 'Någon annan skickade offerten alldeles nyss; läs den igen.'],
  [/^This calendar feed has stopped: the invitation to the room was withdrawn or has expired\.$/, 'Kalenderflödet har upphört: inbjudan till rummet har dragits tillbaka eller gått ut.'],
  // src/app/portal-room.ts: the room's shared work
  [/^This room is no longer there\.$/, 'Det här rummet finns inte längre.'],
  [
    /^The journey was (\w+) on ([\d-]+); the room can be read but no longer changed\.$/,
    (_m, status, day) => `Affären ${status === 'won' ? 'vanns' : status === 'lost' ? 'förlorades' : `blev ${status}`} ${day}; rummet kan läsas men inte längre ändras.`,
  ],
  [/^Assign the step to someone in the room: a member of the buying group or the journey's seller\.$/, 'Ge steget till någon i rummet: en i köpgruppen eller affärens säljare.'],
  [/^No plan step with that id in this room\.$/, 'Det finns inget steg i planen med det id:t i det här rummet.'],
  [/^You are no longer in this journey's buying group; ask the seller\.$/, 'Du är inte längre med i affärens köpgrupp; fråga säljaren.'],
  [/^Say what is still missing: a reason is needed for not yet\.$/, 'Berätta vad som fattas: ”inte än” behöver ett skäl.'],
  [/^No criterion of yours with that id in this room\.$/, 'Du har inget kriterium med det id:t i det här rummet.'],
  [/^No concern of yours with that id in this room\.$/, 'Du har ingen invändning med det id:t i det här rummet.'],
  [/^This concern is (\w+); only an answered concern can be accepted\.$/, (_m, status) => `Invändningen är ${CONCERN_STATUS_SV[status!] ?? status}; bara en besvarad invändning kan godtas.`],
  [/^"(.*)" is not a criterion of the journey's current stage\.$/s, '"$1" är inget kriterium i affärens nuvarande steg.'],
  [/^"(.*)" follows from what happens in the journey \((.*)\); it cannot be confirmed by hand\.$/s, '"$1" följer av vad som händer i affären ($2); det kan inte bekräftas för hand.'],
  [/^"(.*)" is already met\.$/s, '"$1" är redan uppfyllt.'],
  [/^No calendar feed at this address: it may have been replaced by a newer one\. Make a new one in the room\.$/, 'Det finns inget kalenderflöde på den här adressen: det kan ha ersatts av ett nyare. Gör ett nytt i rummet.'],
  [/^Too many invitations in a short time\. Try again in (\d+) minutes\.$/, 'För många inbjudningar på kort tid. Försök igen om $1 minuter.'],
  [/^Too many attempts to open a link from this address in a short time\. Try again in (\d+) minutes\.$/, 'För många försök att öppna en länk från den här adressen på kort tid. Försök igen om $1 minuter.'],
  // src/app/portal-link-requests.ts: links asked for by e-mail
  [/^Too many link requests from this address in a short time\. Try again in (\d+) minutes\.$/, 'För många länkbeställningar från den här adressen på kort tid. Försök igen om $1 minuter.'],
  [/^Too many link requests for this e-mail in a short time\. Try again in (\d+) minutes\.$/, 'För många länkbeställningar till den här e-postadressen på kort tid. Försök igen om $1 minuter.'],
  [/^Links are not sent by e-mail here\. Ask the seller for the link to your room\.$/, 'Här skickas inga länkar med e-post. Be säljaren om länken till ditt rum.'],
  [/^This link was used already or is more than an hour old\. Ask for a new one\.$/, 'Länken har redan använts eller är mer än en timme gammal. Be om en ny.'],
  // src/app/portal-dialogue.ts, src/app/cases.ts and src/http/routes/portal-dialogue.ts: comments and complaints
  [/^must be a web address starting with http:\/\/ or https:\/\/$/, 'ska vara en webbadress som börjar med http:// eller https://'],
  [/^No comment with that id in your organisation\.$/, 'Det finns ingen kommentar med det id:t i er organisation.'],
  [
    /^Only a comment waiting for approval can be approved or rejected; this one is (published|rejected)\.$/,
    (_m, status) => `Bara en kommentar som väntar på godkännande kan godkännas eller avvisas; den här är ${status === 'published' ? 'publicerad' : 'avvisad'}.`,
  ],
  [/^Too many comments from this address in a short time\. Try again in (\d+) minutes\.$/, 'För många kommentarer från den här adressen på kort tid. Försök igen om $1 minuter.'],
  [/^No case with that id in your organisation\.$/, 'Det finns inget ärende med det id:t i er organisation.'],
  [/^No case with that id in this room\.$/, 'Det finns inget ärende med det id:t i det här rummet.'],
  [/^No quote of this journey has that id\.$/, 'Ingen offert i den här affären har det id:t.'],
  [/^No order of the journey's account has that id\.$/, 'Ingen order på affärens konto har det id:t.'],
  // src/domain/cases.ts, src/app/cases.ts, src/app/case-settings.ts, src/app/case-lists.ts and src/http/routes/cases.ts: the lifecycle of cases
  [/^A case is opened once\.$/, 'Ett ärende öppnas en gång.'],
  [/^The case is closed; a buyer may still reply\.$/, 'Ärendet är stängt; köparen kan fortfarande svara.'],
  [/^A proposal needs an open case; this one is (open|proposed|resolved|closed)\.$/, (_m, s) => `Ett förslag kräver ett öppet ärende; det här är ${CASE_STATUS_SV[s] ?? s}.`],
  [/^There is no proposal waiting for an answer\.$/, 'Det finns inget förslag som väntar på svar.'],
  [/^A case that is (open|proposed|resolved|closed) cannot be closed\.$/, (_m, s) => `Ett ärende som är ${CASE_STATUS_SV[s] ?? s} kan inte stängas.`],
  [/^Closing without agreement needs a written reason\.$/, 'Att stänga utan överenskommelse kräver ett skrivet skäl.'],
  [/^Only a resolved case has a check-in to record; this one is (open|proposed|resolved|closed)\.$/, (_m, s) => `Bara ett löst ärende har en uppföljning att registrera; det här är ${CASE_STATUS_SV[s] ?? s}.`],
  [/^Only an admin may change the settings for cases\.$/, 'Bara en administratör får ändra inställningarna för ärenden.'],
  [/^The period must start on or before its end \(to\)\.$/, 'Perioden måste börja senast när den slutar (to).'],
  [/^must be an amount above 0 for a refund, credit or discount$/, 'ska vara ett belopp över 0 för en återbetalning, kreditering eller rabatt'],
  [/^must be left out for an explanation$/, 'ska utelämnas för en förklaring'],
  [/^must be left out without an amount$/, 'ska utelämnas utan belopp'],
  [/^must be more than 0 hours$/, 'måste vara mer än 0 timmar'],
  [/^must be at most (\d+) hours$/, 'får vara högst $1 timmar'],
  [/^must name at least one working day$/, 'ska ange minst en arbetsdag'],
  [/^must be after the opening time$/, 'ska vara efter öppningstiden'],
  // src/http/routes/products.ts and app/products.ts
  [/^must be a fraction from 0 to 1, e\.g\. 0\.25 for 25 %$/, 'ska vara en andel från 0 till 1, t.ex. 0.25 för 25 %'],
  [/^must have at most four decimals \(whole basis points\)$/, 'får ha högst fyra decimaler (hela baspunkter)'],
  [/^must be empty$/, 'ska vara tom'],
  [/^must not contain the NUL character \(U\+0000\)$/, 'får inte innehålla NUL-tecknet (U+0000)'],
  [/^is not a field H2H knows here$/, 'är inget fält som H2H känner till här'],
  [/^This request takes no body; send none\.$/, 'Den här begäran tar ingen kropp; skicka ingen.'],
  [/^(\d+) fields are not valid; see errors\.$/, '$1 fält är inte giltiga; se errors.'],
  // src/app
  [/^"(.*)" is not a Swedish organisation number: it needs 10 digits \(NNNNNN-NNNN\) and a correct check digit\.$/, '"$1" är inget svenskt organisationsnummer: det har 10 siffror (NNNNNN-NNNN) och en riktig kontrollsiffra.'],
  [/^No contact with that id in your organisation\.$/, 'Det finns ingen kontakt med det id:t i er organisation.'],
  [/^No account with that id in your organisation\.$/, 'Det finns inget konto med det id:t i er organisation.'],
  [/^No product with that id in your organisation\.$/, 'Det finns ingen produkt med det id:t i er organisation.'],
  [/^No user with that id in your organisation\.$/, 'Det finns ingen användare med det id:t i er organisation.'],
  [/^No concern with that id on this journey\.$/, 'Det finns ingen fråga med det id:t på den här affären.'],
  [/^No process template with the key "(.*)"\.$/, 'Det finns ingen process med nyckeln "$1".'],
  [/^The cursor is not one this server gave out; start again without it\.$/, 'Markören kommer inte från den här servern; börja om utan den.'],
  [/^"(.*)" is not a criterion of this journey's process\.$/, '"$1" är inget kriterium i den här affärens process.'],
  [/^Write why, in a few words\.$/, 'Skriv varför, med några ord.'],
  [/^One or more contacts are not in your organisation\.$/, 'En eller flera kontakter finns inte i er organisation.'],
  [/^Name the user who owns the journey\.$/, 'Ange vilken användare som äger affären.'],
  [/^Name each of the journey's (\d+) plan steps exactly once, in the new order\.$/, 'Ange vart och ett av affärens $1 plansteg exakt en gång, i den nya ordningen.'],
  [/^Name the user whose day to show\.$/, 'Ange vems dag som ska visas.'],
  // src/app/imports.ts and src/import/columns.ts
  [/^The file is empty\.$/, 'Filen är tom.'],
  [/^The file has no header row\.$/, 'Filen har ingen rubrikrad.'],
  [/^The file is larger than (\d+) GiB\.$/, 'Filen är större än $1 GiB.'],
  [/^The file has no column (.+)\.$/, 'Filen har ingen kolumn $1.'],
  [/^No column fills (.+), which (\w+) need; map one \(fields: (.+)\)\.$/, (_m, fields, entity, all) => `Ingen kolumn fyller ${fields}, som ${entitySv(entity!)} behöver; koppla en kolumn dit (fält: ${all}).`],
  [/^the column map must be an object like \{"Header in file": "field"\}; fields of (\w+): (.+)$/, (_m, entity, all) => `kolumnkopplingen ska vara ett objekt som {"Rubrik i filen": "fält"}; fält för ${entitySv(entity!)}: ${all}`],
  [/^the column map sends "(.*)" to (.+), which is not a field of (\w+); fields of \w+: (.+)$/, (_m, header, name, entity, all) => `kolumnkopplingen skickar "${header}" till ${name}, som inte är ett fält för ${entitySv(entity!)}; fält: ${all}`],
  [/^This import is done; upload the file again only if it changed\.$/, 'Den här importen är klar; ladda upp filen igen bara om den har ändrats.'],
  [/^The uploaded file is no longer on the server; upload it again\.$/, 'Den uppladdade filen finns inte längre på servern; ladda upp den igen.'],
  [/^Another run of this import is writing the same rows; this one stops\.$/, 'En annan körning av importen skriver samma rader; den här stannar.'],
  // src/app/orders.ts
  [/^Another order already has the order number (.+)\.$/, 'En annan order har redan ordernumret $1.'],
  [/^Only an admin or a manager may delete an order\.$/, 'Bara en administratör eller chef får ta bort en order.'],
  [/^Only an admin may change the loyalty thresholds\.$/, 'Bara en administratör får ändra gränserna för lojalitetsnivåer.'],
  [/^Only an admin or a manager may recompute loyalty\.$/, 'Bara en administratör eller chef får räkna om lojaliteten.'],
  [/^Only an admin or a manager may do this\.$/, 'Bara en administratör eller chef får göra detta.'],
  [/^Another product already has the SKU (.+)\.$/, 'En annan produkt har redan artikelnumret $1.'],
  // src/app/loyalty.ts
  [/^There are no orders on or before (.+) to fit the model on\.$/, 'Det finns inga ordrar till och med $1 att anpassa modellen efter.'],
  // src/domain/process.ts, through src/app/templates.ts
  [/^a process needs at least two stages$/, 'en process behöver minst två steg'],
  [/^stage "(.*)" appears twice$/, 'steget "$1" finns två gånger'],
  [/^criterion "(.*)" appears twice in stage "(.*)"$/, 'kriteriet "$1" finns två gånger i steget "$2"'],
];

/** Why an import refused a row, in parts ("field: problem"), English → Swedish. */
const REASONS_SV: Rule[] = [
  [/^(.+) is not a date$/, '$1 är inget datum'],
  [/^(.+) names the wrong weekday for that date$/, '$1 har fel veckodag för datumet'],
  [/^(.+) is not an amount$/, '$1 är inget belopp'],
  [/^(.+) has more than two decimals$/, '$1 har fler än två decimaler'],
  [/^(.+) is too large an amount$/, '$1 är ett för stort belopp'],
  [/^(.+) is not a quantity more than zero$/, '$1 är inget antal större än noll'],
  [/^(.+) is ambiguous: write 1250, or 1,25 for a fraction$/, '$1 är tvetydigt: skriv 1250, eller 1,25 för en del'],
  [/^(.+) is not a quantity$/, '$1 är inget antal'],
  [/^(.+) has more than three decimals$/, '$1 har fler än tre decimaler'],
  [/^(.+) is too large a quantity$/, '$1 är ett för stort antal'],
  [/^(.+) is not an e-mail address$/, '$1 är ingen e-postadress'],
  [/^(.+) is not an organisation number: the check digit is wrong$/, '$1 är inget organisationsnummer: kontrollsiffran stämmer inte'],
  [/^(.+) is not an organisation number$/, '$1 är inget organisationsnummer'],
  [/^(.+) is not company or person$/, '$1 är varken företag eller person'],
  [/^(.+) is not a buying role$/, '$1 är ingen roll i köpet'],
  [/^(.+) is not in or out$/, '$1 är varken in eller ut'],
  [/^(.+) is not a currency code$/, '$1 är ingen valutakod'],
  [/^(.+) is not a web address$/, '$1 är ingen webbadress'],
  [/^(.+) is longer than (\d+) characters$/, '$1 är längre än $2 tecken'],
  [/^(.+) has characters that could not be read \(save the file as UTF-8\)$/, '$1 har tecken som inte gick att läsa (spara filen som UTF-8)'],
  [/^(.+) is no account's, and the row gives no name to make one$/, '$1 hör inte till något konto, och raden har inget namn att skapa ett med'],
  [/^the row names no account$/, 'raden anger inget konto'],
  [/^"(\w+)" is missing \(or give (.+)\)$/, (_m, f, others) => `"${f}" saknas (eller ange ${others!.replace(/ or /g, ' eller ')})`],
  [/^"(\w+)" is missing$/, '"$1" saknas'],
];

/** Why an import refused a row, in the given language: each "field: problem" part on its own. */
export function translateReason(reason: string, locale: Locale): string {
  if (locale === 'en') return reason;
  return reason
    .split('; ')
    .map((part) => {
      const field = /^(\w+): (.*)$/s.exec(part);
      const [prefix, text] = field ? [`${field[1]}: `, field[2]!] : ['', part];
      for (const [pattern, sv] of REASONS_SV) if (pattern.test(text)) return prefix + (typeof sv === 'string' ? text.replace(pattern, sv) : text.replace(pattern, (...m: string[]) => sv(...m)));
      return part;
    })
    .join('; ');
}

/** A message in the given language; one without a translation stays as it is. */
export function translate(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  // A field error's detail is "field: message"; the field path stays as it is.
  const field = /^((?:body|query|params)(?:\.[\w-]+)*): (.*)$/s.exec(message);
  if (field) return `${field[1]}: ${translate(field[2]!, locale)}`;
  const process = /^The process is not valid: (.*)\.$/s.exec(message);
  if (process) return `Processen är inte giltig: ${process[1]!.split('; ').map((p) => translate(p, locale)).join('; ')}.`;
  for (const [pattern, sv] of SV) if (pattern.test(message)) return typeof sv === 'string' ? message.replace(pattern, sv) : message.replace(pattern, (...m: string[]) => sv(...m));
  return message;
}

const typeSv: Record<string, string> = { string: 'text', number: 'ett tal', int: 'ett heltal', boolean: 'sant eller falskt', array: 'en lista', object: 'ett objekt' };
const svFallback = z.locales.sv().localeError;

/**
 * Zod's own messages (those a schema does not word itself) in Swedish, phrased
 * like ours: "får vara högst 200 tecken", not "För stor(t): förväntade string…".
 */
export const zodSwedish: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'saknas';
      return `ska vara ${typeSv[issue.expected] ?? issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `får vara högst ${String(issue.maximum)} tecken`;
      if (issue.origin === 'array') return `får ha högst ${String(issue.maximum)} poster`;
      return `får vara högst ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'får inte vara tom' : `måste vara minst ${String(issue.minimum)} tecken`;
      if (issue.origin === 'array') return `måste ha minst ${String(issue.minimum)} poster`;
      return `måste vara minst ${String(issue.minimum)}`;
    case 'invalid_value':
      return `ska vara ett av ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return 'har fel format';
    default:
      return svFallback(issue);
  }
};
