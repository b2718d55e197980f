// The TypeScript types of every structured value the binding (src/wasm/mod.rs) returns or
// takes, included at build time by its `typescript_custom_section`; the functions there name
// them with `unchecked_return_type` / `unchecked_param_type`, so the generated
// `credit_supervision.d.ts` carries them. They mirror the serde shapes of the core's structs
// (camelCase; `Option` → `null`, as `to_js` uses serde-wasm-bindgen's `json_compatible`
// serializer; enums as their serde names). `tests/types/shapes.test.mjs` checks real results
// against these declarations key by key, so keep to the style it parses: one
// `export interface X [extends B, C] { key: T; key?: T; }` or `export type X = …;` per item,
// with T a union of `string`, `number`, `boolean`, `null`, string literals, declared names and
// `T[]` / `(…)[]`. docs/js-api.md repeats them (the test compares the two).

/** A date, `"YYYY-MM-DD"`. */
export type IsoDate = string;
/** A class as a letter. */
export type ClassLetter = "A" | "B" | "C" | "D";
/** A class as a letter, or `"-"` when not classified (deregistered, revoked, moved out). */
export type ClassOrNone = ClassLetter | "-";
/** A record kind code; `inspector` (the roster) and `item` (the item list) are planning inputs, not records of an enterprise. */
export type RecordKind = "registration" | "annual_report" | "licence" | "penalty" | "inspection" | "list_entry" | "commitment" | "complaint" | "inspector" | "item";
export type Dimension = "basic" | "dynamic" | "supervision" | "relations" | "social";
export type EntityType = "company" | "individual" | "cooperative" | "partnership" | "sole_proprietorship" | "branch" | "other";
export type RegStatus = "active" | "revoked" | "deregistered" | "moved_out" | "suspended" | "liquidating" | "other";
export type PenaltyKind = "warning" | "criticism" | "fine" | "confiscation" | "suspension" | "demotion" | "licence_revoked" | "business_licence_revoked" | "restrict_operation" | "suspend_operation" | "closure" | "restrict_practice";
export type AbnormalText = "rules2014" | "regs2024" | "order101";
export type ListReason = "no_annual_report" | "instant_info" | "false_information" | "unreachable" | "name_change" | "heavy_penalty" | "abnormal_three_years" | "other";
/** The legal regime an answer follows: 2021 rules, or SAMR Order No. 107. */
export type Regime = "rules2021" | "order107";
/** L: checked against the law's text; S: a secondary source; P: the bureau's practice. */
export type BasisMark = "L" | "S" | "P";
export type ConditionStatus = "met" | "unmet" | "unknown";
/** Why scoring stopped counting a record before its window ended. */
export type ScoreStop = "revoked" | "publicity_ended";
export type PeriodRule = "short" | "long" | "restriction" | "grade" | "transition";
export type Grade = "minor" | "general" | "serious";
export type MeasureKind = "incentive" | "restriction";
export type OverrideRule = "none" | "serious_list" | "abnormal_list" | "manual";
export type DayKind = "workday" | "weekend" | "holiday" | "swapped_workday";
export type AuditAction = "dispute" | "correct" | "confirm" | "repair" | "adjust_class";
/** The objection actions `Workspace.object` takes (`adjust_class` is `adjustClass`). */
export type ObjectionAction = "dispute" | "correct" | "confirm" | "repair";
/** Sort keys of `Workspace.order`. */
export type SortKey = "score" | "class" | "uscc" | "name" | "region";
/** The `code` of every thrown `Error`. */
export type ErrorCode = "policy" | "csv" | "uscc" | "date" | "argument" | "state" | "cancelled" | "audit" | "export" | "internal";
/** Called when the whole percent changes; return `false` to cancel (the call throws `code: "cancelled"`). Stages: `generate:<file>`, `load:<file>`, `score`, `classes`. */
export type ProgressCallback = (stage: string, fraction: number) => boolean | void;

/** A thrown error: a real `Error` with `code` and, when known, where. */
export interface CreditSupervisionError extends Error {
  code: ErrorCode;
  file?: string;
  line?: number;
  column?: string;
  value?: string;
  path?: string;
  entry?: number;
  reason?: FileFailureReason;
  messageZh?: string;
  headers?: string[];
  kind?: string;
  /** The argument at fault (`code: "argument"` or `"date"`): `asOf`, `from`, `n`, `months`, `seed`, … */
  argument?: string;
}

/** `loadFile` / `beginFile` options, passed as `JSON.stringify(options)`; every field may be left out. */
export interface LoadOptions {
  kind?: RecordKind | null;
  encoding?: "utf-8" | "gbk" | "gb18030" | "utf-16le" | "utf-16be" | null;
  delimiter?: string | null;
  hasHeader?: boolean | null;
  sheet?: string | null;
  /** Header as written → column key. */
  mapping?: Record<string, string>;
  format?: "csv" | "xlsx" | "xls" | "ods" | "json" | null;
  size?: number | null;
  /** Rejected rows kept in full in `FileReport.errors` (default 1000); all are counted and exported. */
  maxErrors?: number | null;
  /** Largest file accepted, bytes (default 2 GiB in wasm): larger ones throw `reason: "too_large"`. */
  maxFileBytes?: number | null;
  /** Most a workbook's parts may decompress to (an .xls: its workbook stream), bytes (default 4 GiB). */
  xlsxMaxBytes?: number | null;
  /** Most cells read from a workbook, .xlsx, .xls or .ods (default 67108864). */
  xlsxMaxCells?: number | null;
}

