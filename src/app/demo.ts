/**
 * The demo org (DESIGN.md §9): Nordljus AB, a Swedish seller of lighting for
 * workplaces and homes, with a team, about 50 accounts, 150 contacts and 80
 * journeys in every stage, each with the criteria, stage changes,
 * interactions, concerns and plan steps the app would have written.
 *
 * Deterministic: the same seed and the same `now` give the same rows, ids
 * included (ids come from the seeded generator, not from node:crypto). The
 * one exception is the admin's password hash, which argon2 salts randomly.
 * Every time is derived from `now` and lies before it; only the audit entry
 * `demo.create` is stamped `now` itself.
 *
 * PLANTED EFFECTS — insight features and their tests may rely on these.
 *
 * 1. Tools that move buyers (tool insight). An interaction made in a stage
 *    that the journey later leaves lies in the 14 days before the forward
 *    move with probability MOVE_CHANCE[channel]:
 *      demo 0.70, meeting 0.60, call 0.35, event 0.35, portal 0.30,
 *      email 0.25, other 0.20, social 0.20, letter 0.15, cold_call 0.10.
 *    Otherwise it lies at least 15 days before the move. Interactions in a
 *    journey's last stage (where it is open, paused or was closed) are never
 *    followed by a move. So at each stage `demo` and `meeting` have a clearly
 *    positive lift against all channels and `cold_call` a clearly negative
 *    one. Cold calls happen at `need` and `explore`, demos mostly at
 *    `explore` and `evaluate` (CHANNEL_WEIGHTS).
 * 2. Purpose. Every outbound interaction has a purpose (share 100 %); about
 *    30 % of inbound ones have one too.
 * 3. Stage flow. Days spent in a stage that was left are uniform over
 *    STAGE_DAYS, so the medians are about: need 26, explore 32, evaluate 42,
 *    decide 28, buy 22 (B2B); need 21, compare 26, buy 21 (consumer).
 * 4. Where journeys are lost (SLOTS): 10 B2B journeys are lost — 1 at need,
 *    2 at explore, 4 at evaluate, 3 at decide — and 1 consumer journey at
 *    compare. With probability 0.85 a lost journey still has an open concern
 *    when it closed: `price` (blocking) at decide and compare, `fit` or
 *    `risk` (blocking) at evaluate, `timing` at need and explore.
 * 5. Won journeys (8 B2B, 2 consumer) close only at `buy` or `use`; their
 *    concerns are all accepted or withdrawn.
 * 6. Overrides. `price_explained` and `quote_accepted` come from quotes,
 *    which the demo has none of, so every move out of `decide` and `buy` is
 *    an override naming them. About 8 % of other moves skip one criterion with
 *    a written reason, and a move made while a concern was open (or a
 *    blocking one unresolved) names `concerns_answered` /
 *    `no_blocking_concerns`, as the app would compute them.
 * 7. Focus list. About 15 % of open journeys have stalled: they have been in
 *    their stage 2–3× its median. About 40 % of plan steps that fell due on
 *    open journeys are not done (overdue). Blocking concerns raised more than
 *    two days ago and still open occur on open journeys.
 */
import type { Insertable } from 'kysely';
import { formatId } from '../domain/ids.ts';
import type { Tier } from '../domain/loyalty.ts';
import { DEFAULT_PRICING_POLICY, priceQuote, type DemandRule, type PriceFact } from '../domain/pricing.ts';
import { B2B_TEMPLATE, CONSUMER_TEMPLATE, isDerived, type StageDef, type TemplateDef } from '../domain/process.ts';
import { createRandom, type Random } from '../domain/random.ts';
import { nameKey, normalizeOrgNumber } from '../domain/swedish.ts';
import {
  type BuyingRole,
  type Channel,
  type ConcernStatus,
  type ConcernTopic,
  type Direction,
  type JourneyStatus,
  type Role,
} from '../domain/vocabulary.ts';
import { fromJson, toJson } from '../store/json.ts';
import { findOrg, insertOrg } from '../store/orgs.ts';
import type {
  OrderRow,
  PriceRuleRow,
  ProductRow,
  AccountRow,
  ConcernRow,
  ContactRow,
  InteractionRow,
  JourneyCriterionTable,
  JourneyRow,
  PlanStepRow,
  StageChangeTable,
  TimelineEventRow,
  UserRow,
} from '../store/schema.ts';
import { findTemplateByKey } from '../store/templates.ts';
import { findUserByEmailKey, insertUser } from '../store/users.ts';
import { type Actor, type AppContext, Writer, write } from './context.ts';
import { AppError } from './errors.ts';
import { recomputeLoyaltyWithin } from './loyalty.ts';
import { draftQuoteRows, insertDraftQuote } from './quotes.ts';
import { seedBuiltinTemplates } from './orgs.ts';
import { emailKey } from '../domain/email.ts';
import { hashPassword } from './passwords.ts';

export interface DemoOptions {
  seed: number;
  orgName?: string;
  admin: { email: string; name: string; password: string };
  now: Date;
}

