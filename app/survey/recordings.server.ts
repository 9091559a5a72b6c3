import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { sniffAudio, MAX_RECORDING_BYTES, type AudioType } from "./audio";
import type { Question } from "./definition";
import { recordingStates, summarizeRecordings, textHash, type PlaceRecording, type RecordingSummary } from "./recordings";
import { placeKey, textsOf } from "./translation";

/** Why an upload was refused (surveys:recordings.problems.*). */
export type RecordingProblem = "notAudio" | "tooLarge" | "empty" | "unknownPlace" | "noText";

/** A recording's public name: random, so the URL says nothing about survey, version or language. */
const newRecordingId = () => randomBytes(16).toString("base64url");
export const RECORDING_ID = /^[A-Za-z0-9_-]{22}$/;

/** Every text of the questions in `lang` with its recording state (one query, no audio bytes). */
export async function recordingsOf(surveyId: string, questions: readonly Question[], lang: string): Promise<PlaceRecording[]> {
  const stored = await prisma.recording.findMany({ where: { surveyId, lang }, select: { id: true, place: true, textHash: true } });
  return recordingStates(questions, lang, stored);
}

/** Recorded, stale and missing per language, for the translation status tables (one query). */
export async function recordingSummaries(surveyId: string, questions: readonly Question[], langs: readonly string[]): Promise<Record<string, RecordingSummary>> {
  const stored = await prisma.recording.findMany({ where: { surveyId }, select: { id: true, place: true, lang: true, textHash: true } });
  return Object.fromEntries(langs.map((lang) => [lang, summarizeRecordings(lang, recordingStates(questions, lang, stored.filter((r) => r.lang === lang)))]));
}

/**
 * Stores an upload as the reading of `place` in `lang`, matched to the text it has now. A second
 * upload for the same text replaces the first (a new id, so no player keeps the old bytes).
 */
export async function saveRecording(
  surveyId: string,
  questions: readonly Question[],
  place: string,
  lang: string,
  bytes: Uint8Array,
): Promise<{ ok: true; id: string } | { ok: false; problem: RecordingProblem }> {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (bytes.length > MAX_RECORDING_BYTES) return { ok: false, problem: "tooLarge" };
  const found = [...textsOf(questions)].find(([p]) => placeKey(p) === place);
  if (!found) return { ok: false, problem: "unknownPlace" };
  const text = found[1][lang]?.trim();
  if (!text) return { ok: false, problem: "noText" };
  const contentType = sniffAudio(bytes);
  if (!contentType) return { ok: false, problem: "notAudio" };
  const hash = textHash(text);
  const id = newRecordingId();
  const data = { id, contentType, bytes: Buffer.from(bytes) };
  // one statement on the text's unique key: two uploads at once leave one recording, never two
  // rows or a unique-key failure (as a delete then create could)
  await prisma.recording.upsert({
    where: { surveyId_place_lang_textHash: { surveyId, place, lang, textHash: hash } },
    create: { ...data, surveyId, place, lang, textHash: hash },
    update: data,
  });
  return { ok: true, id };
}

/** Removes every recording of `place` in `lang` (current and stale) of the survey. */
export async function deleteRecordings(surveyId: string, place: string, lang: string): Promise<number> {
  return (await prisma.recording.deleteMany({ where: { surveyId, place, lang } })).count;
}

/** The audio behind a public id, or null. */
export async function recordingAudio(id: string): Promise<{ contentType: AudioType; bytes: Uint8Array } | null> {
  if (!RECORDING_ID.test(id)) return null;
  const row = await prisma.recording.findUnique({ where: { id }, select: { contentType: true, bytes: true } });
  return row ? { contentType: row.contentType as AudioType, bytes: row.bytes } : null;
}