export interface IndicatorInfo {
  id: string;
  dimension: Dimension;
  dimensionZh: string;
  zh: string;
  en: string;
  points: number;
  windowMonths: number;
  maxCount: number;
  decayTo: number | null;
  enabled: boolean;
}

export interface Column {
  key: string;
  zh: string;
  aliases: string[];
  required: boolean;
  doc: string;
}

export interface KindColumns {
  kind: RecordKind;
  kindZh: string;
  fileName: string;
  columns: Column[];
}

/** One rejected row. */
export interface RowError {
  file: string;
  /** Present for a sheet of a workbook only. */
  sheet?: string;
  line: number;
  record: number;
  column: string;
  value: string;
  reason: string;
  message: string;
  messageZh: string;
}

/** One example of a warning. */
export interface WarningExample {
  line: number;
  value: string;
}

/** The warnings of one column of a file. */
export interface ColumnWarning {
  column: string;
  key: string;
  /** `other_term`, `unknown_region` or `unknown_industry` (`vocabulary().loadNotes`). */
  reason: string;
  message: string;
  messageZh: string;
  count: number;
  examples: WarningExample[];
}

/** A row skipped with its text. */
export interface SkippedRow {
  line: number;
  /** `above_header`, `summary` or `empty_row` (a Parquet row with every column empty) (`vocabulary().loadNotes`). */
  reason: string;
  text: string;
}

/** One line of a conflicting registration. */
export interface ConflictLine {
  file: string;
  sheet: string | null;
  line: number;
  name: string;
  entityType: string;
  status: string;
}

/** A USCC registered twice with a different name, type or status. */
export interface Conflict {
  uscc: string;
  /** `name`, `entity_type`, `status`. */
  differs: string[];
  /** The line held (the first read). */
  kept: ConflictLine;
  /** The repeat, not loaded. */
  repeat: ConflictLine;
}

export interface FileReport {
  file: string;
  sheet: string | null;
  format: "csv" | "xlsx" | "xls" | "ods" | "json";
  encoding: string | null;
  /** Why that encoding (BOM, the first 64 KiB valid UTF-8, GB18030 only when it decodes cleanly, set by the user). */
  encodingReason: string | null;
  encodingReasonZh: string | null;
  delimiter: string | null;
  kind: RecordKind;
  kindZh: string;
  hasHeader: boolean;
  headers: string[];
  rowsRead: number;
  accepted: number;
  duplicates: number;
  /** Registrations repeating a USCC with a different name, type or status: not loaded, listed in `conflictRows`. */
  conflicts: number;
  /** The first conflicts (`maxErrors`), each with the line held and the repeat. */
  conflictRows: Conflict[];
  /** Which line is kept when a USCC repeats (registration files; null for other kinds). */
  conflictRule: string | null;
  conflictRuleZh: string | null;
  /** Rows skipped, not records: titles above the header, 合计/总计/备注 lines. rowsRead = accepted + duplicates + conflicts + rejected + skipped. */
  skipped: number;
  /** The first 100 skipped rows with their text. */
  skippedRows: SkippedRow[];
  /** Accepted (or duplicate) rows with at least one warning. */
  warned: number;
  /** Warnings per column: unrecognised values of optional columns (kept as written, read as other), USCCs whose region GB/T 2260 does not know. */
  warnings: ColumnWarning[];
  rejected: number;
  /** Rejected rows by reason code (every one, also those past `errors`). */
  rejectedByReason: Record<string, number>;
  /** Rejected rows by the header of the offending column (whole-row problems not counted). */
  rejectedByColumn: Record<string, number>;
  unknownColumns: string[];
  errors: RowError[];
}

export interface LoadReport {
  files: FileReport[];
  enterprises: number;
  registered: number;
  records: number;
  /** Inspectors of the roster (not records). */
  inspectors: number;
  /** Items of the item list (not records). */
  items: number;
}

/** What `pushChunk` has read so far. */
export interface ChunkProgress {
  bytes: number;
  rows: number;
}

export interface StoreCounts {
  enterprises: number;
  registered: number;
  records: number;
  /** Inspectors of the roster (not records). */
  inspectors: number;
  /** Items of the item list (not records). */
  items: number;
}

export interface ClassCounts {
  A: number;
  B: number;
  C: number;
  D: number;
}

export interface ScoreSummary {
  asOf: IsoDate;
  enterprises: number;
  classified: number;
  unclassified: number;
  counts: ClassCounts;
  meanScore: number;
  unregistered: number;
  overridden: number;
  policyDigest: string;
}

/** One row of the result table. */
export interface Row {
  id: number;
  uscc: string;
  name: string;
  entityType: EntityType | "";
  entityTypeZh: string;
  region: string;
  status: RegStatus | "";
  statusZh: string;
  score: number;
  class: ClassOrNone;
  classBeforeOverride: ClassOrNone;
  /** Short, in Chinese. */
  reasons: string;
  /** The same reasons in English. */
  reasonsEn: string;
}

export interface OverrideView {
  rule: OverrideRule;
  zh: string;
  en: string;
}

