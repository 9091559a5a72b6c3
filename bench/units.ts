/**
 * `npm run bench -- units`: one organisation of 300 units with 1,000,000 responses over five
 * years, on SQLite and on PostgreSQL, timed with the app's own report functions scoped as the
 * pages scope them (decision 0023): the organisation-wide full-year report of an organisation
 * manager (pooled across every unit), one unit's full-year report and monthly review, and the
 * data of the unit comparison page (/admin/units/compare). Median of several runs after warm-up.
 *
 * The data are written once straight with better-sqlite3 in the shape the answering flow stores
 * (as bench/reports.ts does), counted by `aggregates rebuild`'s own code with the one-dimension
 * levels built, and cached under bench/.tmp (delete units-*.db there to generate again). For
 * PostgreSQL a throwaway cluster (fsync on, as a server runs) gets the same data: the small
 * tables through the app's `migrate-data` command, the five large ones through `COPY` (the
 * command's batched INSERTs take too long at this size; BENCH_UNITS_LOAD=migrate-data moves
 * everything through the command instead, to time it). Each database is timed in a process of
 * its own, since the app's Prisma client is bound to one database per process.
 * BENCH_UNITS_RESPONSES (default 1000000) changes the size; BENCH_UNITS_POSTGRESQL=0 times SQLite only.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresBin, startCluster } from "../scripts/postgresql-cluster";
import { BENCH_DIR, freshDatabase, table } from "./support";
import { codeAttributes, drawing, generatorDefs, median, monthAndVersion, monthList, monthWeights, respondentAnswers, seeded } from "./synthetic";

const RESPONSES = Number(process.env.BENCH_UNITS_RESPONSES ?? 1_000_000);
const UNITS = 300;
/** bump when the generated data change: cached databases of another version are made anew */
const DATA_VERSION = 1;
const cached = `${BENCH_DIR}/units-${RESPONSES}-v${DATA_VERSION}.db`;
/** the same database before any response: what `migrate-data` moves when COPY loads the rest */
const cachedBase = `${BENCH_DIR}/units-${RESPONSES}-v${DATA_VERSION}-base.db`;
const SLUG = "brukarenkat";
const LAST_MONTH = "2026-10";
const YEAR = { from: "2025-01", to: "2025-12" };
/** the tables COPY loads (the five large ones, and how far AnswerCount's levels are built); every other table moves through `migrate-data` */
const LARGE_TABLES = ["Response", "Answer", "FreeText", "CodeCount", "AnswerCount", "AnswerCountBuild"];

/** Unit i by size rank: the install's own unit is the largest, then team-002 … team-300. */
const slugOf = (rank: number) => (rank === 0 ? "default" : `team-${String(rank + 1).padStart(3, "0")}`);
const LARGEST = slugOf(0);
const TYPICAL = slugOf(UNITS / 2 - 1);

