/**
 * Every report view (monthly review, periods up to five years, each single filter, the
 * comparison and reach pages) at 100k and 1M synthetic responses: each as the median of several
 * runs after a warm-up, beside the same report counted from the raw rows, the view before the
 * one-dimension levels (decision 0028), the ratio between the two sizes, and the process's
 * memory during a five-year review.
 *
 * The data are written once per size straight with better-sqlite3 prepared statements in large
 * transactions, in the shape the answering flow stores, counted by `aggregates rebuild`'s own
 * code, and kept under bench/.tmp (delete reports-*.db there to generate again). Each size is
 * then timed in a process of its own, since the app's Prisma client is bound to one database
 * per process. BENCH_REPORT_SIZES=10000,100000 chooses the sizes (10M does not fit this
 * machine's time: generating and counting it takes about an hour).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import { BENCH_DIR, table } from "./support";
import { codeAttributes, drawing, generatorDefs, median, monthAndVersion, monthList, monthWeights, respondentAnswers, seeded } from "./synthetic";

const SIZES = (process.env.BENCH_REPORT_SIZES ?? "100000,1000000").split(",").map(Number);
/** bump when the generated data change: cached databases of another version are made anew */
const DATA_VERSION = 3;
const cached = (size: number) => `${BENCH_DIR}/reports-${size}-v${DATA_VERSION}.db`;
const SLUG = "brukarenkat";
/** five years of months, ending with the month the review is timed for */
const LAST_MONTH = "2026-10";
const YEAR = { from: "2025-01", to: "2025-12" };
const FIVE_YEARS = { from: "2021-11", to: LAST_MONTH };

const log = (line: string) => process.stderr.write(`[reports] ${line}\n`);

const drawn = drawing(seeded(2026));
const MONTHS = monthList(LAST_MONTH, 60);
const MONTH_WEIGHTS = monthWeights(MONTHS);

async function appOn(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.TOKEN_SECRET ??= "bench-token-secret-bench-token-secret-xx";
  process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
  process.env.LOG_LEVEL = "silent";
}

type DataRow = { size: number; answerRows: number; levels: string; generated: number; rebuilt: number };