export interface Reason {
  indicator: string;
  dimension: Dimension;
  dimensionZh: string;
  zh: string;
  en: string;
  points: number;
  recordKind: RecordKind | null;
  recordIndex: number | null;
  recordDate: IsoDate | null;
  /** The record described (Chinese). */
  detail: string;
  /** The same in English; the record's own values (decision number, item…) as written. */
  detailEn: string;
}

/** A record inside its window that does not count. */
export interface ExcludedRecord {
  recordKind: RecordKind;
  recordIndex: number;
  recordDate: IsoDate;
  detail: string;
  detailEn: string;
  cause: ScoreStop;
  since: IsoDate;
  zh: string;
  en: string;
}

export interface Explanation {
  uscc: string;
  name: string;
  asOf: IsoDate;
  score: number;
  baseScore: number;
  class: ClassOrNone;
  classBeforeOverride: ClassOrNone;
  override: OverrideView | null;
  reasons: Reason[];
  excluded: ExcludedRecord[];
}

export interface ClassDraw {
  class: ClassLetter;
  population: number;
  ratio: number;
  sample: number;
}

export interface DrawnEnterprise {
  id: number;
  uscc: string;
  name: string;
  class: ClassOrNone;
  region: string;
}

export interface Draw {
  seed: string;
  asOf: IsoDate;
  overallRatio: number;
  population: number;
  sampleSize: number;
  /** SHA-256 over the seed, the as-of date, the three digests below, the ratio and the list. */
  digest: string;
  perClass: ClassDraw[];
  selected: DrawnEnterprise[];
  /** The policy digest of the scoring drawn from. */
  policyDigest: string;
  /** SHA-256 of the records loaded (independent of load order). */
  recordsDigest: string;
  /** SHA-256 of the audit trail applied. */
  auditDigest: string;
}

/** The regime and legal basis every rules answer carries. */
export interface Basis {
  regime: Regime;
  /** Instrument and article, or 条款待核对. */
  basis: string;
  /** The same in English ("… (article to be checked)"). */
  basisEn: string;
  basisMark: BasisMark;
}

export interface Condition {
  id: string;
  zh: string;
  en: string;
  status: ConditionStatus;
  /** What the records say (Chinese). */
  detail: string;
  /** The same in English, from the same values. */
  detailEn: string;
}

export interface KindPeriod {
  kind: PenaltyKind;
  kindZh: string;
  kindEn: string;
  months: number;
}

export interface LowFineCheck {
  amount: number;
  threshold: number;
  inclusive: boolean;
  /** `business` under Order 107. */
  subject: "person" | "organisation" | "business";
  low: boolean;
}

/** The publicity of a penalty decision. */
export interface Publicity extends Basis {
  published: boolean;
  reasonZh: string;
  reasonEn: string;
  decisionDate: IsoDate;
  publishBy: IsoDate | null;
  /** Order 45 第九条、第十条. */
  publishByBasis: Basis | null;
  start: IsoDate | null;
  /** The first day not published. */
  ends: IsoDate | null;
  lastDay: IsoDate | null;
  periodMonths: number | null;
  periodRule: PeriodRule | null;
  grade: Grade | null;
  perKind: KindPeriod[];
  lowFine: LowFineCheck | null;
  inForce: boolean;
  /** 撤销日期. */
  revoked: IsoDate | null;
  /** Revoked on or before asOf: not in force. */
  withdrawn: boolean;
  withdrawBy: IsoDate | null;
  uncoveredYears: number[];
  notes: string[];
  /** `notes` in English, one for one. */
  notesEn: string[];
}

export interface SeriousEligibility extends Basis {
  candidate: boolean;
  conditions: Condition[];
}

export interface Transfer extends Basis {
  on: IsoDate;
  reminderFrom: IsoDate;
  /** False once the 3 years complete on or after 2024-05-01. */
  applies: boolean;
  inReminderWindow: boolean;
  due: boolean;
  noteZh: string | null;
  noteEn: string | null;
}

export interface AbnormalAnswer extends Basis {
  /** The texts in force on the listing date. */
  texts: AbnormalText;
  listed: IsoDate;
  removed: IsoDate | null;
  inForce: boolean;
  marked: boolean;
  statusZh: string;
  statusEn: string;
  reason: ListReason;
  reasonZh: string;
  reasonEn: string;
  cureZh: string;
  cureEn: string;
  listingWithinWorkingDays: number;
  removalDecisionWorkingDays: number;
  removalBasis: Basis;
  objectionUntil: IsoDate;
  objectionOpen: boolean;
  objectionAcceptWorkingDays: number;
  objectionVerifyWorkingDays: number;
  transfer: Transfer | null;
  simplifiedDeregistrationBlocked: boolean;
  objectionBasis: Basis;
  notes: string[];
  /** `notes` in English, one for one. */
  notesEn: string[];
}

export interface SeriousAnswer extends Basis {
  listed: IsoDate;
  removed: IsoDate | null;
  inForce: boolean;
  reasonZh: string;
  reasonEn: string;
  periodEnds: IsoDate;
  lastDay: IsoDate;
  /** A longer recorded restriction's end, when it sets periodEnds (Order 44 第二十一条). */
  restrictionEnds: IsoDate | null;
  earlyRemovalFrom: IsoDate;
  earlyRemovalOpen: boolean;
  consequences: string[];
  /** `consequences` in English, one for one. */
  consequencesEn: string[];
  consequencesBasis: Basis;
}