const log = (line: string) => process.stderr.write(`[units] ${line}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;

function appOn(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.TOKEN_SECRET ??= "bench-token-secret-bench-token-secret-xx";
  process.env.SESSION_SECRET ??= "bench-session-secret-bench-session-secret";
  process.env.LOG_LEVEL = "silent";
}

type Generated = { answerRows: number; freeTexts: number; unitSizes: number[]; levelRows: string; generate: number; rebuild: number; levels: number };

/** Writes the organisation's data once (skipped when cached); what it took. */
async function generate(): Promise<Generated | null> {
  if (fs.existsSync(cached) && fs.existsSync(cachedBase)) return null;
  const databaseUrl = freshDatabase("units-generate");
  const file = databaseUrl.slice("file:".length);
  appOn(databaseUrl);
  const { migrate } = await import("../app/setup/migrate.server");
  migrate(databaseUrl);
  const { seedReferenceSurvey } = await import("../app/setup/bootstrap.server");
  await seedReferenceSurvey();
  const { createUnit } = await import("../app/units/units.server");
  const { loadSurvey } = await import("../app/results/aggregate.server");
  const { rebuildAnswerCounts, buildDimensionLevels } = await import("../app/results/queries.sql.server");
  const unitIds = ["default"];
  for (let rank = 1; rank < UNITS; rank++) unitIds.push((await createUnit({ slug: slugOf(rank), name: `Team ${rank + 1}` })).id);
  const loaded = await loadSurvey(SLUG);
  const indicator = loaded.info.indicators[0]!;
  const defs = generatorDefs(loaded.definitions);

  const db = new Database(file);
  for (const f of [cached, cachedBase]) fs.rmSync(f, { force: true });
  db.exec(`VACUUM INTO '${cachedBase.replace(/'/g, "''")}'`);
  db.pragma("synchronous = OFF"); // a throw-away database: no need to survive a power cut
  db.pragma("cache_size = -400000");
  const insertResponse = db.prepare(
    `INSERT INTO "Response" ("id", "unitId", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAnswer = db.prepare(`INSERT INTO "Answer" ("responseId", "questionKey", "rowKey", "optionKey", "text") VALUES (?, ?, ?, ?, ?)`);
  const insertFreeText = db.prepare(
    `INSERT INTO "FreeText" ("id", "unitId", "surveyVersionId", "wave", "month", "lang", "questionKey", "text") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCodeCount = db.prepare(
    `INSERT INTO "CodeCount" ("unitId", "surveyVersionId", "wave", "validMonth", "opensMonth", "clientGroup", "referral", "lang", "issued", "answered", "expired") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const drawn = drawing(seeded(2026));
  const { drawer } = drawn;
  const months = monthList(LAST_MONTH, 60);
  const weights = monthWeights(months);
  // team sizes fall off like 1/(rank + 10): the largest about 30 times the smallest (decision 0023's
  // district teams: a few large, a long tail of small ones)
  const unitOf = drawer(unitIds.map((_, rank) => 1 / (rank + 10)));
  const unitSizes = unitIds.map(() => 0);
  const answeredCodes = new Map<string, number>();
  let answerRows = 0;
  let freeTexts = 0;

  // as bench/reports.ts: version by month, wave, code attributes and answers that hang together
  function respondent(id: string) {
    const { monthIndex: mi, def } = monthAndVersion(drawn, weights, defs);
    const month = months[mi]!;
    const rank = unitOf();
    const unitId = unitIds[rank]!;
    unitSizes[rank]!++;
    const { wave, clientGroup, referral, lang } = codeAttributes(drawn);
    insertResponse.run(id, unitId, def.id, wave, lang, clientGroup, referral, month);
    const key = `${unitId}|${def.id}|${wave}|${month}|${clientGroup ?? ""}|${referral ?? ""}|${lang}`;
    answeredCodes.set(key, (answeredCodes.get(key) ?? 0) + 1);

    const rows = respondentAnswers(drawn, def, { wave, clientGroup }, mi, indicator);
    for (const [questionKey, rowKey, optionKey, text] of rows) {
      insertAnswer.run(id, questionKey, rowKey, optionKey, text);
      // the submit writes each free text once more, apart from its response (decision 0027)
      if (text !== null) {
        insertFreeText.run(randomUUID(), unitId, def.id, wave, month, lang, questionKey, text);
        freeTexts++;
      }
    }
    answerRows += rows.length;
  }

  let t = performance.now();
  const write = db.transaction((ids: string[]) => {
    for (const id of ids) respondent(id);
  });
  // random ids like the app's, inserted in key order so each batch appends
  const ids = Array.from({ length: RESPONSES }, () => randomUUID()).sort();
  for (let i = 0; i < ids.length; i += 50_000) {
    write(ids.slice(i, i + 50_000));
    log(`${i + Math.min(50_000, ids.length - i)} of ${RESPONSES} responses written`);
  }
  db.transaction(() => {
    for (const [key, answered] of answeredCodes) {
      const [unitId, versionId, wave, month, clientGroup, referral, lang] = key.split("|") as string[];
      const rate = ({ police: 0.5, self: 0.75, social_services: 0.65, other: 0.55 } as Record<string, number>)[referral!] ?? 0.6;
      const issued = Math.ceil(answered / rate);
      insertCodeCount.run(unitId, versionId, wave, month, month, clientGroup, referral, lang, issued, answered, issued - answered);
    }
  })();
  const generated = seconds(t);
  db.pragma("wal_checkpoint(TRUNCATE)");
  log(`${RESPONSES} responses, ${answerRows} answer rows in ${generated.toFixed(0)} s; counting`);
  t = performance.now();
  await rebuildAnswerCounts();
  const rebuilt = seconds(t);
  log(`counted in ${rebuilt.toFixed(0)} s; building the one-dimension levels`);
  t = performance.now();
  await buildDimensionLevels(LAST_MONTH);
  const levels = seconds(t);
  const counts = db.prepare(`SELECT "level", COUNT(*) AS "n" FROM "AnswerCount" GROUP BY "level" ORDER BY "level"`).all() as { n: number }[];
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect();
  fs.renameSync(file, cached);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  return {
    answerRows,
    freeTexts,
    unitSizes,
    levelRows: counts.map((c) => c.n.toLocaleString("en")).join(" / "),
    generate: generated,
    rebuild: rebuilt,
    levels,
  };
}

/** A value as PostgreSQL's CSV COPY reads it: unquoted empty is NULL, "" the empty string. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return `"${String(v).replace(/"/g, '""')}"`;
}