export interface DemoResult {
  orgId: string;
  adminId: string;
  counts: { users: number; accounts: number; contacts: number; journeys: number; interactions: number; concerns: number; planSteps: number; orders: number; products: number; quotes: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Rows per INSERT: far below SQLite's 32 766 bound parameters even for the widest table. */
const CHUNK = 200;

type TemplateKey = 'b2b' | 'consumer';
const TEMPLATES: Record<TemplateKey, TemplateDef> = { b2b: B2B_TEMPLATE, consumer: CONSUMER_TEMPLATE };

// ---------------------------------------------------------------------------
// Planted parameters (see the comment at the top)
// ---------------------------------------------------------------------------

/** Days spent in a stage before moving on; 18 days at least, so "not within 14 days of the move" always has room. */
const STAGE_DAYS: Record<string, readonly [number, number]> = {
  'b2b.need': [18, 34],
  'b2b.explore': [20, 44],
  'b2b.evaluate': [24, 60],
  'b2b.decide': [18, 38],
  'b2b.buy': [18, 26],
  'b2b.use': [40, 80],
  'consumer.need': [18, 24],
  'consumer.compare': [18, 34],
  'consumer.buy': [18, 24],
  'consumer.use': [20, 40],
};

/** Chance that an interaction in a stage the journey later leaves falls within the 14 days before the move. */
const MOVE_CHANCE: Record<Channel, number> = {
  demo: 0.7,
  meeting: 0.6,
  call: 0.35,
  event: 0.35,
  portal: 0.3,
  email: 0.25,
  other: 0.2,
  social: 0.2,
  letter: 0.15,
  cold_call: 0.1,
};

/** Which channels sellers use at each stage (weights). */
const CHANNEL_WEIGHTS: Record<string, readonly (readonly [Channel, number])[]> = {
  need: [['cold_call', 30], ['call', 15], ['email', 20], ['social', 8], ['meeting', 14], ['event', 8], ['letter', 3], ['other', 2]],
  explore: [['cold_call', 8], ['call', 18], ['email', 22], ['meeting', 24], ['demo', 14], ['social', 4], ['event', 4], ['portal', 3], ['other', 3]],
  evaluate: [['call', 15], ['email', 20], ['meeting', 20], ['demo', 30], ['portal', 8], ['event', 3], ['other', 4]],
  decide: [['call', 25], ['email', 25], ['meeting', 28], ['portal', 15], ['demo', 4], ['other', 3]],
  buy: [['call', 20], ['email', 30], ['meeting', 20], ['portal', 25], ['letter', 5]],
  use: [['call', 25], ['email', 30], ['meeting', 25], ['portal', 10], ['event', 5], ['other', 5]],
  compare: [['email', 30], ['call', 20], ['meeting', 15], ['demo', 15], ['portal', 20]],
};

/** The journeys: template, the stage they are at, their status and how many. 80 in all. */
const SLOTS: readonly (readonly [TemplateKey, string, JourneyStatus, number])[] = [
  ['b2b', 'need', 'open', 10],
  ['b2b', 'explore', 'open', 11],
  ['b2b', 'evaluate', 'open', 10],
  ['b2b', 'decide', 'open', 8],
  ['b2b', 'buy', 'open', 5],
  ['b2b', 'use', 'open', 8],
  ['b2b', 'explore', 'paused', 1],
  ['b2b', 'evaluate', 'paused', 2],
  ['b2b', 'decide', 'paused', 1],
  ['b2b', 'buy', 'won', 3],
  ['b2b', 'use', 'won', 5],
  ['b2b', 'need', 'lost', 1],
  ['b2b', 'explore', 'lost', 2],
  ['b2b', 'evaluate', 'lost', 4],
  ['b2b', 'decide', 'lost', 3],
  ['consumer', 'need', 'open', 1],
  ['consumer', 'compare', 'open', 1],
  ['consumer', 'buy', 'open', 1],
  ['consumer', 'buy', 'won', 1],
  ['consumer', 'use', 'won', 1],
  ['consumer', 'compare', 'lost', 1],
];

const STALLED_SHARE = 0.15;
const SKIP_CRITERION_CHANCE = 0.08;
const LOST_CONCERN_CHANCE = 0.85;
const INBOUND_PURPOSE_CHANCE = 0.3;

/** The concern a lost journey most often still had open, by the stage it was lost at. */
const LOST_CONCERN: Record<string, { topics: readonly ConcernTopic[]; blocking: boolean }> = {
  need: { topics: ['timing'], blocking: false },
  explore: { topics: ['timing'], blocking: false },
  evaluate: { topics: ['fit', 'risk'], blocking: true },
  decide: { topics: ['price'], blocking: true },
  compare: { topics: ['price'], blocking: true },
};

// ---------------------------------------------------------------------------
// Swedish material
// ---------------------------------------------------------------------------

const FIRST_NAMES = [
  'Anna', 'Erik', 'Maria', 'Lars', 'Karin', 'Johan', 'Sara', 'Anders', 'Emma', 'Per', 'Elin', 'Mikael', 'Lena', 'Fredrik',
  'Ida', 'Magnus', 'Sofia', 'Henrik', 'Linnea', 'Mattias', 'Åsa', 'Örjan', 'Ebba', 'Oskar', 'Maja', 'Gustav', 'Helena',
  'Nils', 'Frida', 'Jonas', 'Ulla', 'Björn', 'Agnes', 'Amir', 'Yasmin', 'Nadia', 'Dragan', 'Mirja', 'Kerstin', 'Håkan',
] as const;

const LAST_NAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Hansson', 'Bengtsson', 'Lindberg', 'Lindqvist', 'Lundgren', 'Berg', 'Holm', 'Ström', 'Åberg',
  'Öberg', 'Ekström', 'Sjöberg', 'Wallin', 'Engström', 'Hedlund', 'Björk', 'Forsberg', 'Lindholm', 'Falk', 'Hassan',
  'Kovačević', 'Mäkinen', 'Söderberg', 'Åkesson',
] as const;

/** Names that start with Å, Ä and Ö, so sorting and search in the demo show Swedish order. */
const FIXED_COMPANIES = [
  'Ångström Verktyg AB', 'Älvdalens Trä AB', 'Örebro Logistik AB', 'Åre Fjällhotell AB', 'Östgöta Mekaniska AB',
  'Bröderna Ek Bygg AB', 'Wallins Rör AB', 'Hedlunds Elektriska AB',
] as const;

const PLACES = [
  'Norrlands', 'Mälardalens', 'Göta', 'Vätterns', 'Ystads', 'Bergslagens', 'Roslagens', 'Dalarnas', 'Hallands', 'Sörmlands',
  'Upplands', 'Jämtlands', 'Blekinge', 'Smålands', 'Värmlands', 'Gävle', 'Luleå', 'Umeå', 'Sundsvalls', 'Växjö', 'Borås',
  'Karlstads', 'Linköpings', 'Lidköpings', 'Kalmar', 'Västerås', 'Norrtälje', 'Falu', 'Eskilstuna', 'Halmstads',
] as const;

const TRADES = [
  'Bygg', 'Fastigheter', 'Mekaniska Verkstad', 'Logistik', 'Livs', 'Plast', 'Snickeri', 'El & Tele', 'Transport', 'Grossist',
  'Energi', 'Bageri', 'Tryckeri', 'Hotell', 'Bilcenter', 'Kyl & Frys', 'Lager', 'Måleri', 'Förvaltning', 'Glas',
] as const;

const COMPANY_COUNT = 45;
const PERSON_COUNT = 5;

const TITLES: Record<BuyingRole, readonly string[]> = {
  decision_maker: ['VD', 'Vice VD', 'Fabrikschef', 'Platschef'],
  economic_buyer: ['Ekonomichef', 'CFO', 'Controller'],
  user: ['Lagerchef', 'Produktionsledare', 'Driftansvarig', 'Butikschef'],
  influencer: ['Fastighetstekniker', 'IT-chef', 'Hållbarhetsansvarig', 'Elansvarig'],
  champion: ['Fastighetschef', 'Verksamhetsutvecklare', 'Projektledare'],
  gatekeeper: ['Inköpare', 'Assistent', 'Receptionist'],
  unknown: ['Konsult', 'Styrelseledamot'],
};

/** Roles of a company's contacts after the first, who is its decision maker. */
const OTHER_ROLES: readonly (readonly [BuyingRole, number])[] = [
  ['economic_buyer', 2], ['user', 3], ['influencer', 2], ['champion', 2], ['gatekeeper', 1], ['unknown', 1], ['decision_maker', 1],
];

const TEAM: readonly { first: string; last: string; role: Role }[] = [
  { first: 'Johan', last: 'Sandberg', role: 'manager' },
  { first: 'Anna', last: 'Lindqvist', role: 'seller' },
  { first: 'Erik', last: 'Nyström', role: 'seller' },
  { first: 'Sara', last: 'Holm', role: 'seller' },
  { first: 'Amir', last: 'Haddad', role: 'seller' },
];

const JOURNEY_TITLES: Record<TemplateKey, readonly string[]> = {
  b2b: [
    'LED-byte i lagret', 'Ny belysning i produktionshallen', 'Belysningsstyrning för kontoret', 'Utomhusbelysning för parkeringen',
    'Serviceavtal för belysning', 'Energieffektivisering av butikerna', 'Nödbelysning enligt nya krav', 'Armaturbyte i skollokalerna',
    'Närvarostyrd belysning i trapphusen', 'Belysning för ny lagerbyggnad', 'Fasadbelysning', 'Ramavtal för belysning',
  ],
  consumer: ['Ny belysning i köket', 'Trädgårdsbelysning', 'Smart belysning i lägenheten', 'LED-byte i villan', 'Belysning till altanen'],
};

/** Evidence a seller writes when a criterion is met; {name} is a contact's first name. */
const EVIDENCE: Record<string, readonly string[]> = {
  problem_described: [
    '{name} beskrev att ljuset vid plockplatserna är för svagt och att felplocken ökar.',
    '{name}: "Armaturerna går sönder hela tiden och elräkningen bara stiger."',
    '{name} vill ha bättre ljus där de arbetar och lägre elförbrukning.',
  ],
  cost_of_inaction: [
    '{name} räknar med cirka 180 000 kr per år i el och underhåll om de behåller dagens belysning.',
    '{name}: varje felplock kostar dem ungefär 400 kr, och de har flera i veckan.',
  ],
  requirements_confirmed: ['{name} bekräftade kravlistan per e-post (version 2).', 'Kraven genomgångna och godkända av {name} på mötet.'],
  decision_process_known: [
    '{name} beslutar tillsammans med ekonomichefen; styrelsen godkänner investeringar över 500 000 kr.',
    'Beslut i ledningsgruppen vid kvartalsskiftet, enligt {name}.',
  ],
  fit_shown: ['Provmontage i deras lokal; {name} såg skillnaden på plats.', 'Ljusberäkning på deras egen planritning, genomgången med {name}.'],
  alternatives_known: ['De jämför med en lokal elinstallatör och med att behålla lysrören.', '{name} har en offert från en grossist som jämförelse.'],
  decision_date_confirmed: ['{name} bekräftade att beslut tas på nästa ledningsgruppsmöte.', 'Beslutsdatum bekräftat av {name} i mejl.'],
  onboarded: ['Installationen är klar och driftpersonalen har fått utbildning.', 'Styrsystemet är i drift; {name} har egna inloggningar.'],
  value_confirmed: ['{name} säger att elförbrukningen för belysning har minskat med ungefär 40 %.', '{name}: "Felplocken har nästan försvunnit."'],
};

const CONCERN_TEXTS: Record<ConcernTopic, readonly string[]> = {
  price: ['Priset ligger över deras budget för i år.', 'De undrar varför vi är dyrare än grossistens alternativ.', 'Osäkra på återbetalningstiden.'],
  risk: ['Rädda för driftstopp under installationen.', 'Oroliga för att styrsystemet inte fungerar med deras fastighetssystem.'],
  fit: ['Takhöjden i lagret kan vara för hög för våra armaturer.', 'Osäkert om ljusnivån räcker för precisionsarbete.'],
  timing: ['Vill vänta till nästa budgetår.', 'Installationen måste ske under semesterstängningen i juli.'],
  trust: ['Har haft dåliga erfarenheter av en tidigare leverantör.', 'Vill prata med en referenskund innan de går vidare.'],
  other: ['Behöver godkännande från fastighetsägaren.', 'Undrar hur de gamla armaturerna tas om hand.'],
};

const CONCERN_ANSWERS: Record<ConcernTopic, readonly string[]> = {
  price: ['Visade energikalkylen: återbetalning på drygt tre år.', 'Erbjöd delbetalning över 36 månader.'],
  risk: ['Installation i etapper nattetid, så att driften inte störs.', 'Integrationen testas i deras miljö före avtal.'],
  fit: ['Mätte på plats; armaturerna klarar takhöjden med annan optik.', 'Ljusberäkningen visar 750 lux vid arbetsbänkarna.'],
  timing: ['Avtal nu, installation i juli som de vill.', 'Prisgaranti till nästa budgetår.'],
  trust: ['Förmedlade kontakt med två referenskunder i samma bransch.', 'Visade vårt serviceåtagande och våra garantivillkor.'],
  other: ['Fastighetsägaren har godkänt i ett mejl.', 'Vi tar hand om återvinningen av de gamla armaturerna.'],
};

const CONCERN_TOPIC_WEIGHTS: readonly (readonly [ConcernTopic, number])[] = [
  ['price', 30], ['risk', 15], ['fit', 20], ['timing', 15], ['trust', 10], ['other', 10],
];

/** What an interaction was about; {name} is the first contact's first name. */
const SUMMARIES: Record<Channel, readonly string[]> = {
  cold_call: [
    'Kalla samtal till {name}. Presenterade oss kort och frågade hur de ser på sin belysning.',
    'Ringde {name} utan föregående kontakt; fick tio minuter och en öppning för ett möte.',
  ],
  call: ['Samtal med {name} om nästa steg.', 'Pratade med {name} om installationstiden.', 'Stämde av läget med {name} per telefon.'],
  email: ['Mejlade {name} sammanfattningen från senaste mötet.', 'Besvarade {name}s frågor per e-post.', 'Skickade produktblad och referenscase till {name}.'],
  social: ['Kontakt med {name} på LinkedIn efter ett inlägg om energikostnader.', '{name} kommenterade vårt inlägg om LED-byten; föreslog ett samtal.'],
  meeting: ['Möte hos {name}; gick igenom lokalerna tillsammans.', 'Videomöte med {name} och kollegor om kraven.', 'Möte med {name} om tidplan och budget.'],
  demo: ['Visade styrsystemet för {name} med deras egen planritning.', 'Provbelysning i en del av lokalen; {name} och driftteamet var med.', 'Demo av appen för ljusstyrning för {name}.'],
  event: ['Träffade {name} på Elfack-mässan.', '{name} kom på vårt frukostseminarium om energieffektiv belysning.'],
  letter: ['Skickade ett brev med energikalkyl till {name}.', 'Brev med broschyr och prisindikation till {name}.'],
  portal: ['{name} läste materialet i portalen och ställde en fråga.', '{name} laddade upp ritningar i portalen.'],
  other: ['Kort avstämning med {name} vid leveransen.', '{name} hörde av sig via en kollega.'],
};

const WHYS = [
  'Följa upp efter mässan', 'Boka nästa möte', 'Hålla kontakten under deras semesterperiod', 'Presentera vår nya armaturserie',
  'Kolla om behovet finns kvar', 'Dela ett referenscase från samma bransch',
] as const;

const PLAN_TITLES: readonly (readonly string[])[] = [
  ['Skicka kravlista', 'Boka platsbesök', 'Intern genomgång av behovet', 'Ta fram energikalkyl', 'Mäta ljusnivåer på plats'],
  ['Provmontage i lokalen', 'Skicka referenskunder', 'Budgetbeslut i ledningsgruppen', 'Genomgång av offert', 'Riskgenomgång med fastighetsägaren'],
  ['Signera avtal', 'Planera installation', 'Uppstartsmöte', 'Utbildning av driftpersonal', 'Uppföljning efter 30 dagar'],
];

const WON_REASONS = ['Avtal signerat.', 'Köparen bekräftade värdet; affären är klar.', 'Order mottagen och installationen är klar.'] as const;

const LOST_REASONS: Record<string, readonly string[]> = {
  need: ['Ingen budget i år.', 'Behovet försvann när de flyttade verksamheten.'],
  explore: ['Projektet lades på is.', 'Valde att vänta ett år.'],
  evaluate: ['Lösningen passade inte deras lokaler.', 'Bedömde risken som för stor.'],
  decide: ['Valde en billigare leverantör.', 'Priset var över budget.'],
  compare: ['Köpte i ett byggvaruhus.'],
};

const OVERRIDE_REASONS: Record<string, readonly string[]> = {
  price_explained: ['Offerten skickades som PDF och köparen bekräftade i telefon att den är läst.', 'Priset gicks igenom på mötet; offerten skickades per e-post.'],
  quote_accepted: ['Köparen signerade avtalet på papper.', 'Ordern kom via köparens inköpssystem.'],
  concerns_answered: ['En öppen fråga hanteras parallellt; köparen ville gå vidare.'],
  no_blocking_concerns: ['Köparen går vidare trots den öppna frågan; vi löser den före leverans.'],
  skipped: ['Köparen har bråttom; kriteriet bekräftas i efterhand.', 'Muntligt bekräftat; skriftlig bekräftelse kommer.'],
};

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo: missing ${what}`);
  return value;
}

const iso = (ms: number): string => new Date(ms).toISOString();

const STOCKHOLM_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
/** A calendar date (YYYY-MM-DD) as people in Stockholm see it. */
const stockholmDate = (ms: number): string => STOCKHOLM_DATE.format(new Date(ms));

/** ASCII letters and digits only, for e-mail addresses and web sites: "Ångström" → "angstrom". */
function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, 'och')
    .replace(/[^a-z0-9]+/g, '');
}

/** A time of `lo..hi`, uniformly; `lo` when the range is empty. */
const between = (rng: Random, lo: number, hi: number): number => (hi > lo ? lo + rng.next() * (hi - lo) : lo);

/**
 * A time in [lo, hi] during office hours (08–17 Swedish time) on a weekday:
 * people meet and call on working days, and the demo's timelines should look
 * like it. Weekend days are drawn again rather than moved to a weekday, so
 * no weekday gets more than its share. Returns lo when the range is empty.
 */
function officeTime(rng: Random, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  // A fixed number of draws whatever the dates, so that the same seed gives the
  // same data on any day: a weekend moves to the Friday before (or the Monday after).
  let day = Math.floor(between(rng, lo, hi) / DAY) * DAY;
  const t = rng.int(7, 15) * HOUR + rng.pick([0, 15, 30, 45]) * MINUTE;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6 || weekday === 0) {
    const friday = day - (weekday === 6 ? 1 : 2) * DAY;
    day = friday + t >= lo ? friday : friday + 3 * DAY;
  }
  return Math.min(hi, Math.max(lo, day + t));
}

/** A Swedish organisation number: 9 digits for an aktiebolag (556…/559…) and the Luhn check digit. */
function orgNumber(rng: Random): string {
  const nine = rng.pick(['556', '559']) + String(rng.int(0, 999_999)).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    // From the left, every other digit is doubled, starting with the first (the check digit is not doubled).
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  const normalized = normalizeOrgNumber(nine + String((10 - (sum % 10)) % 10));
  if (!normalized) throw new Error(`demo: made an invalid organisation number from ${nine}`);
  return normalized;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag for a string. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Chunks of at most CHUNK rows, inserted one statement each. */
async function insertChunked<T>(rows: readonly T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** A Writer whose ids come from the seeded generator, so rows that shared code writes (templates, audit) are the same every time. */
class SeededWriter extends Writer {
  private readonly rng: Random;

  constructor(base: Writer, at: Date, rng: Random) {
    super(base.tx, base.actor, at);
    this.rng = rng;
  }

  override id(): string {
    return formatId(this.at.getTime(), this.rng.bytes(10));
  }
}

// ---------------------------------------------------------------------------
// Generation: pure, into arrays of rows
// ---------------------------------------------------------------------------

type CriterionRow = Insertable<JourneyCriterionTable>;
type StageChangeRow = Insertable<StageChangeTable>;

interface Rows {
  accounts: AccountRow[];
  products: ProductRow[];
  orders: OrderRow[];
  contacts: ContactRow[];
  journeys: JourneyRow[];
  criteria: CriterionRow[];
  stageChanges: StageChangeRow[];
  interactions: InteractionRow[];
  concerns: ConcernRow[];
  planSteps: PlanStepRow[];
  timeline: TimelineEventRow[];
}

interface Gen {
  rng: Random;
  orgId: string;
  now: number;
  rows: Rows;
}

const newId = (g: Gen, ms: number): string => formatId(ms, g.rng.bytes(10));

interface AccountSpec {
  kind: 'company' | 'person';
  name: string;
  orgNumber: string | null;
  domain: string;
  /** the person, for a person account */
  person?: { first: string; last: string };
}

/** Company and person names, unique, in random order. */
function accountSpecs(rng: Random): AccountSpec[] {
  const names = new Set<string>(FIXED_COMPANIES);
  while (names.size < COMPANY_COUNT) names.add(`${rng.pick(PLACES)} ${rng.pick(TRADES)} AB`);
  const companies: AccountSpec[] = [...names].map((name) => ({
    kind: 'company',
    name,
    // About half of the companies have their organisation number on file.
    orgNumber: rng.chance(0.5) ? orgNumber(rng) : null,
    domain: `${asciiSlug(name.replace(/ AB$/, ''))}.example`,
  }));
  const people = new Set<string>();
  const persons: AccountSpec[] = [];
  while (persons.length < PERSON_COUNT) {
    const person = { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
    const name = `${person.first} ${person.last}`;
    if (people.has(name)) continue;
    people.add(name);
    persons.push({ kind: 'person', name, orgNumber: null, domain: 'hemma.example', person });
  }
  return rng.shuffle([...companies, ...persons]);
}

interface Shape {
  templateKey: TemplateKey;
  template: TemplateDef;
  stageIndex: number;
  status: JourneyStatus;
}

const stageOf = (shape: Shape, i: number): StageDef => must(shape.template.stages[i], `stage ${i} of ${shape.templateKey}`);
const stageDays = (templateKey: TemplateKey, stage: string): readonly [number, number] => must(STAGE_DAYS[`${templateKey}.${stage}`], `days of ${stage}`);
const medianDays = (templateKey: TemplateKey, stage: string): number => {
  const [lo, hi] = stageDays(templateKey, stage);
  return (lo + hi) / 2;
};

function shapes(rng: Random): Shape[] {
  const out: Shape[] = [];
  for (const [templateKey, stage, status, count] of SLOTS) {
    const template = TEMPLATES[templateKey];
    const stageIndex = template.stages.findIndex((s) => s.key === stage);
    if (stageIndex < 0) throw new Error(`demo: ${stage} is not a stage of ${templateKey}`);
    for (let i = 0; i < count; i++) out.push({ templateKey, template, stageIndex, status });
  }
  return rng.shuffle(out);
}

/** When a journey entered each of its stages, and when activity on it ended (closed, paused or now). */
interface Layout {
  /** starts[i]: when the journey entered stage i; starts[i + 1] is when it left it */
  starts: number[];
  end: number;
  closedAt: number | null;
  pausedAt: number | null;
}

/** Lays a journey's stages out backwards from its end, so that every time lies before `now`. */
function layout(g: Gen, shape: Shape): Layout {
  const { rng, now } = g;
  const k = shape.stageIndex;
  const median = medianDays(shape.templateKey, stageOf(shape, k).key);
  let anchor = now;
  let closedAt: number | null = null;
  let finalDays: number;
  if (shape.status === 'open') {
    finalDays = rng.chance(STALLED_SHARE) ? rng.float(2, 3) * median : rng.float(0.05, 1.1) * median;
  } else if (shape.status === 'paused') {
    finalDays = rng.float(0.8, 2) * median;
  } else {
    closedAt = officeTime(rng, now - 150 * DAY, now - 2 * DAY);
    anchor = closedAt;
    finalDays = 1 + rng.float(0.3, 1.2) * median;
  }
  const starts: number[] = new Array<number>(k + 1).fill(0);
  starts[k] = officeTime(rng, anchor - (finalDays + 1) * DAY, Math.min(anchor - HOUR, anchor - (finalDays - 1) * DAY));
  for (let i = k - 1; i >= 0; i--) {
    const next = must(starts[i + 1], 'stage start');
    const [lo, hi] = stageDays(shape.templateKey, stageOf(shape, i).key);
    starts[i] = officeTime(rng, next - hi * DAY, next - lo * DAY);
  }
  const last = must(starts[k], 'last stage start');
  const pausedAt = shape.status === 'paused' ? officeTime(rng, last + (now - last) * 0.3, last + (now - last) * 0.8) : null;
  return { starts, end: closedAt ?? pausedAt ?? now, closedAt, pausedAt };
}

/** Everything generation needs about one journey. */
interface JourneyGen {
  id: string;
  shape: Shape;
  layout: Layout;
  ownerId: string;
  contacts: ContactRow[];
  concerns: ConcernRow[];
  /** times of every timeline event, for updated_at */
  times: number[];
}

const firstName = (c: ContactRow | undefined): string => (c ? must(c.name.split(' ')[0], 'first name') : 'kunden');
const fill = (text: string, contact: ContactRow | undefined): string => text.replace(/\{name\}/g, firstName(contact));

function event(g: Gen, j: JourneyGen, at: number, kind: string, entityId: string | null, data: Record<string, unknown>, idAt: number = at): void {
  g.rows.timeline.push({ org_id: g.orgId, id: newId(g, idAt), journey_id: j.id, at: iso(at), kind, entity_id: entityId, actor_id: j.ownerId, data: toJson(data) });
  j.times.push(at);
}

/** The state a concern was in at time t, or null when it was not raised yet. */
function concernStateAt(c: ConcernRow, t: number): ConcernStatus | null {
  if (Date.parse(c.raised_at) > t) return null;
  if (c.closed_at !== null && Date.parse(c.closed_at) <= t) return c.status as ConcernStatus;
  if (c.answered_at !== null && Date.parse(c.answered_at) <= t) return 'answered';
  return 'open';
}

function concernFinalStatus(rng: Random, status: JourneyStatus, raisedAgo: number): ConcernStatus {
  if (status === 'won') return rng.weighted([['accepted', 4], ['withdrawn', 1]]);
  if (status === 'lost') return rng.weighted([['open', 2], ['answered', 1], ['accepted', 2], ['withdrawn', 1]]);
  if (raisedAgo < 7 * DAY) return rng.weighted([['open', 3], ['answered', 2]]);
  return rng.weighted([['open', 1], ['answered', 2], ['accepted', 3], ['withdrawn', 1]]);
}

function addConcern(g: Gen, j: JourneyGen, topic: ConcernTopic, blocking: boolean, raised: number, status: ConcernStatus): void {
  const { rng } = g;
  const end = j.layout.end;
  const hasAnswer = status === 'answered' || status === 'accepted' || (status === 'withdrawn' && rng.chance(0.5));
  const answeredAt = hasAnswer ? officeTime(rng, raised + MINUTE, raised + Math.min(10 * DAY, (end - raised) * 0.5)) : null;
  const base = answeredAt ?? raised;
  const closing = status === 'accepted' || status === 'withdrawn';
  const closedAt = closing ? officeTime(rng, base + MINUTE, base + Math.min(7 * DAY, (end - base) * 0.5)) : null;
  const contact = rng.chance(0.7) ? rng.pick(j.contacts) : undefined;
  const row: ConcernRow = {
    org_id: g.orgId,
    id: newId(g, raised),
    journey_id: j.id,
    topic,
    text: rng.pick(CONCERN_TEXTS[topic]),
    blocking: blocking ? 1 : 0,
    status,
    answer: answeredAt === null ? null : rng.pick(CONCERN_ANSWERS[topic]),
    contact_id: contact?.id ?? null,
    raised_by: j.ownerId,
    raised_at: iso(raised),
    answered_at: answeredAt === null ? null : iso(answeredAt),
    closed_at: closedAt === null ? null : iso(closedAt),
  };
  g.rows.concerns.push(row);
  j.concerns.push(row);
  event(g, j, raised, 'concern_raised', row.id, { topic, text: row.text, blocking });
  if (answeredAt !== null) event(g, j, answeredAt, 'concern_answered', row.id, { topic, text: row.text, answer: row.answer });
  if (closedAt !== null) event(g, j, closedAt, status === 'accepted' ? 'concern_accepted' : 'concern_withdrawn', row.id, { topic, text: row.text, answer: row.answer });
}

/** 0–3 concerns; a lost journey usually keeps the one it was lost over open (planted effect 4). */
function makeConcerns(g: Gen, j: JourneyGen): void {
  const { rng } = g;
  const { starts, end } = j.layout;
  const t0 = must(starts[0], 'journey start');
  let count = rng.weighted([[0, 30], [1, 35], [2, 25], [3, 10]]);
  const finalStage = stageOf(j.shape, j.shape.stageIndex).key;
  const planted = LOST_CONCERN[finalStage];
  if (j.shape.status === 'lost' && planted && rng.chance(LOST_CONCERN_CHANCE)) {
    const last = must(starts[j.shape.stageIndex], 'last stage start');
    addConcern(g, j, rng.pick(planted.topics), planted.blocking, officeTime(rng, last, Math.max(last, end - DAY)), 'open');
    count = Math.min(count, 2);
  }
  for (let i = 0; i < count; i++) {
    const raised = officeTime(rng, t0 + HOUR, Math.max(t0 + HOUR, end - DAY));
    const blocking = rng.chance(0.35);
    addConcern(g, j, rng.weighted(CONCERN_TOPIC_WEIGHTS), blocking, raised, concernFinalStatus(rng, j.shape.status, end - raised));
  }
}

/** Whether a derived criterion held at time t, from the journey's concerns; quotes do not exist yet, so their criteria never hold. */
function derivedHeldAt(key: string, concerns: readonly ConcernRow[], t: number): boolean {
  const states = concerns.map((c) => ({ c, s: concernStateAt(c, t) }));
  switch (key) {
    case 'concerns_answered':
      return !states.some(({ s }) => s === 'open');
    case 'no_blocking_concerns':
      return !states.some(({ c, s }) => c.blocking === 1 && (s === 'open' || s === 'answered'));
    default:
      return false;
  }
}

function addCriterion(g: Gen, j: JourneyGen, stage: StageDef, key: string, at: number): void {
  const def = must(stage.criteria.find((c) => c.key === key), `criterion ${key}`);
  const evidence = fill(g.rng.pick(must(EVIDENCE[key], `evidence for ${key}`)), g.rng.pick(j.contacts));
  g.rows.criteria.push({ org_id: g.orgId, journey_id: j.id, stage: stage.key, criterion_key: key, evidence, met_at: iso(at), met_by: j.ownerId });
  event(g, j, at, 'criterion_met', j.id, { stage: stage.key, key, text: def.text, evidence });
}

/** Criteria met and the moves between stages, overrides where the app would have demanded them (planted effect 6). */
function makeStagePath(g: Gen, j: JourneyGen): void {
  const { rng } = g;
  const { starts, end } = j.layout;
  const k = j.shape.stageIndex;
  for (let i = 0; i <= k; i++) {
    const stage = stageOf(j.shape, i);
    const entered = must(starts[i], 'stage start');
    const left = i < k ? must(starts[i + 1], 'stage end') : end;
    const manual = stage.criteria.filter((c) => !isDerived(c.key)).map((c) => c.key);
    let met: string[];
    if (i < k) {
      const skipped = manual.length > 0 && rng.chance(SKIP_CRITERION_CHANCE) ? rng.pick(manual) : null;
      met = manual.filter((key) => key !== skipped);
    } else {
      const share = j.shape.status === 'won' ? 1 : j.shape.status === 'lost' ? 0.3 : 0.5;
      met = manual.filter(() => rng.chance(share));
    }
    for (const key of met) addCriterion(g, j, stage, key, officeTime(rng, entered, left - HOUR));
    if (i < k) addStageChange(g, j, stage, stageOf(j.shape, i + 1), left, manual.filter((key) => !met.includes(key)));
  }
}

function addStageChange(g: Gen, j: JourneyGen, from: StageDef, to: StageDef, at: number, skipped: readonly string[]): void {
  const { rng } = g;
  const unmetDerived = from.criteria.filter((c) => isDerived(c.key) && !derivedHeldAt(c.key, j.concerns, at)).map((c) => c.key);
  const overridden = [...from.criteria.map((c) => c.key).filter((key) => skipped.includes(key)), ...unmetDerived];
  const reasonKeys = [...new Set(overridden.map((key) => (isDerived(key) ? key : 'skipped')))];
  const reason = overridden.length > 0 ? reasonKeys.map((key) => rng.pick(must(OVERRIDE_REASONS[key], `override reason ${key}`))).join(' ') : null;
  const row: StageChangeRow = {
    org_id: g.orgId,
    id: newId(g, at),
    journey_id: j.id,
    from_stage: from.key,
    to_stage: to.key,
    kind: reason ? 'override' : 'advance',
    override_reason: reason,
    overridden: reason ? toJson(overridden) : null,
    actor_id: j.ownerId,
    at: iso(at),
  };
  g.rows.stageChanges.push(row);
  event(g, j, at, 'stage_changed', j.id, { from: from.key, to: to.key, overrideReason: reason, overridden });
}

function directionOf(rng: Random, channel: Channel): Direction {
  switch (channel) {
    case 'cold_call':
    case 'letter':
    case 'demo':
      return 'outbound';
    case 'portal':
      return 'inbound';
    case 'event':
    case 'other':
      return rng.chance(0.5) ? 'outbound' : 'inbound';
    default:
      return rng.chance(0.7) ? 'outbound' : 'inbound';
  }
}

type Purpose = { criterion: string } | { concernId: string } | { why: string };

/** What an interaction served: an open concern, a criterion of the stage, or a written why. */
function purposeOf(rng: Random, j: JourneyGen, stage: StageDef, at: number): Purpose {
  const unresolved = j.concerns.filter((c) => {
    const s = concernStateAt(c, at);
    return s === 'open' || s === 'answered';
  });
  if (unresolved.length > 0 && rng.chance(0.5)) return { concernId: rng.pick(unresolved).id };
  const manual = stage.criteria.filter((c) => !isDerived(c.key));
  if (rng.chance(0.75)) return { criterion: rng.pick(manual.length > 0 ? manual : stage.criteria).key };
  return { why: rng.pick(WHYS) };
}

/**
 * 2–10 interactions spread over the stages the journey went through. Where
 * the stage was left, each one lands in the 14 days before the move with
 * MOVE_CHANCE[channel], else earlier (planted effect 1).
 */
function makeInteractions(g: Gen, j: JourneyGen): void {
  const { rng, now } = g;
  const { starts, end } = j.layout;
  const k = j.shape.stageIndex;
  const n = Math.min(10, Math.max(2, rng.int(2, 4) + k + (k > 0 ? rng.int(0, 2) : 0)));
  const segments = starts.map((s, i) => ({ i, from: s, to: i < k ? must(starts[i + 1], 'stage end') : end }));
  const weights = segments.map((s) => [s, Math.max(1, s.to - s.from)] as const);
  for (let m = 0; m < n; m++) {
    const seg = m < segments.length ? must(segments[m], 'segment') : rng.weighted(weights);
    const stage = stageOf(j.shape, seg.i);
    const channel = rng.weighted(must(CHANNEL_WEIGHTS[stage.key], `channels at ${stage.key}`));
    let lo = seg.from;
    let hi = seg.to - HOUR;
    if (seg.i < k) {
      const followed = rng.chance(MOVE_CHANCE[channel]);
      const nearLo = Math.max(seg.from, seg.to - 13 * DAY);
      const farHi = seg.to - 15 * DAY;
      if (followed || farHi <= seg.from) lo = nearLo;
      else hi = farHi;
    }
    const at = officeTime(rng, lo, hi);
    addInteraction(g, j, stage, channel, at, Math.min(now - MINUTE, at + rng.int(5, 240) * MINUTE));
  }
}

function addInteraction(g: Gen, j: JourneyGen, stage: StageDef, channel: Channel, at: number, createdAt: number): void {
  const { rng } = g;
  const direction = directionOf(rng, channel);
  const contacts = rng.shuffle(j.contacts).slice(0, j.contacts.length > 1 && rng.chance(0.3) ? 2 : 1);
  const purpose = direction === 'outbound' || rng.chance(INBOUND_PURPOSE_CHANCE) ? purposeOf(rng, j, stage, at) : null;
  const row: InteractionRow = {
    org_id: g.orgId,
    id: newId(g, createdAt),
    journey_id: j.id,
    channel,
    direction,
    occurred_at: iso(at),
    summary: fill(rng.pick(SUMMARIES[channel]), contacts[0]),
    contact_ids: toJson(contacts.map((c) => c.id)),
    purpose_criterion: purpose && 'criterion' in purpose ? purpose.criterion : null,
    purpose_concern_id: purpose && 'concernId' in purpose ? purpose.concernId : null,
    purpose_why: purpose && 'why' in purpose ? purpose.why : null,
    stage: stage.key,
    created_by: j.ownerId,
    created_at: iso(createdAt),
  };
  g.rows.interactions.push(row);
  const view = {
    id: row.id,
    journeyId: j.id,
    channel,
    direction,
    occurredAt: row.occurred_at,
    summary: row.summary,
    contactIds: contacts.map((c) => c.id),
    purpose,
    stage: stage.key,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
  event(g, j, at, 'interaction', row.id, view, createdAt);
}

/** 0–5 steps of the mutual plan, some done, some overdue on open journeys (planted effect 7). */
function makePlanSteps(g: Gen, j: JourneyGen): void {
  const { rng, now } = g;
  const { starts, end } = j.layout;
  const t0 = must(starts[0], 'journey start');
  const k = j.shape.stageIndex;
  const count = Math.min(5, rng.int(0, 2) + Math.floor(k / 2) + rng.int(0, 1));
  const pool = must(PLAN_TITLES[Math.min(2, Math.floor(k / 2))], 'plan titles');
  const titles = rng.shuffle(pool).slice(0, count);
  const created = titles.map(() => officeTime(rng, t0 + HOUR, end - HOUR)).sort((a, b) => a - b);
  titles.forEach((title, i) => {
    const createdAt = must(created[i], 'plan step time');
    const dueAt = createdAt + rng.int(3, 30) * DAY;
    const closed = j.shape.status === 'won' || j.shape.status === 'lost';
    const doneChance = j.shape.status === 'won' ? 1 : closed ? 0.5 : dueAt < now ? 0.6 : 0.15;
    const doneAt = rng.chance(doneChance) ? officeTime(rng, createdAt + MINUTE, Math.min(end, dueAt + 3 * DAY)) : null;
    const byBuyer = rng.chance(0.5);
    const row: PlanStepRow = {
      org_id: g.orgId,
      id: newId(g, createdAt),
      journey_id: j.id,
      title,
      position: i + 1,
      owner_user_id: byBuyer ? null : j.ownerId,
      owner_contact_id: byBuyer ? rng.pick(j.contacts).id : null,
      due_date: stockholmDate(dueAt),
      done_at: doneAt === null ? null : iso(doneAt),
      created_at: iso(createdAt),
      updated_at: iso(doneAt ?? createdAt),
    };
    g.rows.planSteps.push(row);
    event(g, j, createdAt, 'plan_step_added', row.id, { title, dueDate: row.due_date });
    if (doneAt !== null) event(g, j, doneAt, 'plan_step_completed', row.id, { title });
  });
}

/** One journey and everything that happened on it. */
function makeJourney(g: Gen, shape: Shape, lay: Layout, account: AccountRow, contacts: ContactRow[], ownerId: string, templateId: string): void {
  const { rng } = g;
  const t0 = must(lay.starts[0], 'journey start');
  const j: JourneyGen = { id: newId(g, t0), shape, layout: lay, ownerId, contacts, concerns: [], times: [t0] };
  const first = stageOf(shape, 0);
  const current = stageOf(shape, shape.stageIndex);
  const title = rng.pick(JOURNEY_TITLES[shape.templateKey]);
  // Value in öre: B2B deals of 40 000–1 800 000 kr in steps of 5 000 kr, consumer ones of 5 000–80 000 kr.
  const valueMinor = shape.templateKey === 'b2b' ? rng.int(8, 360) * 5_000 * 100 : rng.int(5, 80) * 1_000 * 100;
  event(g, j, t0, 'journey_created', j.id, { title, stage: first.key });
  makeConcerns(g, j);
  makeStagePath(g, j);
  makeInteractions(g, j);
  makePlanSteps(g, j);
  let closeReason: string | null = null;
  if (lay.closedAt !== null) {
    const outcome = shape.status === 'won' ? 'won' : 'lost';
    closeReason = outcome === 'won' ? rng.pick(WON_REASONS) : rng.pick(must(LOST_REASONS[current.key], `lost reasons at ${current.key}`));
    event(g, j, lay.closedAt, 'journey_closed', j.id, { outcome, reason: closeReason, stage: current.key });
  }
  if (lay.pausedAt !== null) event(g, j, lay.pausedAt, 'journey_paused', j.id, {});
  g.rows.journeys.push({
    org_id: g.orgId,
    id: j.id,
    account_id: account.id,
    template_id: templateId,
    title,
    title_key: nameKey(title),
    stage: current.key,
    status: shape.status,
    owner_id: ownerId,
    value_minor: valueMinor,
    currency: 'SEK',
    stage_entered_at: iso(must(lay.starts[shape.stageIndex], 'stage entered')),
    created_at: iso(t0),
    updated_at: iso(Math.max(...j.times)),
    closed_at: lay.closedAt === null ? null : iso(lay.closedAt),
    close_reason: closeReason,
  });
}

/** An account and its contacts: 2–5 people at a company, the person themself for a person account. */
function makeAccount(g: Gen, spec: AccountSpec, createdAt: number): { account: AccountRow; contacts: ContactRow[] } {
  const { rng } = g;
  const account: AccountRow = {
    org_id: g.orgId,
    id: newId(g, createdAt),
    kind: spec.kind,
    name: spec.name,
    name_key: nameKey(spec.name),
    org_number: spec.orgNumber,
    website: spec.kind === 'company' ? `https://www.${spec.domain}` : null,
    created_at: iso(createdAt),
    updated_at: iso(createdAt),
  };
  const people: { first: string; last: string; role: BuyingRole }[] = [];
  if (spec.person) people.push({ ...spec.person, role: 'decision_maker' });
  else {
    const count = rng.weighted([[2, 3], [3, 4], [4, 2], [5, 1]]);
    const taken = new Set<string>();
    while (people.length < count) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      if (taken.has(`${first} ${last}`)) continue;
      taken.add(`${first} ${last}`);
      people.push({ first, last, role: people.length === 0 ? 'decision_maker' : rng.weighted(OTHER_ROLES) });
    }
  }
  const contacts = people.map((p): ContactRow => {
    const name = `${p.first} ${p.last}`;
    return {
      org_id: g.orgId,
      id: newId(g, createdAt),
      account_id: account.id,
      name,
      name_key: nameKey(name),
      email: `${asciiSlug(p.first)}.${asciiSlug(p.last)}@${spec.domain}`,
      email_key: emailKey(`${asciiSlug(p.first)}.${asciiSlug(p.last)}@${spec.domain}`),
      // Numbers from the range the Swedish telecom regulator (PTS) sets aside for fiction: 070-174 06 05–99.
      phone: rng.chance(0.6) ? `070-174 06 ${String(rng.int(5, 99)).padStart(2, '0')}` : null,
      title: spec.person ? null : rng.pick(TITLES[p.role]),
      buying_role: p.role,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
    };
  });
  g.rows.accounts.push(account);
  g.rows.contacts.push(...contacts);
  return { account, contacts };
}