/** One record of an enterprise with its windows and list answers. */
export interface RecordView {
  recordKind: RecordKind;
  recordIndex: number;
  date: IsoDate;
  /** The record described (Chinese). */
  detail: string;
  /** The same in English; the record's own values (decision number, item…) as written. */
  detailEn: string;
  indicator: string | null;
  inScoreWindow: boolean;
  scoreWindowEnds: IsoDate | null;
  excluded: boolean;
  scoreStop: ScoreStop | null;
  publicity: Publicity | null;
  seriousEligibility: SeriousEligibility | null;
  abnormal: AbnormalAnswer | null;
  serious: SeriousAnswer | null;
}

export interface WhatIf {
  scoreNow: number;
  classNow: ClassOrNone;
  score: number;
  class: ClassOrNone;
  delta: number;
}

export interface RepairOption extends Basis {
  recordKind: RecordKind;
  recordIndex: number;
  recordDate: IsoDate;
  detail: string;
  detailEn: string;
  repairable: boolean;
  eligibleNow: boolean;
  summaryZh: string;
  summaryEn: string;
  grade: Grade | null;
  earliest: IsoDate | null;
  conditions: Condition[];
  stopsByItself: IsoDate | null;
  scoreWindowEnds: IsoDate | null;
  /** Decided within this many working days of acceptance. */
  decisionWorkingDays: number | null;
  /** Accepted or refused within this many working days of receipt (null: no period read). */
  acceptWorkingDays: number | null;
  /** The last day of acceptance, if applied on the later of the as-of date and `earliest`. */
  acceptBy: IsoDate | null;
  /** The decision's due date, counted from acceptance; null while a condition is unmet. */
  decisionDue: IsoDate | null;
  /** What must happen first, when `decisionDue` is null. */
  decisionAfterZh: string | null;
  decisionAfterEn: string | null;
  uncoveredYears: number[];
  whatIf: WhatIf | null;
}

export interface RepairReport {
  uscc: string;
  asOf: IsoDate;
  regime: Regime;
  regimeZh: string;
  regimeEn: string;
  options: RepairOption[];
}

export interface RecordRef {
  kind: RecordKind;
  index: number;
}

export interface MeasureAnswer {
  id: string;
  kind: MeasureKind;
  zh: string;
  en: string;
  basis: string;
  /** The catalogue's `basis_en`, else the built-in English of a default text, else `basis`. */
  basisEn: string;
  regime: Regime;
  applies: boolean;
  why: string[];
  /** `why` in English, one for one. */
  whyEn: string[];
  records: RecordRef[];
  exit: string;
  /** Same fallback as `basisEn`. */
  exitEn: string;
}

export interface EnterpriseRules {
  uscc: string;
  name: string;
  asOf: IsoDate;
  regime: Regime;
  regimeZh: string;
  regimeEn: string;
  records: RecordView[];
  repair: RepairReport;
  measures: MeasureAnswer[];
}

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  working: boolean;
  holiday: string | null;
  notice: string | null;
  /** Set (and `notice` null) for a year without holiday data. */
  warning: string | null;
}

export interface WorkingDeadline {
  from: IsoDate;
  workingDays: number;
  due: IsoDate;
  uncoveredYears: number[];
  skippedDays: number;
}

export interface MonthDeadline {
  from: IsoDate;
  months: number;
  date: IsoDate;
  lastDay: IsoDate;
  clamped: boolean;
}

export interface AuditEntry {
  seq: number;
  at: IsoDate;
  timestamp: string;
  who: string;
  reason: string;
  action: AuditAction;
  uscc: string;
  recordKind: RecordKind | null;
  /** The original record, as described. */
  record: string | null;
  correction: string | null;
  classFrom: ClassLetter | null;
  classTo: ClassLetter | null;
}

export interface AuditImport {
  entries: number;
  alreadyHeld: number;
  imported: number;
}

/** A text encoding as `sniff`, `FileReport` and `vocabulary` name it. */
export type TextEncodingCode = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
/** A file format: delimited text (CSV, TSV…), an XLSX, XLS (Excel 97–2003) or ODS workbook, JSON or JSON Lines. */
export type FileFormat = "csv" | "xlsx" | "xls" | "ods" | "json" | "parquet";
/** The `reason` of a file that cannot be loaded (`CreditSupervisionError.reason`). */
export type FileFailureReason = "empty" | "unknown_kind" | "missing_columns" | "encoding" | "csv" | "not_text" | "spreadsheet" | "json" | "limit" | "too_large" | "cancelled" | "read" | "parquet";

/** What `sniff` finds in a file's name and first bytes, as the loaders would read it. */
export interface Sniff {
  file: string;
  format: FileFormat;
  /** Delimited text and JSON; null for a workbook. */
  encoding: TextEncodingCode | null;
  bom: boolean;
  /** One character (`"\t"` for TSV); delimited text only. */
  delimiter: string | null;
  hasHeader: boolean | null;
  /** 1-based; null without a header. */
  headerLine: number | null;
  headers: string[];
  /** Given, or detected from the headers; null when it cannot be told. */
  kind: RecordKind | null;
  kindZh: string | null;
}

/** A term of a record vocabulary: its code and Chinese term (`en` is the code). */
export interface Term {
  code: string;
  zh: string;
  en: string;
}