/** Streams one table from the SQLite file into PostgreSQL through psql's `\copy`. */
async function copyTable(source: Database.Database, url: string, name: string): Promise<number> {
  const columns = (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => `"${c.name}"`).join(", ");
  const psql = spawn(path.join(postgresBin(), "psql"), [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", `\\copy "${name}" (${columns}) FROM STDIN WITH (FORMAT csv)`], {
    stdio: ["pipe", "ignore", "inherit"],
  });
  const exited = once(psql, "close");
  let buffer = "";
  let rows = 0;
  for (const row of source.prepare(`SELECT ${columns} FROM "${name}"`).raw().iterate() as Iterable<unknown[]>) {
    buffer += row.map(csvField).join(",") + "\n";
    rows++;
    if (buffer.length > 1 << 20) {
      if (!psql.stdin.write(buffer)) await once(psql.stdin, "drain");
      buffer = "";
    }
  }
  psql.stdin.end(buffer);
  const [code] = (await exited) as [number];
  if (code !== 0) throw new Error(`COPY of ${name} failed (psql exited with ${code})`);
  return rows;
}

/** `migrate-data` as an operator runs it (the CLI, in a process of its own). */
function migrateData(from: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/main.ts", "migrate-data", "--from", `file:${from}`], {
      env: { ...process.env, DATABASE_URL: to, LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`migrate-data exited with ${code}`))));
  });
}

type Load = { step: string; seconds: number; rows: string };