/**
 * All rows of the demo's customers and journeys. Shapes and layouts come
 * first, so each account can be created some days before its first journey.
 */
function generate(g: Gen, sellers: readonly string[], templateIds: Record<TemplateKey, string>, orgCreated: number): void {
  const { rng } = g;
  const specs = accountSpecs(rng);
  const companies = specs.filter((s) => s.kind === 'company');
  const persons = specs.filter((s) => s.kind === 'person');
  const planned = shapes(rng).map((shape, i) => {
    const pool = shape.templateKey === 'b2b' ? companies : persons;
    // Round-robin over a shuffled list: every account gets a journey, some get two.
    const spec = must(pool[i % pool.length], 'account for journey');
    return { shape, spec, lay: layout(g, shape), owner: rng.pick(sellers) };
  });
  const made = new Map<AccountSpec, { account: AccountRow; contacts: ContactRow[] }>();
  for (const spec of specs) {
    const firstStart = Math.min(...planned.filter((p) => p.spec === spec).map((p) => must(p.lay.starts[0], 'journey start')));
    const base = Number.isFinite(firstStart) ? firstStart : g.now - 30 * DAY;
    const createdAt = officeTime(rng, Math.max(orgCreated + DAY, base - 45 * DAY), base - 3 * DAY);
    made.set(spec, makeAccount(g, spec, createdAt));
  }
  for (const p of planned) {
    const { account, contacts } = must(made.get(p.spec), 'account');
    makeJourney(g, p.shape, p.lay, account, contacts, p.owner, templateIds[p.shape.templateKey]);
  }
  // Orders last, so that adding them left every row above as it was for a seed.
  const products = makeProducts(g, orgCreated);
  for (const spec of specs) makeOrders(g, must(made.get(spec), 'account').account, orgCreated, products);
}