/** A class (code 1–4, letter A–D) or none (code 0, letter `-`). */
export interface ClassTerm {
  code: number;
  letter: ClassOrNone;
  zh: string;
  en: string;
  riskZh: string;
  riskEn: string;
}

export interface ActionTerm {
  code: AuditAction;
  zh: string;
  en: string;
  /** An objection on one record (`Workspace.object`); false for `adjust_class`. */
  objection: boolean;
}

export interface EncodingTerm {
  code: TextEncodingCode;
  zh: string;
  en: string;
}

export interface FormatTerm {
  code: FileFormat;
  zh: string;
  en: string;
}

export interface FileFailureTerm {
  code: FileFailureReason;
  zh: string;
  en: string;
}

export interface OverrideTerm {
  code: OverrideRule;
  zh: string;
  en: string;
}

export interface SortKeyTerm {
  code: SortKey;
  zh: string;
  en: string;
}

export interface RecordKindTerm {
  code: RecordKind;
  zh: string;
  en: string;
}

export interface RecordVocabularies {
  entityType: Term[];
  regStatus: Term[];
  licenceStatus: Term[];
  procedure: Term[];
  penaltyKind: Term[];
  domain: Term[];
  inspectionKind: Term[];
  inspectionResult: Term[];
  listKind: Term[];
  listReason: Term[];
  commitmentOutcome: Term[];
  complaintKind: Term[];
}

/** Every label of the core a front end shows, in Chinese and English. */
export interface Vocabulary {
  classes: ClassTerm[];
  unclassified: ClassTerm;
  auditActions: ActionTerm[];
  encodings: EncodingTerm[];
  formats: FormatTerm[];
  /** The delimiters detection chooses from (`code` is the character). */
  delimiters: Term[];
  fileFailures: FileFailureTerm[];
  overrides: OverrideTerm[];
  sortKeys: SortKeyTerm[];
  recordKinds: RecordKindTerm[];
  records: RecordVocabularies;
  /** The load report's notes: warning reasons (`other_term`, `unknown_region`, `unknown_industry`), skip reasons (`above_header`, `summary`, `empty_row`), and the headings `warnings`, `skipped`, `conflicts`, `kept`, `repeat`. */
  loadNotes: Term[];
  /** Why an enterprise is in an inspection plan (`PlanVisit.why`). */
  planWhy: Term[];
  /** The triggers that make a check mandatory (`PlanSummary.triggers`). */
  planTriggers: Term[];
  /** Whether a check's result was published in time (`PlanOutcome.publication`, the status column of `planResultsCsv`): `on_time`, `late`, `overdue`, `pending`. */
  planPublication: Term[];
  /** The features a scorecard is fitted on, in column order (docs/RULES.md §18.3). */
  modelFeatures: FeatureInfo[];
  /** The events that make an enterprise bad after T (`Backtest.outcomeKinds`). */
  outcomeKinds: Term[];
  /** How an indicator changed between two dates (`IndicatorChange.change`): `appeared`, `disappeared`, `changed`. */
  indicatorChanges: Term[];
  /** Why a feature left a scorecard (`ScorecardDropped.reason`). */
  scorecardDropped: Term[];
}

/** An item of the plan (the item list loaded, or the built-in general item). */
export interface PlanItem {
  code: string;
  name: string;
  department: string;
  basis: string;
  /** 重点检查事项. */
  key: boolean;
  /** The qualification an inspector needs ("" for any). */
  qualification: string;
}

/** One class in a plan's summary. */
export interface PlanClassLine {
  class: ClassLetter;
  population: number;
  /** Left out of the draw: inspected within the class's gap. */
  recentlyInspected: number;
  pool: number;
  drawn: number;
  fullCoverage: number;
  triggered: number;
  planned: number;
  /** planned / population. */
  ratio: number;
  /** Visits per cycle asked for. */
  frequency: number;
  visits: number;
  /** visits / planned. */
  frequencyReached: number;
}

/** One stratum (`region:径河街道`, `industry:F`, `type:individual`, joined by `|`). */
export interface PlanStratumLine {
  stratum: string;
  weight: number;
  population: number;
  drawn: number;
  ratio: number;
}

/** One 100 % group: met, or why not. */
export interface PlanGroupLine {
  name: string;
  members: number;
  planned: number;
  staffed: number;
  met: boolean;
  why: string;
  whyZh: string;
}

/** One round: its days, visits, joint visits and the inspectors' loads. */
export interface PlanRoundLine {
  round: number;
  start: IsoDate;
  end: IsoDate;
  workingDays: number;
  visits: number;
  jointVisits: number;
  visitsSaved: number;
  unstaffed: number;
  inspectorsUsed: number;
  loadMin: number;
  loadMedian: number;
  loadMax: number;
}

/** Inspectors lacking in a round, for a qualification ("" for any). */
export interface PlanShortfall {
  round: number;
  qualification: string;
  visits: number;
  places: number;
  inspectorsNeeded: number;
  message: string;
  messageZh: string;
}

