/**
 * Row types of every table: the one `Database` interface Kysely checks
 * queries against. Times are ISO 8601 UTC strings, booleans are 0/1 and JSON
 * is text, so both backends return the same shapes (docs/decisions/0002).
 */
import type { Insertable, Selectable } from 'kysely';

export interface OrgTable {
  id: string;
  name: string;
  locale: string;
  time_zone: string;
  created_at: string;
}

export interface UserTable {
  org_id: string;
  id: string;
  email: string;
  email_key: string;
  name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  org_id: string;
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  org_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AccountTable {
  org_id: string;
  id: string;
  kind: string;
  name: string;
  name_key: string;
  org_number: string | null;
  website: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTable {
  org_id: string;
  id: string;
  account_id: string;
  name: string;
  name_key: string;
  email: string | null;
  /** the e-mail in lower case, for matching (imports) */
  email_key: string | null;
  phone: string | null;
  title: string | null;
  buying_role: string;
  created_at: string;
  updated_at: string;
}

export interface ProcessTemplateTable {
  org_id: string;
  id: string;
  key: string;
  name_sv: string;
  name_en: string;
  stages: string;
  builtin: number;
  created_at: string;
}

export interface JourneyTable {
  org_id: string;
  id: string;
  account_id: string;
  template_id: string;
  title: string;
  /** nameKey(title): what the board's text filter matches */
  title_key: string;
  stage: string;
  status: string;
  owner_id: string;
  value_minor: number | null;
  currency: string;
  stage_entered_at: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
}

export interface JourneyCriterionTable {
  org_id: string;
  journey_id: string;
  stage: string;
  criterion_key: string;
  evidence: string;
  met_at: string;
  met_by: string | null;
}

export interface StageChangeTable {
  org_id: string;
  id: string;
  journey_id: string;
  from_stage: string;
  to_stage: string;
  kind: string;
  override_reason: string | null;
  overridden: string | null;
  actor_id: string | null;
  at: string;
}

export interface InteractionTable {
  org_id: string;
  id: string;
  journey_id: string;
  channel: string;
  direction: string;
  occurred_at: string;
  summary: string;
  contact_ids: string;
  purpose_criterion: string | null;
  purpose_concern_id: string | null;
  purpose_why: string | null;
  stage: string;
  created_by: string | null;
  created_at: string;
}

export interface ConcernTable {
  org_id: string;
  id: string;
  journey_id: string;
  topic: string;
  text: string;
  blocking: number;
  status: string;
  answer: string | null;
  contact_id: string | null;
  raised_by: string | null;
  raised_at: string;
  answered_at: string | null;
  closed_at: string | null;
}

export interface PlanStepTable {
  org_id: string;
  id: string;
  journey_id: string;
  title: string;
  position: number;
  owner_user_id: string | null;
  owner_contact_id: string | null;
  due_date: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TimelineEventTable {
  org_id: string;
  id: string;
  journey_id: string;
  at: string;
  kind: string;
  entity_id: string | null;
  actor_id: string | null;
  data: string;
}

export interface AuditTable {
  org_id: string;
  id: string;
  at: string;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export interface MigrationTable {
  name: string;
  started_at: string;
  finished_at: string | null;
}

export interface OrderTable {
  org_id: string;
  id: string;
  account_id: string;
  /** YYYY-MM-DD, or an ISO time in UTC */
  ordered_at: string;
  product: string | null;
  quantity: number;
  /** the order's total in minor units (öre) */
  amount_minor: number;
  currency: string;
  /** the order number in the system it came from */
  external_id: string | null;
  import_id: string | null;
  /** the product it was for, when known */
  product_id: string | null;
  /** the accepted quote that made it */
  quote_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImportJobTable {
  org_id: string;
  id: string;
  entity: string;
  file_name: string;
  file_hash: string;
  file_size: number;
  /** where an uploaded file waits on the server; null for the CLI's own files */
  file_path: string | null;
  encoding: string | null;
  separator: string | null;
  /** JSON: the file's header row */
  headers: string | null;
  /** JSON: the header → field map in use */
  column_map: string | null;
  on_duplicate: string;
  status: string;
  /** rows up to and including this one are committed */
  next_row: number;
  bytes_done: number;
  rows_read: number;
  rows_inserted: number;
  rows_updated: number;
  rows_duplicate: number;
  rows_rejected: number;
  error: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ImportRejectTable {
  org_id: string;
  job_id: string;
  row: number;
  /** JSON: the row's cells as read */
  cells: string;
  reason: string;
  /** the reason with the values it quotes left out (`email: "…" is not an e-mail address`) */
  reason_kind: string;
}

/** An index a big load set aside, and the SQL that rebuilds it (store/sqlite/bulk.ts). */
export interface SuspendedIndexTable {
  name: string;
  sql: string;
}

/** One JSON settings document per org and topic (`loyalty`, …). */
export interface OrgSettingTable {
  org_id: string;
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
}

/** An account's order totals, scores and tier as last computed (app/loyalty.ts); no row: no orders, tier `new`. */
export interface AccountLoyaltyTable {
  org_id: string;
  account_id: string;
  tier: string;
  /** YYYY-MM-DD (UTC) */
  first_order_on: string;
  last_order_on: string;
  /** days with at least one order */
  order_days: number;
  /** F: orders in the window */
  frequency: number;
  /** M: money in the window, minor units */
  monetary_minor: number;
  r: number;
  f: number;
  m: number;
  computed_at: string;
}

/** Per org: the quintile cuts and the model the stored tiers were computed with. */
export interface LoyaltyStateTable {
  org_id: string;
  /** JSON {r, f, m}: four cuts each */
  cuts: string;
  /** JSON BG/NBD fit (weeks), or null */
  model: string | null;
  accounts: number;
  computed_at: string;
}

export interface TierChangeTable {
  org_id: string;
  id: string;
  account_id: string;
  from_tier: string;
  to_tier: string;
  at: string;
  /** order | recompute | settings */
  cause: string;
}

/** What an org sells (DESIGN §6). */
export interface ProductTable {
  org_id: string;
  id: string;
  /** unique in the org */
  sku: string;
  name_sv: string;
  name_en: string;
  /** the unit a quantity counts, e.g. st, h, m */
  unit: string;
  list_price_minor: number;
  currency: string;
  /** VAT in basis points: 2500 = 25 % */
  vat_rate_bp: number;
  /** 0/1: an inactive product is kept for history but not offered */
  active: number;
  created_at: string;
  updated_at: string;
}

/** A product's recorded cost from a day on. */
export interface ProductCostTable {
  org_id: string;
  id: string;
  product_id: string;
  cost_minor: number;
  /** YYYY-MM-DD */
  effective_from: string;
  note: string | null;
  created_at: string;
}

/** A demand, cost or discount rule; `rule` is the engine's rule (domain/pricing-types.ts) without its id, as JSON. */
export interface PriceRuleTable {
  org_id: string;
  id: string;
  kind: string;
  rule: string;
  /** 0/1 */
  active: number;
  created_at: string;
  updated_at: string;
}

/** A quote on a journey; `status` draft | sent | viewed | accepted | declined | superseded (expired is read from valid_until). */
export interface QuoteTable {
  org_id: string;
  id: string;
  journey_id: string;
  account_id: string;
  version: number;
  status: string;
  tier: string;
  currency: string;
  priced_at: string;
  valid_until: string | null;
  total_minor: number;
  vat_minor: number;
  reference_total_minor: number;
  consent_required: number;
  consent_threshold_bp: number;
  consent_multiplier_tenths: number | null;
  sent_at: string | null;
  viewed_at: string | null;
  accepted_at: string | null;
  /** JSON {name, contactId?, userId?, consentTyped?} */
  accepted_by: string | null;
  declined_at: string | null;
  decline_reason: string | null;
  superseded_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One line of a quote: `priced` is the engine's PricedLine as JSON. */
export interface QuoteLineTable {
  org_id: string;
  quote_id: string;
  position: number;
  product_id: string;
  quantity: number;
  priced: string;
}

/** A magic link into one journey's room for one contact: only the hash of its secret is kept. */
export interface PortalInviteTable {
  org_id: string;
  id: string;
  journey_id: string;
  contact_id: string;
  email: string | null;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/** What a redeemed magic link becomes: a session for that journey and contact, hashed like the link. */
export interface PortalSessionTable {
  org_id: string;
  token_hash: string;
  invite_id: string;
  journey_id: string;
  contact_id: string;
  created_at: string;
  expires_at: string;
  /** the e-mail key an OIDC sign-in verified; null for a magic link's session */
  signed_in_email: string | null;
}

/** A link a buyer asked for by e-mail: opens its invite's room once, within an hour. */
export interface PortalSignInLinkTable {
  org_id: string;
  token_hash: string;
  invite_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A member's sign-off on a journey: `ready`, or `not_yet` with a reason. */
export interface RoomSignOffTable {
  org_id: string;
  journey_id: string;
  contact_id: string;
  state: string;
  reason: string | null;
  at: string;
}

/** One member's own criterion for the deal, in their words. */
export interface RoomMemberCriterionTable {
  org_id: string;
  id: string;
  journey_id: string;
  contact_id: string;
  text: string;
  created_at: string;
}

/** A stage criterion a buyer confirmed in the room. */
export interface RoomCriterionConfirmationTable {
  org_id: string;
  journey_id: string;
  stage: string;
  criterion_key: string;
  contact_id: string;
  confirmed_at: string;
}

/** A buyer's calendar-feed address: only the hash of its secret is kept. */
export interface RoomCalendarFeedTable {
  org_id: string;
  token_hash: string;
  journey_id: string;
  contact_id: string;
  created_at: string;
}

/** A comment in a journey's thread: a buyer's, a seller's or a guest's (DESIGN §5). */
export interface CommentTable {
  org_id: string;
  id: string;
  journey_id: string;
  /** contact | user | guest */
  author_kind: string;
  author_contact_id: string | null;
  author_user_id: string | null;
  /** the name as it was when they wrote */
  author_name: string;
  /** a guest's */
  author_email: string | null;
  author_website: string | null;
  /** plain text, as typed */
  text: string;
  /** published | pending | rejected */
  status: string;
  created_at: string;
  moderated_by: string | null;
  moderated_at: string | null;
}

/** A journey's guest link for its thread: only the hash of its secret is kept. */
export interface CommentGuestLinkTable {
  org_id: string;
  journey_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
}

/** A case (complaint) on a journey (DESIGN §8). */
export interface CaseTable {
  org_id: string;
  id: string;
  journey_id: string;
  account_id: string;
  topic: string;
  description: string;
  quote_id: string | null;
  order_id: string | null;
  /** open | proposed | resolved | closed */
  status: string;
  /** urgent | high | normal | low, from `tier` */
  priority: string;
  /** the account's loyalty tier when the case was opened */
  tier: string;
  /** contact | user */
  opened_by_kind: string;
  opened_by_contact_id: string | null;
  opened_by_user_id: string | null;
  opened_by_name: string;
  opened_at: string;
  first_response_at: string | null;
  updated_at: string;
  /** derived from the case's steps (src/domain/cases.ts replayCase), written with each step */
  proposed_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  /** times a buyer's reply reopened a resolved case */
  reopened: number;
  /** the seller's last check-in after an acceptance */
  checked_in_at: string | null;
}

/** What happened to a case, in order: its state is the replay of these (src/domain/cases.ts). */
export interface CaseStepTable {
  org_id: string;
  id: string;
  case_id: string;
  /** opened | message | proposed | accepted | rejected | closed | checked_in */
  kind: string;
  at: string;
  /** contact | user */
  by_kind: string;
  by_id: string | null;
  by_name: string;
  resolution: string | null;
  amount_minor: number | null;
  currency: string | null;
  /** a proposal's text, an answer's comment, a closing's reason, a check-in's note */
  text: string | null;
}

/** A message on a case, by the buyer (contact) or a seller (user). */
export interface CaseMessageTable {
  org_id: string;
  id: string;
  case_id: string;
  author_kind: string;
  author_contact_id: string | null;
  author_user_id: string | null;
  author_name: string;
  text: string;
  at: string;
}

export interface Database {
  comments: CommentTable;
  comment_guest_links: CommentGuestLinkTable;
  cases: CaseTable;
  case_messages: CaseMessageTable;
  case_steps: CaseStepTable;
  room_sign_offs: RoomSignOffTable;
  room_member_criteria: RoomMemberCriterionTable;
  room_criterion_confirmations: RoomCriterionConfirmationTable;
  room_calendar_feeds: RoomCalendarFeedTable;
  portal_invites: PortalInviteTable;
  portal_sessions: PortalSessionTable;
  portal_sign_in_links: PortalSignInLinkTable;
  quotes: QuoteTable;
  quote_lines: QuoteLineTable;
  price_rules: PriceRuleTable;
  products: ProductTable;
  product_costs: ProductCostTable;
  org_settings: OrgSettingTable;
  account_loyalty: AccountLoyaltyTable;
  loyalty_state: LoyaltyStateTable;
  tier_changes: TierChangeTable;
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  accounts: AccountTable;
  contacts: ContactTable;
  process_templates: ProcessTemplateTable;
  journeys: JourneyTable;
  journey_criteria: JourneyCriterionTable;
  stage_changes: StageChangeTable;
  interactions: InteractionTable;
  concerns: ConcernTable;
  plan_steps: PlanStepTable;
  timeline_events: TimelineEventTable;
  audit_log: AuditTable;
  orders: OrderTable;
  import_jobs: ImportJobTable;
  import_rejects: ImportRejectTable;
  h2h_suspended_indexes: SuspendedIndexTable;
  h2h_migrations: MigrationTable;
}

export type OrgRow = Selectable<OrgTable>;
export type UserRow = Selectable<UserTable>;
export type AccountRow = Selectable<AccountTable>;
export type ContactRow = Selectable<ContactTable>;
export type TemplateRow = Selectable<ProcessTemplateTable>;
export type JourneyRow = Selectable<JourneyTable>;
export type InteractionRow = Selectable<InteractionTable>;
export type ConcernRow = Selectable<ConcernTable>;
export type PlanStepRow = Selectable<PlanStepTable>;
export type TimelineEventRow = Selectable<TimelineEventTable>;
export type AuditRow = Selectable<AuditTable>;
export type OrderRow = Selectable<OrderTable>;
export type ProductRow = Selectable<ProductTable>;
export type ProductCostRow = Selectable<ProductCostTable>;
export type PriceRuleRow = Selectable<PriceRuleTable>;
export type QuoteRow = Selectable<QuoteTable>;
export type QuoteLineRow = Selectable<QuoteLineTable>;
export type PortalInviteRow = Selectable<PortalInviteTable>;
export type PortalSessionRow = Selectable<PortalSessionTable>;
export type RoomSignOffRow = Selectable<RoomSignOffTable>;
export type RoomMemberCriterionRow = Selectable<RoomMemberCriterionTable>;
export type CommentRow = Selectable<CommentTable>;
export type CaseRow = Selectable<CaseTable>;
export type CaseMessageRow = Selectable<CaseMessageTable>;
export type CaseStepRow = Selectable<CaseStepTable>;
export type ImportJobRow = Selectable<ImportJobTable>;
export type NewJourney = Insertable<JourneyTable>;