/** The cached data into an empty database of a fresh cluster: what each step took. */
async function loadPostgresql(clusterUrl: string): Promise<{ url: string; steps: Load[] }> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "brukarrost"`);
  await admin.end();
  const url = clusterUrl.replace(/\/postgres$/, "/brukarrost");
  const steps: Load[] = [];
  let t = performance.now();
  if (process.env.BENCH_UNITS_LOAD === "migrate-data") {
    const copy = `${BENCH_DIR}/units-move.db`;
    fs.copyFileSync(cached, copy);
    await migrateData(copy, url);
    fs.rmSync(copy);
    steps.push({ step: "migrate-data (every table)", seconds: seconds(t), rows: "all" });
  } else {
    const copy = `${BENCH_DIR}/units-move-base.db`;
    fs.copyFileSync(cachedBase, copy);
    await migrateData(copy, url);
    fs.rmSync(copy);
    steps.push({ step: "migrate-data (every table but those below, empty there)", seconds: seconds(t), rows: "–" });
    const source = new Database(cached, { readonly: true });
    for (const name of LARGE_TABLES) {
      t = performance.now();
      const rows = await copyTable(source, url, name);
      steps.push({ step: `COPY "${name}"`, seconds: seconds(t), rows: rows.toLocaleString("en") });
      log(`COPY ${name}: ${rows} rows in ${seconds(t).toFixed(0)} s`);
    }
    source.close();
  }
  t = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("VACUUM ANALYZE");
  await client.end();
  steps.push({ step: "VACUUM ANALYZE", seconds: seconds(t), rows: "–" });
  return { url, steps };
}

type View = { name: string; goal: number | null; outcome: string; ms: number; cpu: number; runs: number; load: string };

/** Times every view on one database (a process of its own: one database per process). */
async function measure(databaseUrl: string): Promise<View[]> {
  appOn(databaseUrl);
  const { loadSurvey } = await import("../app/results/aggregate.server");
  const { runReleasedReport, isWithheld, loadReleases } = await import("../app/results/release.server");
  const { loadReview, ReviewParamsSchema } = await import("../app/results/review.server");
  const { compareUnits } = await import("../app/units/compare.server");
  const { listUnits } = await import("../app/units/units.server");
  const { scopeFor } = await import("../app/units/scope");
  const { addMonths, rolling12 } = await import("../app/results/period");
  const units = await listUnits();
  // the scopes the pages give an organisation manager: pooled by default, or one unit asked for
  const manager = { role: "orgmanager", unitId: "default" };
  const organisation = scopeFor(manager, null, units);
  const largest = scopeFor(manager, LARGEST, units).scope;
  const typical = scopeFor(manager, TYPICAL, units).scope;
  const orgUnits = units.filter((u) => organisation.scope.unitIds.includes(u.id));

  // as `report --json` and the report download: the survey, the scope's releases, the report
  const report = (unitScope: { unitIds: readonly string[] }) => async () => {
    const loaded = await loadSurvey(SLUG);
    const releases = await loadReleases(loaded, undefined, undefined, unitScope, []);
    const r = await runReleasedReport({ survey: SLUG, period: YEAR, wave: null, versions: [], groups: {}, unitScope }, loaded, releases);
    return isWithheld(r) ? "withheld (period not whole released blocks)" : `shown, n = ${r.report.responses?.toLocaleString("en") ?? "hidden"}`;
  };
  const review = (unitScope: { unitIds: readonly string[] }, extra: Record<string, unknown> = {}) => async () => {
    const r = await loadReview(ReviewParamsSchema.parse({ survey: SLUG, month: LAST_MONTH, ...extra }), unitScope);
    return !r || (r.withheld.length && !r.columns.length) ? "withheld" : "shown";
  };
  const compare = async () => {
    const { columns } = await compareUnits({ survey: SLUG, period: rolling12(LAST_MONTH), wave: "closure" }, orgUnits);
    return `${columns.filter((c) => c.report).length} of ${columns.length} columns shown`;
  };
  // as the pages' loaders: the start page's counts and attention list, the version comparison's default
  const { shownCodeCounts } = await import("../app/codes/dashboard.server");
  const { attention } = await import("../app/home/attention.server");
  const { runComparison } = await import("../app/results/compare.server");
  const { monthOf } = await import("../app/utils/months");
  const { visibilityOf, requestUnits } = await import("../app/units/units.server");
  // early in the month after the data's last one: that month is released and its release summaries
  // built, as the levels job has them an hour after a month ends (decision 0034); the data hold no
  // codes of that month, so the page's code counts show only what is due from earlier months
  const pageDay = new Date(`${addMonths(LAST_MONTH, 1)}-05T10:00:00Z`);
  const startPage = (unitSlug: string | null) => async () => {
    const own = units.find((u) => u.slug === "default")!;
    const user = { id: "bench", email: "bench@example.se", role: "orgmanager" as const, unitId: own.id };
    const choice = await requestUnits(user, unitSlug);
    const counts = await shownCodeCounts(pageDay, choice.scope.unitIds, monthOf(pageDay));
    const a = await attention(pageDay, { scope: choice.scope, unitId: own.id, visible: visibilityOf(choice) });
    return `${counts.length} code rows, ${a.indicators.length} indicators`;
  };
  const versionComparison = async () => {
    const r = await runComparison({ survey: SLUG, versions: "answered", wave: "closure", unitScope: organisation.scope });
    return "withheld" in r ? "withheld" : `${r.comparison.from} – ${r.comparison.to}, ${r.comparison.withheld.length} of ${r.comparison.versions.length} versions withheld`;
  };
  const views: { name: string; goal: number | null; run: () => Promise<string> }[] = [
    { name: `organisation-wide report 2025 (${orgUnits.length} units pooled)`, goal: 100, run: report(organisation.scope) },
    { name: `largest unit's report 2025 (${LARGEST})`, goal: 50, run: report(largest) },
    { name: `typical unit's report 2025 (${TYPICAL})`, goal: 50, run: report(typical) },
    { name: `largest unit's monthly review (${LAST_MONTH})`, goal: 50, run: review(largest) },
    { name: `typical unit's monthly review (${LAST_MONTH})`, goal: 50, run: review(typical) },
    { name: `organisation-wide monthly review (${LAST_MONTH})`, goal: null, run: review(organisation.scope) },
    { name: "unit comparison page (rolling 12, closure)", goal: null, run: compare },
    { name: "organisation manager's start page (all units)", goal: null, run: startPage(null) },
    { name: `a unit's start page (${TYPICAL})`, goal: null, run: startPage(TYPICAL) },
    { name: "version comparison, all units pooled (default period)", goal: null, run: versionComparison },
  ];
  const out: View[] = [];
  for (const v of views) {
    const t = performance.now();
    const outcome = await v.run();
    // a view that takes seconds is timed once after this first run: the machine is shared
    const slow = performance.now() - t > 2000;
    const runs = slow ? 1 : 5;
    const warmup = slow ? 0 : 2;
    const before = process.cpuUsage();
    const ms = await median(v.run, runs, warmup);
    const used = process.cpuUsage(before);
    const cpu = (used.user + used.system) / 1000 / (runs + warmup);
    out.push({ name: v.name, goal: v.goal, outcome, ms, cpu, runs, load: os.loadavg()[0]!.toFixed(1) });
    log(`${databaseUrl.split(":")[0]}: ${v.name} ${ms.toFixed(1)} ms (${outcome})`);
  }
  return out;
}