// ---------------------------------------------------------------------------
// Orders: three years of purchases, in buying habits that give every tier
// ---------------------------------------------------------------------------

const PRODUCTS = [
  { sku: 'NL-LINJE-120', name: 'LED-armatur Linje 120', en: 'LED fitting Linje 120', unitMinor: 189_000 },
  { sku: 'NL-RING-60', name: 'Pendel Ljusring 60', en: 'Pendant Ljusring 60', unitMinor: 449_000 },
  { sku: 'NL-SPOT-MINI', name: 'Spotlight Mini', en: 'Spotlight Mini', unitMinor: 39_900 },
  { sku: 'NL-DALI', name: 'Styrsystem DALI', en: 'DALI control system', unitMinor: 1_250_000 },
  { sku: 'NL-BJORK', name: 'Golvlampa Björk', en: 'Floor lamp Björk', unitMinor: 229_000 },
  { sku: 'NL-SERVICE', name: 'Service och ljusmätning', en: 'Service and light measurement', unitMinor: 650_000 },
  { sku: 'NL-JOUR', name: 'Jourutryckning, servicetekniker', en: 'Call-out, service technician', unitMinor: 120_000 },
] as const;

type DemoProduct = (typeof PRODUCTS)[number];

/** The product rows, made once per demo: orders and quotes point at them. */
function makeProducts(g: Gen, orgCreated: number): Map<DemoProduct, ProductRow> {
  const made = new Map<DemoProduct, ProductRow>();
  for (const p of PRODUCTS) {
    const row: ProductRow = {
      org_id: g.orgId,
      id: newId(g, orgCreated),
      sku: p.sku,
      name_sv: p.name,
      name_en: p.en,
      unit: 'st',
      list_price_minor: p.unitMinor,
      currency: 'SEK',
      vat_rate_bp: 2500,
      active: 1,
      created_at: iso(orgCreated),
      updated_at: iso(orgCreated),
    };
    g.rows.products.push(row);
    made.set(p, row);
  }
  return made;
}

