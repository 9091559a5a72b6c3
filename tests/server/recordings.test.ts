/**
 * Recordings read aloud (decision 0025) against the real server: who may upload and how much,
 * what counts as audio, what the questionnaire and the audio URL send a client's phone, and what
 * the log keeps of it.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { MAX_RECORDING_BYTES } from "~/survey/audio";
import { languagesOf } from "~/survey/definition";
import { saveRecording } from "~/survey/recordings.server";
import { getVersion } from "~/survey/store.server";
import { placeKey, textsOf } from "~/survey/translation";
import { prisma } from "~/utils/db.server";
import { FORM_LIMITS, RECORDING_LIMITS } from "../../server/limits";
import { wavTone } from "../support/audio";
import { freshCodes, plain } from "../support/codes";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const MANAGER = { email: "rec-manager@example.se", password: "rec-manager-password-1", role: "manager" as const };
const STAFF = { email: "rec-staff@example.se", password: "rec-staff-password-1", role: "staff" as const };
const UPLOAD = "/admin/surveys/brukarenkat/3/recordings";
let manager = "";
let staff = "";

beforeAll(async () => {
  await freshCodes(1); // seeds the survey in this file's database before the server opens it
  for (const account of [MANAGER, STAFF]) await createUser(account);
  server = await startServer(undefined, { log: true });
  manager = await logIn(MANAGER);
  staff = await logIn(STAFF);
}, 180_000);
afterAll(async () => {
  await server?.stop();
});

type Sent = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request through node:http: exact bytes, exact headers, nothing added or followed. */
function send(pathname: string, init: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string } = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${pathname}`, { method: init.method ?? "GET", headers: init.headers, agent: false });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

async function logIn(account: { email: string; password: string }): Promise<string> {
  const r = await send("/login", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email: account.email, password: account.password }).toString(),
  });
  expect(r.status).toBe(302);
  return String(r.headers["set-cookie"]).split(";")[0]!;
}

const BOUNDARY = "----recording-test";
/** A multipart upload as a browser sends it: the fields, then the file with its declared name and type. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return Buffer.concat([
    Buffer.from(parts.join("") + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const FIELDS = { formId: "upload", intent: "upload", lang: "sv", place: "violence_stopped.text" };
function upload(body: Buffer, cookie?: string, pathname = UPLOAD) {
  return send(pathname, {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": body.length, Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}
/** An upload whose whole body is exactly `total` bytes. */
function uploadOfSize(total: number, cookie: string) {
  const overhead = multipart(FIELDS, { name: "a.wav", type: "audio/wav", bytes: Buffer.alloc(0) }).length;
  const tone = wavTone();
  return upload(multipart(FIELDS, { name: "a.wav", type: "audio/wav", bytes: Buffer.concat([tone, Buffer.alloc(total - overhead - tone.length)]) }), cookie);
}

const idFromLocation = async () => (await prisma.recording.findFirstOrThrow({ where: { place: FIELDS.place, lang: "sv" } })).id;

describe("uploading a recording", () => {
  it("stores a manager's WAV by what its bytes are, whatever type and name the browser declared", async () => {
    const r = await upload(multipart(FIELDS, { name: "fråga.html", type: "text/html", bytes: wavTone() }), manager);
    expect(r.status).toBe(302);
    expect(r.headers.location).toMatch(/recordings\?as=sv#violence_stopped-text$/);
    const row = await prisma.recording.findFirstOrThrow({ where: { place: FIELDS.place, lang: "sv" } });
    expect(row.contentType).toBe("audio/wav");
    expect(Buffer.from(row.bytes).equals(wavTone())).toBe(true);
  });

  it("refuses a file that is not audio though it is named and declared as MP3", async () => {
    const before = await prisma.recording.count();
    const html = Buffer.from("<!doctype html><script>fetch('/admin/users')</script>");
    const r = await upload(multipart({ ...FIELDS, place: "feel_better.text" }, { name: "question.mp3", type: "audio/mpeg", bytes: html }), manager);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain("Filen är inte ljud som appen kan spela");
    expect(await prisma.recording.count()).toBe(before);
  });

  it("refuses an upload without a session or with a staff session, and keeps the form limit for them", async () => {
    const small = multipart({ ...FIELDS, place: "role.text" }, { name: "a.wav", type: "audio/wav", bytes: wavTone() });
    expect((await upload(small)).status).toBe(302); // to the login page
    expect((await upload(small)).headers.location).toMatch(/^\/login/);
    expect((await upload(small, staff)).status).toBe(403);
    const oneMegabyte = multipart({ ...FIELDS, place: "contact_satisfaction.text" }, { name: "a.wav", type: "audio/wav", bytes: Buffer.concat([wavTone(), Buffer.alloc(1024 * 1024)]) });
    for (const cookie of [undefined, staff, "__session=forged-value", manager.replace(/.$/, "x")])
      expect(await upload(oneMegabyte, cookie).then((x) => x.status), String(cookie)).toBe(413);
    expect((await upload(oneMegabyte, manager)).status).toBe(302);
    expect(await prisma.recording.count({ where: { place: "role.text" } })).toBe(0);
    expect(await prisma.recording.count({ where: { place: "contact_satisfaction.text" } })).toBe(1);
  });

  it("answers 413 one byte above the recording limit, and takes the body at the limit to the page", async () => {
    expect(RECORDING_LIMITS.maxBytes).toBeGreaterThan(MAX_RECORDING_BYTES);
    expect((await uploadOfSize(RECORDING_LIMITS.maxBytes + 1, manager)).status).toBe(413);
    const atLimit = await uploadOfSize(RECORDING_LIMITS.maxBytes, manager);
    expect(atLimit.status).toBe(200); // read whole, then refused by the page: the file is over 2 MB
    expect(atLimit.body.toString()).toContain("Inspelningen är större än 2 MB");
  }, 60_000);

  it("keeps the form limit on every other route, for the manager too", async () => {
    const body = Buffer.alloc(FORM_LIMITS.maxBytes + 1, "a");
    for (const target of ["/admin/surveys/brukarenkat/3", "/admin/surveys/brukarenkat/3/recordings/x", "/admin/surveys/brukarenkat/3/recordingsx", "/s/AAAAAAAAAAAA"]) {
      const r = await send(target, { method: "POST", headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": body.length, Origin: server.url, Cookie: manager }, body });
      expect([target, r.status]).toEqual([target, 413]);
    }
  });

  it("takes no name or path from the upload: a traversal in the file name or place stores nothing anywhere", async () => {
    const dataDir = path.dirname(process.env.DATABASE_URL!.slice("file:".length));
    const filesBefore = fs.readdirSync(dataDir).sort();
    const before = await prisma.recording.count();
    const traversal = await upload(multipart({ ...FIELDS, place: "../../../etc/passwd" }, { name: "../../x.wav", type: "audio/wav", bytes: wavTone() }), manager);
    expect(traversal.status).toBe(200); // the form again, with the place refused
    const named = await upload(multipart({ ...FIELDS, place: "gender.text" }, { name: "../../../../tmp/evil.wav", type: "audio/wav", bytes: wavTone() }), manager);
    expect(named.status).toBe(302);
    expect(await prisma.recording.count()).toBe(before + 1);
    expect(fs.existsSync("/tmp/evil.wav")).toBe(false);
    expect(fs.readdirSync(dataDir).sort().filter((f) => !/-(wal|shm|journal)$/.test(f))).toEqual(filesBefore.filter((f) => !/-(wal|shm|journal)$/.test(f)));
  });
});

describe("uploads that hurt", () => {
  it("answers a body that claims 2 MB but trickles, without a manager's session, 413 within the drain time, not when it ends", async () => {
    for (const cookie of [undefined, staff]) {
      const started = Date.now();
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(`${server.url}${UPLOAD}`, {
          method: "POST",
          agent: false,
          headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": MAX_RECORDING_BYTES, Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
        });
        req.on("response", (res) => (res.resume(), resolve(res.statusCode!), req.destroy()));
        req.on("error", reject);
        req.write(Buffer.alloc(1024, "a")); // and never the rest
      });
      expect([String(cookie), status]).toEqual([String(cookie), 413]);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  }, 60_000);

  it("refuses a manager's upload of more parts than any form has, storing nothing", async () => {
    const before = await prisma.recording.count();
    const extra = Array.from({ length: FORM_LIMITS.maxFields }, (_, i) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x${i}"\r\n\r\n1\r\n`).join("");
    const body = Buffer.concat([Buffer.from(extra), multipart({ ...FIELDS, place: "feel_better.text" }, { name: "a.wav", type: "audio/wav", bytes: wavTone() })]);
    expect(body.length).toBeLessThan(RECORDING_LIMITS.maxBytes);
    expect((await upload(body, manager)).status).toBe(400);
    expect(await prisma.recording.count()).toBe(before);
  });

  it("stores a file of exactly the recording limit and refuses one byte more", async () => {
    const ofSize = (n: number) => Buffer.concat([wavTone(), Buffer.alloc(n - wavTone().length)]);
    const place = "alternative_strategies.text";
    const atLimit = await upload(multipart({ ...FIELDS, place }, { name: "a.wav", type: "audio/wav", bytes: ofSize(MAX_RECORDING_BYTES) }), manager);
    expect(atLimit.status).toBe(302);
    const row = await prisma.recording.findFirstOrThrow({ where: { place, lang: "sv" }, select: { bytes: true } });
    expect(row.bytes.length).toBe(MAX_RECORDING_BYTES);
    const over = await upload(multipart({ ...FIELDS, place }, { name: "a.wav", type: "audio/wav", bytes: ofSize(MAX_RECORDING_BYTES + 1) }), manager);
    expect(over.status).toBe(200);
    expect(over.body.toString()).toContain("Inspelningen är större än 2 MB");
    expect(await prisma.recording.count({ where: { place, lang: "sv" } })).toBe(1);
  }, 60_000);
});