/** This script in a process of its own (the app's Prisma client is bound to one database per process); what it printed. */
function inChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/units.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`bench/units.ts ${args.join(" ")} exited with ${code}`))));
  });
}

const measureInChild = async (databaseUrl: string) => JSON.parse(await inChild(["--measure", databaseUrl])) as View[];

/** Builds the derived levels and release summaries not built yet (none when the cache is current). */
async function buildLevels(databaseUrl: string): Promise<void> {
  appOn(databaseUrl);
  const { buildDimensionLevels } = await import("../app/results/queries.sql.server");
  const { buildReleaseSummaries } = await import("../app/results/release-summaries-build.server");
  const { lastDerivableMonth } = await import("../app/results/levels");
  let t = performance.now();
  const rows = await buildDimensionLevels(LAST_MONTH);
  log(`derived levels: ${n(rows)} rows built in ${seconds(t).toFixed(0)} s`);
  // as the server's levels job does at start: through the month that closed last (decision 0034)
  t = performance.now();
  const summaries = await buildReleaseSummaries(lastDerivableMonth(new Date()));
  log(`release summaries: ${n(summaries)} rows built in ${seconds(t).toFixed(1)} s`);
}

const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en")} ms`;
const n = (x: number) => x.toLocaleString("en");

function viewTable(database: string, views: View[]): string {
  return table(
    `${database}: ${n(RESPONSES)} responses in ${UNITS} units, median of 5 after 2 warm-up runs (a view over 2 s: one run after one), periods end ${LAST_MONTH}`,
    ["view", "outcome", "time", "runs", "app CPU per run", "goal", "met", "load average"],
    views.map((v) => [v.name, v.outcome, ms(v.ms), v.runs, ms(v.cpu), v.goal ? `< ${v.goal} ms` : "–", v.goal ? (v.ms < v.goal ? "yes" : "NO") : "–", v.load]),
  );
}