/** What a plan reached, and why not where it did not. */
export interface PlanSummary {
  population: number;
  inactive: number;
  noItem: number;
  targetRatio: number;
  floorRatio: number;
  target: number;
  drawn: number;
  drawnRatio: number;
  floorMet: boolean;
  targetMet: boolean;
  planned: number;
  coverageRatio: number;
  visits: number;
  jointVisits: number;
  visitsSaved: number;
  unstaffedVisits: number;
  repeatedTeams: number;
  /** Enterprises planned by trigger: `complaint`, `follow_up`, `referral`. */
  triggers: Record<string, number>;
  unknownReferrals: string[];
  defaultItems: boolean;
  inspectors: number;
  perClass: PlanClassLine[];
  perStratum: PlanStratumLine[];
  groups: PlanGroupLine[];
  rounds: PlanRoundLine[];
  shortfalls: PlanShortfall[];
  notes: string[];
  notesZh: string[];
}

/** An inspection plan without its visits (`planRows`, `planCsv`, `planJson` give them). */
export interface PlanView {
  seed: string;
  asOf: IsoDate;
  cycleStart: IsoDate;
  cycleEnd: IsoDate;
  /** SHA-256 over the seed, dates, the four digests, the referrals and every visit. */
  digest: string;
  policyDigest: string;
  recordsDigest: string;
  auditDigest: string;
  /** SHA-256 of the roster and item list. */
  rosterDigest: string;
  referrals: string[];
  items: PlanItem[];
  summary: PlanSummary;
}

/** One visit of the internal plan. */
export interface PlanVisit {
  task: string;
  round: number;
  date: IsoDate;
  publishBy: IsoDate;
  uscc: string;
  name: string;
  region: string;
  class: ClassLetter;
  why: "drawn" | "full_coverage" | "trigger";
  whyZh: string;
  whyEn: string;
  items: string[];
  departments: string[];
  /** `name(id)` of each inspector. */
  team: string[];
  /** Qualifications lacking ("" for a member lacking). */
  missing: string[];
  repeatedTeam: boolean;
}

/** Whether a published plan is the one the inputs give, and where it differs. */
export interface PlanVerification {
  matches: boolean;
  differences: string[];
  differencesZh: string[];
}

/** One 100 % group's coverage in a cycle. */
export interface PlanGroupCoverage {
  name: string;
  members: number;
  checked: number;
  coverage: number;
  met: boolean;
}

/** The publication of a cycle's random checks (一公开, within 20 working days). */
export interface PlanPublication {
  checks: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  onTimeRatio: number;
}

/** One class's results in a cycle. */
export interface PlanClassResults {
  class: ClassLetter;
  enterprises: number;
  checked: number;
  checks: number;
  problems: number;
  problemRate: number;
}

/** What a cycle achieved, from the inspection records loaded. */
export interface PlanOutcome {
  cycleStart: IsoDate;
  cycleEnd: IsoDate;
  /** The day publication is judged on. */
  asOf: IsoDate;
  population: number;
  randomlyChecked: number;
  randomRatio: number;
  targetRatio: number;
  floorRatio: number;
  targetMet: boolean;
  floorMet: boolean;
  groups: PlanGroupCoverage[];
  publication: PlanPublication;
  byClass: PlanClassResults[];
}

/** How a scorecard read a table: every data row is accepted or rejected with a reason. */
export interface TableReport {
  rowsRead: number;
  accepted: number;
  /** Bad rows among the accepted (null without a target). */
  bads: number | null;
  columns: string[];
  rejected: TableRowIssue[];
}