/**
 * Buying habits, by share of accounts: days between orders, how long ago the
 * habit began and how long ago it stopped (0: still buying). Quintile tiers
 * come from comparing accounts, so these give a mix, not one tier each:
 * steady buyers become champions or loyal, lapsed ones at risk.
 */
const HABITS = [
  { share: 0.15, gap: [25, 40], began: [900, 1090], stopped: [0, 15], quantity: [4, 12] },
  { share: 0.18, gap: [55, 100], began: [500, 1000], stopped: [0, 60], quantity: [2, 8] },
  // steady buyers who went quiet a few months ago: still loyal by their numbers, but drifting
  { share: 0.08, gap: [20, 35], began: [700, 1000], stopped: [100, 160], quantity: [3, 8] },
  { share: 0.1, gap: [30, 60], began: [700, 1090], stopped: [250, 480], quantity: [3, 10] },
  { share: 0.18, gap: [150, 300], began: [200, 700], stopped: [0, 200], quantity: [1, 4] },
  { share: 0.18, gap: [9999, 9999], began: [10, 1000], stopped: [0, 0], quantity: [1, 3] },
  // and the rest (about 13 %) have not bought yet: new
] as const;

function makeOrders(g: Gen, account: AccountRow, orgCreated: number, products: Map<DemoProduct, ProductRow>): void {
  const { rng } = g;
  let roll = rng.float(0, 1);
  const habit = HABITS.find((h) => (roll -= h.share) < 0);
  if (!habit) return;
  const span = (r: readonly [number, number]) => rng.int(r[0], r[1]);
  const stop = g.now - span(habit.stopped) * DAY;
  for (let at = Math.max(orgCreated + DAY, g.now - span(habit.began) * DAY); at <= stop; at += span(habit.gap) * DAY * rng.float(0.7, 1.3)) {
    const product = rng.pick(PRODUCTS);
    const quantity = span(habit.quantity);
    const placed = officeTime(rng, at, at + DAY);
    if (placed > g.now) break;
    g.rows.orders.push({
      org_id: g.orgId,
      id: newId(g, placed),
      account_id: account.id,
      ordered_at: stockholmDate(placed),
      product: product.name,
      quantity,
      amount_minor: product.unitMinor * quantity,
      currency: 'SEK',
      external_id: `NL-${g.rows.orders.length + 10_001}`,
      import_id: null,
      product_id: must(products.get(product), 'product').id,
      quote_id: null,
      created_at: iso(placed),
      updated_at: iso(placed),
    });
  }
}