async function main() {
  const data = await generate();
  // a cached database of an older schema gets the newer migrations (e.g. AnswerCount's key), as an install would
  const { migrate } = await import("../app/setup/migrate.server");
  for (const file of [cached, cachedBase]) migrate(`file:${file}`);
  // and the derived levels a newer version added (e.g. the language levels), as the job at start-up would
  await inChild(["--build-levels", `file:${cached}`]);
  const out: string[] = [];
  if (data) {
    const sizes = [...data.unitSizes].sort((a, b) => b - a);
    out.push(
      table(
        "Units data (synthetic: one organisation, 60 months to 2026-10, 3 versions, both waves; counted by `aggregates rebuild`, levels built)",
        ["responses", "units (largest / median / smallest)", "answer rows", "free texts", "AnswerCount rows by level", "generate (s)", "count (s)", "levels (s)"],
        [
          [
            n(RESPONSES),
            `${UNITS} (${n(sizes[0]!)} / ${n(sizes[UNITS / 2]!)} / ${n(sizes.at(-1)!)})`,
            n(data.answerRows),
            n(data.freeTexts),
            data.levelRows,
            data.generate.toFixed(0),
            data.rebuild.toFixed(0),
            data.levels.toFixed(0),
          ],
        ],
      ),
    );
  } else out.push(`\nUnits data: cached under bench/.tmp (${n(RESPONSES)} responses, ${UNITS} units).`);

  // a working copy: reports write release caches (level 6) into the database
  const working = `${BENCH_DIR}/units-measure.db`;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(working + suffix, { force: true });
  fs.copyFileSync(cached, working);
  log("timing on SQLite");
  out.push(viewTable("SQLite", await measureInChild(`file:${working}`)));
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(working + suffix, { force: true });

  if (process.env.BENCH_UNITS_POSTGRESQL === "0") {
    out.push("\nPostgreSQL: not run (BENCH_UNITS_POSTGRESQL=0).");
    process.stdout.write(out.join("\n") + "\n");
    return;
  }
  // fsync and synchronous commit on, as a server runs; a shared_buffers a server would give it
  const cluster = await startCluster({ durable: true, settings: ["shared_buffers=1GB"] });
  try {
    log("loading PostgreSQL");
    const { url, steps } = await loadPostgresql(cluster.url);
    out.push(
      table(
        `PostgreSQL load (throwaway cluster, fsync on, shared_buffers 1 GB; load average ${os.loadavg()[0]!.toFixed(1)})`,
        ["step", "rows", "seconds"],
        steps.map((s) => [s.step, s.rows, s.seconds.toFixed(0)]),
      ),
    );
    // as the PostgreSQL server's levels job does at start (migrate-data moved them empty)
    await inChild(["--build-levels", url]);
    log("timing on PostgreSQL");
    out.push(viewTable("PostgreSQL", await measureInChild(url)));
  } finally {
    cluster.stop();
  }
  out.push(`\n${os.cpus().length} cores; 1-minute load average at the end: ${os.loadavg()[0]!.toFixed(1)}`);
  process.stdout.write(out.join("\n") + "\n");
}

const measuring = process.argv.indexOf("--measure");
const building = process.argv.indexOf("--build-levels");
(measuring >= 0
  ? measure(process.argv[measuring + 1]!).then((views) => process.stdout.write(JSON.stringify(views)))
  : building >= 0
    ? buildLevels(process.argv[building + 1]!)
    : main()
).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