/** Writes every size not cached yet, growing one database; returns what each took. */
async function generate(): Promise<DataRow[]> {
  const missing = SIZES.filter((size) => !fs.existsSync(cached(size)));
  if (missing.length === 0) return [];
  const { freshDatabase } = await import("./support");
  const databaseUrl = freshDatabase("reports");
  await appOn(databaseUrl);
  const { migrate } = await import("../app/setup/migrate.server");
  migrate(databaseUrl);
  const { seedReferenceSurvey } = await import("../app/setup/bootstrap.server");
  await seedReferenceSurvey();
  const { loadSurvey } = await import("../app/results/aggregate.server");
  const { rebuildAnswerCounts } = await import("../app/results/queries.sql.server");
  const loaded = await loadSurvey(SLUG);
  const indicator = loaded.info.indicators[0]!;
  const defs = generatorDefs(loaded.definitions);

  const file = databaseUrl.slice("file:".length);
  const db = new Database(file);
  db.pragma("synchronous = OFF"); // a throw-away database: no need to survive a power cut
  db.pragma("cache_size = -400000");
  const insertResponse = db.prepare(
    `INSERT INTO "Response" ("id", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = db.prepare(`INSERT INTO "Answer" ("responseId", "questionKey", "rowKey", "optionKey", "text") VALUES (?, ?, ?, ?, ?)`);
  // every text answer also in the review's free-text table, as a submit stores it (decision 0027)
  const insertFreeText = db.prepare(
    `INSERT INTO "FreeText" ("id", "surveyVersionId", "wave", "month", "lang", "questionKey", "text") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // opensMonth and lang as the app stores them: the reach page breaks codes down by language
  const insertCodeCount = db.prepare(
    `INSERT INTO "CodeCount" ("surveyVersionId", "wave", "validMonth", "opensMonth", "clientGroup", "referral", "lang", "issued", "answered", "expired") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const answeredCodes = new Map<string, number>();
  let answerRows = 0;

  // one respondent: version by month (the old one lingers two months after a new one), wave,
  // code attributes, and answers that hang together (role follows the code's group, gender
  // follows role, the indicator improves over the years)
  function respondent(id: string) {
    const { monthIndex: mi, def } = monthAndVersion(drawn, MONTH_WEIGHTS, defs);
    const month = MONTHS[mi]!;
    const { wave, clientGroup, referral, lang } = codeAttributes(drawn);
    insertResponse.run(id, def.id, wave, lang, clientGroup, referral, month);
    const key = `${def.id}|${wave}|${month}|${clientGroup ?? ""}|${referral ?? ""}|${lang}`;
    answeredCodes.set(key, (answeredCodes.get(key) ?? 0) + 1);

    const rows = respondentAnswers(drawn, def, { wave, clientGroup }, mi, indicator);
    for (const [questionKey, rowKey, optionKey, text] of rows) {
      insertAnswer.run(id, questionKey, rowKey, optionKey, text);
      if (text !== null) insertFreeText.run(randomUUID(), def.id, wave, month, lang, questionKey, text);
    }
    answerRows += rows.length;
  }

  const write = db.transaction((ids: string[]) => {
    for (const id of ids) respondent(id);
  });
  const writeCodeCounts = db.transaction(() => {
    db.prepare(`DELETE FROM "CodeCount"`).run();
    for (const [key, answered] of answeredCodes) {
      const [versionId, wave, month, clientGroup, referral, lang] = key.split("|") as [string, string, string, string, string, string];
      // response rates between about 50 and 75 %, by referral path
      const rate = { police: 0.5, self: 0.75, social_services: 0.65, other: 0.55, "": 0.6 }[referral] ?? 0.6;
      const issued = Math.ceil(answered / rate);
      insertCodeCount.run(versionId, wave, month, month, clientGroup, referral, lang, issued, answered, issued - answered);
    }
  });

  const out: DataRow[] = [];
  let have = 0;
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    let t = performance.now();
    // random ids like the app's, inserted in key order so each batch appends
    const ids = Array.from({ length: size - have }, () => randomUUID()).sort();
    for (let i = 0; i < ids.length; i += 50_000) write(ids.slice(i, i + 50_000));
    writeCodeCounts();
    have = size;
    const generated = (performance.now() - t) / 1000;
    log(`${size} responses, ${answerRows} answer rows written in ${generated.toFixed(1)} s; counting`);
    db.pragma("wal_checkpoint(TRUNCATE)");
    t = performance.now();
    await rebuildAnswerCounts();
    const rebuilt = (performance.now() - t) / 1000;
    const levels = db.prepare(`SELECT "level", COUNT(*) AS "n" FROM "AnswerCount" GROUP BY "level" ORDER BY "level"`).all() as { n: number }[];
    db.pragma("wal_checkpoint(TRUNCATE)");
    if (missing.includes(size)) fs.copyFileSync(file, cached(size));
    out.push({ size, answerRows, levels: levels.map((l) => l.n.toLocaleString("en")).join(" / "), generated, rebuilt });
  }
  db.close();
  return out;
}

type View = { name: string; run: () => Promise<unknown>; raw?: string };
type Measured = {
  size: number;
  views: { name: string; ms: number; before: number; raw: number | null; outcome: string }[];
  buildLevels: { seconds: number; rows: number; levelRows: string };
  rss: { idle: number; peak: number };
  load: string;
};

/** Times every view on one cached database (a process of its own: one database per process). */
async function measure(size: number): Promise<Measured> {
  // a working copy: building the levels writes to it
  const file = `${BENCH_DIR}/reports-measure.db`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(cached(size), file);
  await appOn(`file:${file}`);
  // data cached under an older schema get the migrations made since (indexes the views read)
  const { migrate } = await import("../app/setup/migrate.server");
  migrate(`file:${file}`);
  const { loadSurvey, runReportFromRows } = await import("../app/results/aggregate.server");
  const { runReleasedReport, isWithheld } = await import("../app/results/release.server");
  const { loadReview, loadReach } = await import("../app/results/review.server");
  const { loadCompare } = await import("../app/results/compare.server");
  const { buildDimensionLevels } = await import("../app/results/queries.sql.server");
  const { prisma } = await import("../app/utils/db.server");
  const loaded = await loadSurvey(SLUG);

  const review = (extra: Record<string, unknown>) => () =>
    loadReview({ survey: SLUG, month: LAST_MONTH, scope: "month", version: [], ...extra }).then((r) =>
      r?.withheld.length && !r.columns.length ? "withheld" : "shown",
    );
  const report = (period: { from: string; to: string }, groups = {}) => () =>
    runReleasedReport({ survey: SLUG, period, wave: null, groups }, loaded).then((r) => (isWithheld(r) ? "withheld" : "shown"));
  const thisYear = { from: "2026-01", to: LAST_MONTH };
  const month = { from: LAST_MONTH, to: LAST_MONTH };
  const views: (View & { rawQuery?: Parameters<typeof runReportFromRows>[0] })[] = [
    { name: "review, month", run: review({}), rawQuery: { survey: SLUG, period: month, wave: null } },
    { name: "review, year so far", run: review({ scope: "year" }), rawQuery: { survey: SLUG, period: thisYear, wave: null } },
    { name: "review, five years", run: review({ scope: "range", from: FIVE_YEARS.from, to: FIVE_YEARS.to }), rawQuery: { survey: SLUG, period: FIVE_YEARS, wave: null } },
    { name: "review, month, gender = woman", run: review({ gender: "woman" }), rawQuery: { survey: SLUG, period: month, wave: null, groups: { gender: "woman" } } },
    { name: "review, year, referral = police", run: review({ scope: "year", referral: "police" }), rawQuery: { survey: SLUG, period: thisYear, wave: null, groups: { referral: "police" } } },
    { name: "report 2025", run: report(YEAR), rawQuery: { survey: SLUG, period: YEAR, wave: null } },
    { name: "report, five years", run: report(FIVE_YEARS), rawQuery: { survey: SLUG, period: FIVE_YEARS, wave: null } },
    ...(
      [
        ["client group = subjected", { clientGroup: "subjected" }],
        ["referral = police", { referral: "police" }],
        ["role = perpetrator", { role: "perpetrator" }],
        ["gender = woman", { gender: "woman" }],
      ] as const
    ).map(([label, groups]) => ({ name: `report 2025, ${label}`, run: report(YEAR, groups), rawQuery: { survey: SLUG, period: YEAR, wave: null, groups } })),
    { name: "report, five years, referral = police", run: report(FIVE_YEARS, { referral: "police" }), rawQuery: { survey: SLUG, period: FIVE_YEARS, wave: null, groups: { referral: "police" } } },
    { name: "comparison page (default)", run: () => loadCompare({ version: [], wave: "closure" }).then((c) => (c?.comparison ? "shown" : "withheld")) },
    { name: "comparison page, 2025, v1–v3", run: () => loadCompare({ version: [1, 2, 3], wave: "closure", from: YEAR.from, to: YEAR.to }).then((c) => (c?.comparison ? "shown" : "withheld")) },
    { name: "reach page (rolling 12)", run: () => loadReach({ month: undefined, scope: "month", version: [] }).then(() => "shown") },
    { name: "reach page, five years", run: () => loadReach({ month: LAST_MONTH, scope: "range", from: FIVE_YEARS.from, to: FIVE_YEARS.to, version: [] }).then(() => "shown") },
  ];
  const runs = 3;

  // memory: the process as a server would be, during a five-year review (first: nothing else has run yet)
  global.gc?.();
  const idle = process.memoryUsage().rss;
  const five = views.find((v) => v.name === "review, five years")!;
  for (let i = 0; i < 3; i++) await five.run();
  const peak = process.resourceUsage().maxRSS * 1024;

  // before: the one-dimension levels not built (level 1 for any filter)
  await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount" WHERE "level" >= 2`);
  const before = new Map<string, number>();
  for (const v of views) before.set(v.name, await median(v.run, 1, 1));

  let t = performance.now();
  const rows = await buildDimensionLevels(LAST_MONTH);
  const buildLevels = { seconds: (performance.now() - t) / 1000, rows, levelRows: "" };
  const counts = await prisma.$queryRawUnsafe<{ level: number; n: unknown }[]>(
    `SELECT "level", COUNT(*) AS "n" FROM "AnswerCount" GROUP BY "level" ORDER BY "level"`,
  );
  buildLevels.levelRows = counts.map((c) => Number(c.n).toLocaleString("en")).join(" / ");

  // every view timed first, each from a collected heap: the raw-row references below fill the heap
  // with millions of rows, and a view timed after them paid for collecting those (at 1M only, so
  // the 10× ratios of the views timed late came out 1.6–1.9 where the same views alone gave 1.0)
  const timed = new Map<string, { ms: number; outcome: string }>();
  for (const v of views) {
    global.gc?.();
    const outcome = String(await v.run());
    timed.set(v.name, { ms: await median(v.run, runs), outcome });
  }
  const measured: Measured["views"] = [];
  const rawCache = new Map<string, number>();
  for (const v of views) {
    const { ms, outcome } = timed.get(v.name)!;
    let raw: number | null = null;
    // five years from raw rows at 1M takes minutes on a shared 2-core machine: the year's ratio stands for it
    if (v.rawQuery && !(size >= 1_000_000 && v.rawQuery.period.from === FIVE_YEARS.from)) {
      const key = JSON.stringify(v.rawQuery);
      if (!rawCache.has(key)) {
        t = performance.now();
        await runReportFromRows(v.rawQuery, loaded);
        rawCache.set(key, performance.now() - t);
      }
      raw = rawCache.get(key)!;
    }
    measured.push({ name: v.name, ms, before: before.get(v.name)!, raw, outcome });
    log(`${size}: ${v.name} ${ms.toFixed(1)} ms (before ${before.get(v.name)!.toFixed(1)}, raw ${raw?.toFixed(0) ?? "-"})`);
  }
  return { size, views: measured, buildLevels, rss: { idle, peak }, load: os.loadavg()[0]!.toFixed(1) };
}

function measureInChild(size: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "bench/reports.ts", "--measure", String(size)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(text) as Measured) : reject(new Error(`measuring ${size} exited with ${code}`))));
  });
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en")} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