/** A row a scorecard table left out. */
export interface TableRowIssue {
  /** CSV line or sheet row, from 1 for the header. */
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/** What a bin holds: `lo ≤ x < hi`, a set of levels, one special value, or missing values. */
export interface ScorecardBinRule {
  type: "range" | "levels" | "special" | "missing";
  lo?: number | null;
  hi?: number | null;
  levels?: string[];
  value?: number;
}

/** One fitted bin. */
export interface ScorecardBin {
  rule: ScorecardBinRule;
  count: number;
  bad: number;
  badRate: number;
  share: number;
  woe: number;
  iv: number;
}

/** Why a feature is not in the card. */
export interface ScorecardDropped {
  reason: "excluded" | "low_iv" | "missing" | "correlated" | "vif" | "too_many" | "sign" | "constant";
  /** `correlated`: the feature of higher IV it correlates with, and the correlation. */
  with?: string;
  r?: number;
  /** `vif`: its VIF when dropped. */
  vif?: number;
}

/** One feature of a fit: its bins, WoE and IV, and whether it is in the card. */
export interface ScorecardFeature {
  name: string;
  kind: "numeric" | "categorical";
  bins: ScorecardBin[];
  iv: number;
  /** The IV before merging (a categorical feature: every level its own bin). */
  ivRaw: number;
  trend: "auto" | "ascending" | "descending" | "none";
  missingShare: number;
  manual: boolean;
  selected: boolean;
  dropped: ScorecardDropped | null;
  coefficient: number | null;
  /** PSI of its bins between the training and the test table. */
  psi: number | null;
}

/** KS and the score where the gap is largest. */
export interface ScorecardKs {
  value: number;
  at: number;
}

/** Whether a feature is numeric or categorical. */
export type FeatureKind = "numeric" | "categorical";
/** One feature of the table a scorecard is fitted on: its column name, kind and labels. */
export interface FeatureInfo {
  name: string;
  kind: FeatureKind;
  zh: string;
  en: string;
}
/** What makes an enterprise bad after T (docs/RULES.md §18). */
export type OutcomeKind = "inspection_problem" | "penalty" | "abnormal_list" | "serious_list";
/** How an indicator's hits changed between two dates. */
export type IndicatorChangeKind = "appeared" | "disappeared" | "changed";
/** One class of a backtest: its enterprises on T and the bads among them (`badRate` null for an empty class). */
export interface ClassOutcome {
  class: ClassLetter;
  count: number;
  bad: number;
  badRate: number | null;
}
/** The Kolmogorov–Smirnov statistic: the largest gap and the risk value (−score) where it is. */
export interface Ks {
  value: number;
  at: number;
}
/** One band of a gains table, riskiest first; `min` and `max` are risk values (−score) in a backtest, scores in a scorecard's figures. */
export interface GainsRow {
  band: number;
  min: number;
  max: number;
  count: number;
  bad: number;
  badRate: number;
  cumBadShare: number;
  cumGoodShare: number;
  ks: number;
  lift: number;
}

/** A point of a ROC curve. */
export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** Rows whose category the fit never saw, per feature. */
export interface ScorecardUnseen {
  feature: string;
  rows: number;
}

/** How well the scores separate bads from goods on one table. */
export interface ScorecardPerformance {
  rows: number;
  bads: number;
  ks: ScorecardKs | null;
  auc: number | null;
  gini: number | null;
  gains: GainsRow[];
  roc: RocPoint[];
  unseen: ScorecardUnseen[];
}

/** What a scorecard fit reports. */
export interface ScorecardFitReport {
  features: ScorecardFeature[];
  /** Feature names by IV, highest first. */
  ivRanking: string[];
  intercept: number;
  train: ScorecardPerformance;
  test: ScorecardPerformance | null;
  scorePsi: number | null;
  cardDigest: string;
}

/** A fitted card (JSON text: save it, it scores the same after a reload) and its report. */
export interface ScorecardResult {
  card: string;
  report: ScorecardFitReport;
}

/** A reason code: a feature whose bin cost points below its best bin. */
export interface ScorecardReason {
  feature: string;
  bin: string;
  points: number;
  cost: number;
}

/** Row accounting of a card applied to a table. */
export interface ScorecardApplyReport {
  rowsRead: number;
  scored: number;
  rejected: TableRowIssue[];
  /** Rows with an unseen category, by feature. */
  unseen: Record<string, number>;
  cardDigest: string;
}

/** Per outcome kind: enterprises with such an event in the window, enterprises whose first event it is (these add up to the bads), events. */
export interface OutcomeKindCount {
  kind: OutcomeKind;
  zh: string;
  enterprises: number;
  first: number;
  events: number;
}
/** Enterprises left out of a backtest: inactive on T (by the status as loaded), established after T. */
export interface BacktestExcluded {
  unclassified: number;
  notEstablished: number;
}
/** The classes as of `at` against the outcomes in (at, windowEnd] (`Workspace.backtest`). `roc` points are `[falsePositiveRate, truePositiveRate]`. */
export interface Backtest {
  at: IsoDate;
  horizonMonths: number;
  windowEnd: IsoDate;
  dataAsOf: IsoDate;
  policyDigest: string;
  population: number;
  bad: number;
  badRate: number;
  excluded: BacktestExcluded;
  classes: ClassOutcome[];
  liftDOverA: number | null;
  orderHolds: boolean;
  auc: number | null;
  gini: number | null;
  ks: Ks | null;
  gains: GainsRow[];
  roc: number[][];
  outcomeKinds: OutcomeKindCount[];
}
/** The events that make an enterprise bad after T: the policy's `model.bad` (docs/RULES.md §18), as `setOutcome` takes it (JSON text) and `outcome()` gives it. */
export interface BadEvents {
  inspection_problem: boolean;
  penalty: boolean;
  penalty_min_amount: number | null;
  penalty_general_only: boolean;
  abnormal_list: boolean;
  serious_list: boolean;
}
/** How a challenger's scores become classes: the expert classes' counts (`shares`, the default) or cut-offs on the card's scale. */
export type ChallengerClasses = { by: "shares" } | { by: "cut_offs"; a: number; b: number; c: number };
/** A challenger as `challenge` and `policyWithChallenger` take it (JSON text): `card` is the fitted card's JSON object (`ScorecardResult.card` parsed). */
export interface ChallengerSpec {
  name: string;
  card: object;
  classes?: ChallengerClasses;
}
/** The expert classes (champion) and a challenger card backtested side by side (`Workspace.challenge`). `agreement[i][j]`: enterprises in expert class i and challenger class j (A–D); `fixed`: classes the overrides set (by hand, serious list); `floored`: raised by the abnormal-list floor. */
export interface Challenge {
  name: string;
  cardDigest: string;
  classesBy: "shares" | "cut_offs";
  champion: Backtest;
  challenger: Backtest;
  agreement: number[][];
  sameClass: number;
  fixed: number;
  floored: number;
  unseen: ScorecardUnseen[];
}
/** The classes of one date, counted (`unclassified`: inactive; `notEstablished`: registered after the date). */
export interface DateSummary {
  asOf: IsoDate;
  enterprises: number;
  classified: number;
  unclassified: number;
  notEstablished: number;
  counts: ClassCounts;
}
/** The migration between two dates: `matrix[from][to]` by class code (0 unclassified, 1–4 A–D); `up` to a riskier class, `down` to a safer one, `entered` from unclassified, `left` to unclassified. */
export interface Migration {
  from: IsoDate;
  to: IsoDate;
  policyDigest: string;
  enterprises: number;
  matrix: number[][];
  up: number;
  down: number;
  same: number;
  entered: number;
  left: number;
  fromSummary: DateSummary;
  toSummary: DateSummary;
}
/** An indicator whose hits changed between the two dates (points rounded to 0.01). */
export interface IndicatorChange {
  indicator: string;
  zh: string;
  en: string;
  change: IndicatorChangeKind;
  hitsFrom: number;
  hitsTo: number;
  pointsFrom: number;
  pointsTo: number;
}
/** An enterprise whose class changed, and why (`scoreFrom` null when it was not established yet). */
export interface Mover {
  id: number;
  uscc: string;
  name: string;
  from: ClassOrNone;
  to: ClassOrNone;
  scoreFrom: number | null;
  scoreTo: number;
  overrideFrom: OverrideRule;
  overrideTo: OverrideRule;
  changes: IndicatorChange[];
}
/** One page of the movers, by USCC. */
export interface MoversPage {
  from: IsoDate;
  to: IsoDate;
  total: number;
  offset: number;
  movers: Mover[];
}
/** The classes of every enterprise at each date: `classes[d * enterprises + id]` (0 none, 1–4 A–D). */
export interface ClassesAt {
  dates: IsoDate[];
  enterprises: number;
  summaries: DateSummary[];
  classes: Uint8Array;
}

/** A group of the policy editor: `classes`, the five dimensions (`basic`, `dynamic`, `supervision`, `relations`, `social`), `overrides`, `inspection`, `publicity`, `regime`. */
export interface PolicyFormGroup {
  code: string;
  zh: string;
  en: string;
}
/** One choice of a `choice` field. */
export interface PolicyFieldOption {
  value: string;
  zh: string;
  en: string;
}
/** One setting of the policy editor: its dot-separated JSON `path` in the policy, labels, kind, range and the default policy's value (`indicator`: the indicator's id for an indicator's setting). */
export interface PolicyFormField {
  path: string;
  group: string;
  indicator: string | null;
  zh: string;
  en: string;
  kind: "number" | "integer" | "boolean" | "class" | "choice";
  nullable: boolean;
  default: number | boolean | string | null;
  min: number | null;
  max: number | null;
  options: PolicyFieldOption[];
}
/** The policy as a form (`policyForm()`). */
export interface PolicyForm {
  groups: PolicyFormGroup[];
  fields: PolicyFormField[];
}
/** How the last scoring's classes differ from the scoring before it on the same records (`Workspace.lastChange`): `matrix[from][to]` by class code (0 unclassified, 1–4 A–D). */
export interface RunChange {
  fromAsOf: IsoDate;
  fromPolicyDigest: string;
  toAsOf: IsoDate;
  toPolicyDigest: string;
  matrix: number[][];
  moved: number;
}
/** A work list of the district (docs/RULES.md §20). */
export type WorkListKind = "repairable" | "abnormal_duties" | "commitments" | "incentives" | "restrictions";
/** How many entries of one item (a measure in the rosters). */
export interface ItemCount {
  code: string;
  zh: string;
  en: string;
  count: number;
}
/** The counts of one work list: rows, enterprises, repairable now (repairable list only), per item. */
export interface WorkCounts {
  kind: WorkListKind;
  zh: string;
  en: string;
  total: number;
  enterprises: number;
  eligibleNow: number | null;
  items: ItemCount[];
}
/** One row of a work list; `due` is the earliest application, the deadline or the measure's end (see the page's `dueZh`). */
export interface WorkRow {
  uscc: string;
  name: string;
  region: string;
  class: ClassOrNone;
  item: string;
  itemZh: string;
  itemEn: string;
  recordKind: RecordKind | null;
  recordIndex: number | null;
  date: IsoDate;
  due: IsoDate | null;
  eligibleNow: boolean | null;
  basis: string;
  detailZh: string;
  detailEn: string;
}
/** One page of a work list, with the list's counts and its column headers. */
export interface WorkPage {
  counts: WorkCounts;
  item: string | null;
  matching: number;
  offset: number;
  dateZh: string;
  dateEn: string;
  dueZh: string;
  dueEn: string;
  rows: WorkRow[];
}
/** Class counts of one region or industry section: `counts` unclassified, A–D; `shares` A–D among the classified. */
export interface ShareRow {
  key: string;
  zh: string;
  en: string;
  total: number;
  counts: number[];
  shares: number[];
}
/** Class counts by region and by industry section (GB/T 4754 门类). */
export interface ClassShares {
  regions: ShareRow[];
  industries: ShareRow[];
}
/** One bin of the score histogram: scores in `[from, to)` (the last bin includes `to`), `counts` by final class A–D. */
export interface HistogramBin {
  from: number;
  to: number;
  counts: number[];
}
/** The last scoring's classified scores in bins of `width` points (`Workspace.scoreHistogram`), with the policy's score range and cut-offs (lowest score of A, B, C). */
export interface ScoreHistogram {
  asOf: IsoDate;
  width: number;
  min: number;
  max: number;
  cutoffs: number[];
  total: number;
  bins: HistogramBin[];
}