describe("playing a recording", () => {
  const expectRespondentHeaders = (r: Sent) => {
    expect(r.headers["set-cookie"]).toBeUndefined();
    expect(r.headers["cache-control"]).toBe("no-store, no-transform");
    expect(r.headers["referrer-policy"]).toBe("same-origin"); // the pages': audio loads nothing that could carry a Referer
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["content-encoding"]).toBeUndefined(); // byte ranges are of the file itself
  };

  it("serves the audio with its type, no cookie even to a staff browser, no cache, and byte ranges", async () => {
    const id = await idFromLocation();
    const whole = wavTone();
    const r = await send(`/a/${id}`, { headers: { Cookie: `${manager}; lng=en`, "Accept-Encoding": "gzip, br" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("audio/wav");
    expect(r.headers["accept-ranges"]).toBe("bytes");
    expect(Number(r.headers["content-length"])).toBe(whole.length);
    expect(r.body.equals(whole)).toBe(true);
    expectRespondentHeaders(r);

    const first = await send(`/a/${id}`, { headers: { Range: "bytes=0-", "Accept-Encoding": "gzip, br" } });
    expect([first.status, first.headers["content-range"]]).toEqual([206, `bytes 0-${whole.length - 1}/${whole.length}`]);
    expectRespondentHeaders(first);
    const middle = await send(`/a/${id}`, { headers: { Range: "bytes=100-199" } });
    expect([middle.status, middle.headers["content-range"], middle.body.equals(whole.subarray(100, 200))]).toEqual([206, `bytes 100-199/${whole.length}`, true]);
    const outside = await send(`/a/${id}`, { headers: { Range: `bytes=${whole.length}-` } });
    expect([outside.status, outside.headers["content-range"]]).toEqual([416, `bytes */${whole.length}`]);
    for (const r of [middle, outside]) expectRespondentHeaders(r);
  });

  it("answers a Range header of thousands of ranges with one plain body, and one too long for any header not at all", async () => {
    const id = await idFromLocation();
    const size = wavTone().length;
    const ranges = (n: number) => `bytes=${Array.from({ length: n }, (_, i) => `${i}-${i}`).join(",")}`;
    const started = Date.now();
    const many = await send(`/a/${id}`, { headers: { Range: ranges(1_500) } }); // ~12 KB, under Node's 16 KB of headers
    expect(Date.now() - started).toBeLessThan(5_000);
    expect([200, 206]).toContain(many.status);
    expect(many.headers["content-type"]).toBe("audio/wav"); // never multipart/byteranges: one body, at most the file
    expect(many.body.length).toBeLessThanOrEqual(size);
    expectRespondentHeaders(many);
    // Node answers 431 and closes while the client may still be writing: the client then sees
    // either the 431 or a reset, never the audio
    const tooLong = await send(`/a/${id}`, { headers: { Range: ranges(10_000) } }).then(
      (r) => String(r.status),
      (e: NodeJS.ErrnoException) => e.code,
    );
    expect(["431", "ECONNRESET", "EPIPE"]).toContain(tooLong);
    expect((await send("/healthz")).status).toBe(200);
  });

  it("serves a recording of a text no published version has (stale, or a draft's), like any other", async () => {
    // Decision 0025: /a/ does not ask which version a recording belongs to. Its id is shown only on
    // the manager's page and on questionnaires whose text it reads, and the audio is a reading of a
    // questionnaire text: it says nothing about a client.
    const id = await idFromLocation();
    const { textHash } = await prisma.recording.findUniqueOrThrow({ where: { id }, select: { textHash: true } });
    await prisma.recording.update({ where: { id }, data: { textHash: "0".repeat(64) } });
    const r = await send(`/a/${id}`);
    await prisma.recording.update({ where: { id }, data: { textHash } });
    expect(r.status).toBe(200);
    expectRespondentHeaders(r);
    const missing = await send("/a/AAAAAAAAAAAAAAAAAAAAAA");
    expect([missing.status, missing.headers["cache-control"], missing.headers["set-cookie"]]).toEqual([404, "no-store, no-transform", undefined]);
  });

  it("answers 404 for an unknown id and for anything that looks like a path", async () => {
    for (const target of ["/a/AAAAAAAAAAAAAAAAAAAAAA", "/a/..%2F..%2Fdata%2Fbrukarrost.db", "/a/%2e%2e%2fpackage.json", "/a/", "/a/x'--"]) {
      const r = await send(target);
      expect([target, r.status]).toEqual([target, 404]);
      expect(r.body.toString()).not.toMatch(/SQLite format|"name": "brukarrost"/);
    }
  });
});

describe("the questionnaire with recordings", () => {
  /** Records every text of version 3 in Swedish: each question, option and matrix row. */
  async function recordEverything() {
    const v = (await getVersion("brukarenkat", 3))!;
    for (const [place] of textsOf(v.version.questions)) {
      const r = await upload(multipart({ ...FIELDS, place: placeKey(place) }, { name: "a.wav", type: "audio/wav", bytes: wavTone(0.1) }), manager);
      expect([placeKey(place), r.status]).toEqual([placeKey(place), 302]);
    }
  }

  it("plays each recorded text without JavaScript, fetching nothing until played, and stays under 14 KB", async () => {
    await recordEverything();
    const [c] = await freshCodes(1);
    const r = await send(`/s/${plain(c!.code)}`, { headers: { "Accept-Encoding": "br", "Accept-Language": "sv" } });
    expect(r.status).toBe(200);
    const html = zlib.brotliDecompressSync(r.body).toString();
    const players = [...html.matchAll(/<audio [^>]*>/g)].map((m) => m[0]);
    const stored = await prisma.recording.findMany({ where: { lang: "sv" }, select: { id: true } });
    // every question, row and option of the closure wave (a matrix's options once, at its first row)
    expect(players.length).toBeGreaterThan(30);
    for (const p of players) {
      expect(p).toMatch(/ controls=""/);
      expect(p).toMatch(/ preload="none"/);
      const id = /src="\/a\/([A-Za-z0-9_-]{22})"/.exec(p)?.[1];
      expect(stored.map((s) => s.id)).toContain(id);
    }
    expect(html).not.toMatch(/<script[^>]*src=|<link[^>]*rel="(stylesheet|modulepreload|preload)"/);
    const report = await new HtmlValidate({ extends: ["html-validate:standard"] }).validateString(html);
    expect(report.results.flatMap((x) => x.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    const headerBytes = Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 16);
    expect(headerBytes + r.body.length).toBeLessThan(14 * 1024);
  }, 120_000);

  it("plays none in a language that has no recordings", async () => {
    const [c] = await freshCodes(1);
    const html = (await send(`/s/${plain(c!.code)}?lang=ti`)).body.toString();
    expect(html).toContain('lang="ti"');
    expect(html).not.toContain("<audio");
  });

  it("stays under 14 KB in every language, the heaviest too, with every text of it recorded", async () => {
    const v = (await getVersion("brukarenkat", 3))!;
    const [c] = await freshCodes(1);
    const sizes: Record<string, number> = {};
    for (const lang of languagesOf(v.version.questions).filter((l) => l !== "sv")) {
      for (const [place] of textsOf(v.version.questions)) await saveRecording(v.surveyId, v.version.questions, placeKey(place), lang, wavTone(0.05));
      const r = await send(`/s/${plain(c!.code)}?lang=${lang}`, { headers: { "Accept-Encoding": "br" } });
      expect([lang, r.status]).toEqual([lang, 200]);
      expect(zlib.brotliDecompressSync(r.body).toString()).toMatch(/<audio /);
      sizes[lang] = Object.entries(r.headers).reduce((n, [k, x]) => n + k.length + String(x).length + 4, 16) + r.body.length;
    }
    const heaviest = Object.entries(sizes).sort((a, b) => b[1] - a[1])[0]!;
    expect(heaviest[1], `${heaviest[0]}: ${heaviest[1]} bytes`).toBeLessThan(14 * 1024);
  }, 180_000);

  // last: it stops the server to have the hour's counts written
  it("logs the audio only as an hourly count of its route, never its id", async () => {
    const id = await idFromLocation();
    await send(`/a/${id}`);
    await server.stop();
    const log = server.stdout();
    expect(log).toContain('"route":"/a/:id"');
    expect(log).not.toContain(id);
  }, 60_000);
});