async function main() {
  const data = await generate();
  const results: Measured[] = [];
  for (const size of SIZES) results.push(await measureInChild(size));
  const largest = results.at(-1)!;
  const smaller = results.length > 1 ? results.at(-2)! : null;
  const scale = smaller ? `${largest.size / smaller.size}×` : "";
  const rows = largest.views.map((v) => {
    const small = smaller?.views.find((x) => x.name === v.name);
    return [
      v.name,
      v.outcome,
      ...(small ? [ms(small.ms)] : []),
      ms(v.ms),
      ms(v.before),
      v.raw === null ? "–" : ms(v.raw),
      v.raw === null ? "–" : `${(v.ms / v.raw).toFixed(2)}`,
      ...(small ? [`${(v.ms / small.ms).toFixed(2)}`] : []),
      v.ms < 100 && (!small || v.ms / small.ms <= 1.5) ? "yes" : "NO",
    ];
  });
  const n = (size: number) => size.toLocaleString("en");
  process.stdout.write(
    [
      data.length
        ? table(
            "Report data (synthetic: 60 months to 2026-10, 3 versions, both waves; AnswerCount filled by `aggregates rebuild`)",
            ["responses", "answer rows", "AnswerCount rows (level 0 / 1)", "generate (s)", "rebuild (s)"],
            data.map((d) => [n(d.size), n(d.answerRows), d.levels, d.generated.toFixed(1), d.rebuilt.toFixed(1)]),
          )
        : `\nReport data: cached databases under bench/.tmp (${SIZES.map(n).join(", ")} responses).`,
      table(
        "Derived levels (one-dimension, response, language, units-summed, free-text), built for the closed months (the levels job's work)",
        ["responses", "build (s)", "rows written", "AnswerCount rows by level, 0 / 1 / 2 / … in order (app/results/levels.ts)"],
        results.map((r) => [n(r.size), r.buildLevels.seconds.toFixed(1), n(r.buildLevels.rows), r.buildLevels.levelRows]),
      ),
      table(
        `Report views at ${n(largest.size)} responses, median of 3 after two warm-up runs (released, as the pages get them; periods end ${LAST_MONTH})`,
        [
          "view",
          "outcome",
          ...(smaller ? [`at ${n(smaller.size)}`] : []),
          `at ${n(largest.size)}`,
          "before (level 1)",
          "raw rows (reference)",
          "÷ raw",
          ...(smaller ? [`${scale} data ratio`] : []),
          "< 100 ms, ≤ 1.5×",
        ],
        rows,
      ),
      table(
        "Memory of the reporting process (RSS; the app's SQLite page cache is 64 MB)",
        ["responses", "after loading", "peak during a five-year review"],
        results.map((r) => [n(r.size), mb(r.rss.idle), mb(r.rss.peak)]),
      ),
      `\n${os.cpus().length} cores; 1-minute load average after each size: ${results.map((r) => r.load).join(", ")}`,
    ].join("\n") + "\n",
  );
}

const measuring = process.argv.indexOf("--measure");
(measuring >= 0 ? measure(Number(process.argv[measuring + 1])).then((m) => process.stdout.write(JSON.stringify(m))) : main()).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