/**
 * Loyalty as the nightly recompute would have left it: a recompute every 30
 * days over the three years (the model refitted every 90), each against the
 * orders placed by then, so that tier history and this quarter's moves hold
 * real changes. The last one is at `now`.
 */
async function replayLoyalty(ctx: AppContext, base: Writer, rng: Random, orgCreated: number, now: number): Promise<void> {
  const moments: number[] = [];
  for (let t = now; t > orgCreated + 60 * DAY; t -= 30 * DAY) moments.unshift(t);
  for (const [i, t] of moments.entries()) {
    const w = new SeededWriter(base, new Date(t), rng);
    await recomputeLoyaltyWithin({ ...ctx, now: () => new Date(t) }, w, 'recompute', (moments.length - 1 - i) % 3 === 0);
  }
}

/**
 * The New Year's Eve story (DESIGN §6): call-outs on New Year's Eve cost
 * three times the list price, "due to demand". The demo prices one draft
 * quote for the coming New Year's Eve at 22:30 on an open journey of a new, a
 * regular and a champion customer (where the demo has one), so the caps and
 * the consent each gets can be seen side by side. Returns the quotes made.
 */
async function newYearsEve(w: SeededWriter, rows: Rows, now: number): Promise<number> {
  const jour = must(rows.products.find((p) => p.sku === 'NL-JOUR'), 'call-out product');
  const year = new Date(now).getUTCFullYear();
  const rule: PriceRuleRow = {
    org_id: w.actor.orgId,
    id: w.id(),
    kind: 'demand',
    rule: toJson({
      kind: 'demand',
      reason: { sv: 'Nyårsafton', en: "New Year's Eve" },
      window: { type: 'absolute', from: `${year}-12-31T22:00`, to: `${year + 1}-01-01T04:00` },
      multiplierBp: 30_000,
      productIds: [jour.id],
    }),
    active: 1,
    created_at: w.iso,
    updated_at: w.iso,
  };
  await w.tx.insertInto('price_rules').values(rule).execute();

  const tiers = new Map((await w.tx.selectFrom('account_loyalty').select(['account_id', 'tier']).where('org_id', '=', w.actor.orgId).execute()).map((r) => [r.account_id, r.tier]));
  const tierOfAccount = (id: string) => (tiers.get(id) ?? 'new') as Tier;
  const history: PriceFact[] = rows.orders
    .filter((o) => o.product_id === jour.id)
    .map((o) => ({ accountId: o.account_id, productId: jour.id, atMs: Date.parse(`${o.ordered_at}T00:00:00Z`), quantity: o.quantity, amountMinor: o.amount_minor }));
  const product = { id: jour.id, sku: jour.sku, names: { sv: jour.name_sv, en: jour.name_en }, unit: jour.unit, listPriceMinor: jour.list_price_minor, currency: 'SEK', vatBp: jour.vat_rate_bp };
  const at = new Date(Date.UTC(year, 11, 31, 21, 30)); // 22:30 in Stockholm
  const engineRule = { ...fromJson<Omit<DemandRule, 'id'>>(rule.rule)!, id: rule.id } as DemandRule;
  let made = 0;
  for (const tier of ['new', 'regular', 'champion'] as const) {
    const journey = rows.journeys.find((j) => j.status === 'open' && tierOfAccount(j.account_id) === tier);
    if (!journey) continue;
    const quote = priceQuote({ accountId: journey.account_id, tier, currency: 'SEK', lines: [{ product, quantity: 2 }] }, [engineRule], DEFAULT_PRICING_POLICY, history, at);
    const version = Number((await w.tx.selectFrom('quotes').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', w.actor.orgId).where('journey_id', '=', journey.id).executeTakeFirstOrThrow()).n) + 1;
    await insertDraftQuote(w, draftQuoteRows(w, journey, version, tier, quote), quote);
    made++;
  }
  return made;
}

// ---------------------------------------------------------------------------
// The use case
// ---------------------------------------------------------------------------

/** Creates the demo org with its team, processes, customers and journeys, in one transaction. */
export async function createDemoOrg(ctx: AppContext, opts: DemoOptions): Promise<DemoResult> {
  const rng = createRandom(opts.seed);
  const now = opts.now.getTime();
  const orgName = opts.orgName ?? 'Nordljus AB';
  // The org has used H2H for three years; its team was set up then. Exactly
  // three years, to the millisecond, so demo orgs made at different times differ.
  const orgCreated = now - 3 * 365 * DAY;
  const orgId = formatId(orgCreated, rng.bytes(10));
  const adminId = formatId(orgCreated, rng.bytes(10));
  // Same seed and same time make the same ids, so a second such org cannot exist.
  if (await findOrg(ctx.store.db, orgId)) throw new AppError('conflict', `A demo org with seed ${opts.seed} made at ${opts.now.toISOString()} already exists; choose another seed.`);
  if (await findUserByEmailKey(ctx.store.db, emailKey(opts.admin.email))) throw new AppError('conflict', `A user with the e-mail ${opts.admin.email} already exists.`);
  // Hashed before the transaction: argon2 takes a while, and SQLite has one writer.
  const passwordHash = await hashPassword(opts.admin.password);
  // users.email_key is unique across orgs: a hash of the org id keeps several demo orgs in one database apart.
  const tag = fnv1a(orgId);
  const team: UserRow[] = TEAM.map((m) => ({
    org_id: orgId,
    id: formatId(orgCreated, rng.bytes(10)),
    email: `${asciiSlug(m.first)}.${asciiSlug(m.last)}+${tag}@demo.h2h.example`,
    email_key: `${asciiSlug(m.first)}.${asciiSlug(m.last)}+${tag}@demo.h2h.example`,
    name: `${m.first} ${m.last}`,
    role: m.role,
    password_hash: null,
    created_at: iso(orgCreated),
    disabled_at: null,
  }));
  const sellers = team.filter((u) => u.role === 'seller').map((u) => u.id);
  const actor: Actor = { orgId, userId: null, role: 'admin', kind: 'system' };

  return write(ctx, actor, async (base) => {
    const w = new SeededWriter(base, new Date(orgCreated), rng);
    await insertOrg(w.tx, { id: orgId, name: orgName, locale: 'sv', time_zone: 'Europe/Stockholm', created_at: iso(orgCreated) });
    const admin: UserRow = {
      org_id: orgId,
      id: adminId,
      email: opts.admin.email.trim(),
      email_key: emailKey(opts.admin.email),
      name: opts.admin.name,
      role: 'admin',
      password_hash: passwordHash,
      created_at: iso(orgCreated),
      disabled_at: null,
    };
    for (const user of [admin, ...team]) await insertUser(w.tx, user);
    await seedBuiltinTemplates(w, orgId);
    const b2b = await findTemplateByKey(w.tx, orgId, 'b2b');
    const consumer = await findTemplateByKey(w.tx, orgId, 'consumer');
    if (!b2b || !consumer) throw new AppError('internal', 'The built-in process templates were not created.');

    const rows: Rows = { accounts: [], products: [], orders: [], contacts: [], journeys: [], criteria: [], stageChanges: [], interactions: [], concerns: [], planSteps: [], timeline: [] };
    generate({ rng, orgId, now, rows }, sellers, { b2b: b2b.id, consumer: consumer.id }, orgCreated);

    // Parents before children, for the foreign keys.
    await insertChunked(rows.accounts, (part) => w.tx.insertInto('accounts').values(part).execute());
    await insertChunked(rows.contacts, (part) => w.tx.insertInto('contacts').values(part).execute());
    await insertChunked(rows.journeys, (part) => w.tx.insertInto('journeys').values(part).execute());
    await insertChunked(rows.criteria, (part) => w.tx.insertInto('journey_criteria').values(part).execute());
    await insertChunked(rows.stageChanges, (part) => w.tx.insertInto('stage_changes').values(part).execute());
    await insertChunked(rows.concerns, (part) => w.tx.insertInto('concerns').values(part).execute());
    await insertChunked(rows.interactions, (part) => w.tx.insertInto('interactions').values(part).execute());
    await insertChunked(rows.planSteps, (part) => w.tx.insertInto('plan_steps').values(part).execute());
    await insertChunked(rows.timeline, (part) => w.tx.insertInto('timeline_events').values(part).execute());
    await insertChunked(rows.products, (part) => w.tx.insertInto('products').values(part).execute());
    await insertChunked(rows.orders, (part) => w.tx.insertInto('orders').values(part).execute());
    await replayLoyalty(ctx, base, rng, orgCreated, now);
    const quotes = await newYearsEve(new SeededWriter(base, new Date(now), rng), rows, now);

    const counts = {
      users: 1 + team.length,
      accounts: rows.accounts.length,
      contacts: rows.contacts.length,
      journeys: rows.journeys.length,
      interactions: rows.interactions.length,
      concerns: rows.concerns.length,
      planSteps: rows.planSteps.length,
      orders: rows.orders.length,
      products: rows.products.length,
      quotes,
    };
    await new SeededWriter(base, opts.now, rng).audit('demo.create', 'org', orgId, null, { name: orgName, seed: opts.seed, counts });
    return { orgId, adminId, counts };
  });
}

/**
 * The moment a demo is dated back from by default: Monday 00:00 UTC of the
 * week. Weekdays matter to the data (people meet on workdays), so demos made
 * in any week hold the same content, and in the same week the same rows.
 */
export function demoAnchor(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * 86_400_000);
}
