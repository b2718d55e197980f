// An example consumer of the npm package, type-checked (never run) by `make test-types`:
//   tsc -p tests/types --noEmit --strict
// It reads typed results the way an integrator would; the `@ts-expect-error` lines must stay
// errors, which they would not be if a result were typed `any`.
import init, {
  Workspace,
  policyCatalogue,
  columns,
  sniff,
  vocabulary,
  type AuditEntry,
  type ClassLetter,
  type CreditSupervisionError,
  type EnterpriseRules,
  type LoadOptions,
  type ProgressCallback,
  type RecordView,
  type Sniff,
  type TextEncodingCode,
} from 'credit-supervision';

declare const wasmBytes: Uint8Array;
declare const csvBytes: Uint8Array;

export async function example(): Promise<string[]> {
  await init({ module_or_path: wasmBytes });
  const out: string[] = [];
  const ws = new Workspace();
  const progress: ProgressCallback = (stage, fraction) => {
    out.push(`${stage} ${Math.round(fraction * 100)}%`);
    return true;
  };
  const loaded = ws.generateDemo(3000, 'demo', '2026-11-28', progress);
  const rejected: number = loaded.files.reduce((n, f) => n + f.rejected, 0);
  out.push(`${loaded.enterprises} enterprises, ${rejected} rejected rows`);

  const options: LoadOptions = { kind: 'penalty', encoding: 'gbk', hasHeader: true };
  for (const report of ws.loadFile('penalty.csv', csvBytes, JSON.stringify(options))) {
    for (const e of report.errors) out.push(`${e.file}:${e.line} ${e.column} ${e.messageZh}`);
  }

  const summary = ws.score('2026-11-28');
  const classA: number = summary.counts.A;
  out.push(`A: ${classA}, mean ${summary.meanScore.toFixed(1)}`);

  const ids = ws.order('score', true, 4);
  const [row] = ws.rows(ids.subarray(0, 1));
  if (!row) return out;
  const why = ws.explain(row.uscc);
  for (const r of why.reasons) out.push(`${r.zh}: ${r.points} (${r.recordKind ?? 'no record'})`);
  if (why.override) out.push(why.override.rule);

  const rules: EnterpriseRules = ws.rulesFor(row.uscc);
  const first: RecordView | undefined = rules.records[0];
  const publishBy: string | null | undefined = first?.publicity?.publishBy;
  out.push(`publish by ${publishBy ?? '-'}; regime ${rules.regime}`);
  // @ts-expect-error publicity may be null
  out.push(rules.records[0].publicity.publishBy ?? '');
  for (const v of rules.records) {
    if (v.abnormal?.transfer?.due) out.push(`${v.abnormal.basis} (${v.abnormal.basisMark})`);
    for (const c of v.seriousEligibility?.conditions ?? []) out.push(`${c.id} ${c.status}`);
  }
  for (const o of rules.repair.options) {
    if (o.whatIf) out.push(`${o.recordKind}#${o.recordIndex}: ${o.whatIf.classNow} → ${o.whatIf.class}`);
  }
  const applies = ws.measures(row.uscc).filter((m) => m.applies && m.kind === 'restriction');
  out.push(...applies.map((m) => m.zh));

  const due: string = ws.addWorkingDays('2026-09-28', 10).due;
  const day = ws.workingDay('2026-10-01');
  out.push(`${due} ${day.kind} ${day.holiday ?? ''} ${ws.monthsAfter('2026-01-31', 1).lastDay}`);

  const draw = ws.draw('seed', 0.1);
  out.push(...draw.selected.map((s) => `${s.uscc} ${s.class}`));
  out.push(...draw.perClass.map((c) => `${c.class}: ${c.sample}/${c.population}`));
  const digests: string = `${draw.digest} ${draw.recordsDigest} ${draw.auditDigest}`;
  out.push(digests);

  // The core's labels and what a file is, typed.
  const words = vocabulary();
  const risk: string = words.classes.find((c) => c.letter === 'A')?.riskZh ?? '';
  const objections = words.auditActions.filter((a) => a.objection).map((a) => a.code);
  const encodings: TextEncodingCode[] = words.encodings.map((e) => e.code);
  out.push(risk, ...objections, ...encodings, words.unclassified.zh);
  const head: Sniff = sniff('penalty.csv', csvBytes.subarray(0, 65536), JSON.stringify({ hasHeader: true }));
  const line: number | null = head.headerLine;
  out.push(`${head.format} ${head.encoding ?? '-'} ${head.delimiter ?? '-'} ${head.kind ?? '?'} ${line ?? '-'}`);
  // @ts-expect-error a sniffed kind may be null
  const kind: string = head.kind;
  out.push(kind);

  const cls: ClassLetter = 'C';
  const entry: AuditEntry = ws.adjustClass(row.uscc, cls, 'who', 'why', '2026-11-28');
  out.push(`${entry.action} ${entry.classFrom ?? '-'} → ${entry.classTo ?? '-'}`);
  const imported = new Workspace().importAudit(ws.auditJson());
  out.push(`${imported.imported} of ${imported.entries}`);

  for (const i of policyCatalogue()) out.push(`${i.id} ${i.windowMonths} ${i.decayTo ?? ''}`);
  for (const k of columns()) out.push(`${k.kind}: ${k.columns.filter((c) => c.required).length}`);

  try {
    ws.score('not a date');
  } catch (err) {
    const e = err as CreditSupervisionError;
    if (e.code === 'date') out.push(`${e.message} ${e.value ?? ''}`);
  }

  // @ts-expect-error not a sort key
  ws.order('size', true);
  // @ts-expect-error not an objection action
  ws.object(row.uscc, 'penalty', 0, 'delete', 'who', 'why', '2026-11-28');
  // @ts-expect-error a score is a number
  const wrong: string = summary.meanScore;
  out.push(wrong);
  return out;
}
