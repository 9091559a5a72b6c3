import { createHash } from "node:crypto";
import type { Question } from "./definition";
import { placeKey, textsOf } from "./translation";

/**
 * Which texts of a version have a recording in a language (decision 0025). A recording carries
 * the hash of the text it reads: it plays only where the text is still exactly that, so a
 * reworded question, or a retranslated one (decision 0015), shows its old recording as stale.
 */

export type RecordingState = "recorded" | "stale" | "missing";

/** A stored recording as the status needs it (never its bytes). */
export type StoredRecording = { id: string; place: string; textHash: string };

export type PlaceRecording = {
  place: string;
  /** the text in the language, what an interpreter reads */
  text: string;
  state: RecordingState;
  /** the recording that plays here (recorded), else absent */
  id?: string;
  /** the question's own text (false for an option or a matrix row) */
  question: boolean;
};

/** What a recording is matched on: the text in one language, trimmed. */
export function textHash(text: string): string {
  return createHash("sha256").update(text.trim()).digest("hex");
}

/**
 * Every text of the questions that exists in `lang`, in page order, with its recording state.
 * A text missing in `lang` has nothing to read and is left out (the translation status says it).
 */
export function recordingStates(questions: readonly Question[], lang: string, stored: readonly StoredRecording[]): PlaceRecording[] {
  const out: PlaceRecording[] = [];
  for (const [place, texts] of textsOf(questions)) {
    const text = texts[lang]?.trim();
    if (!text) continue;
    const key = placeKey(place);
    const hash = textHash(text);
    const current = stored.find((r) => r.place === key && r.textHash === hash);
    const state: RecordingState = current ? "recorded" : stored.some((r) => r.place === key) ? "stale" : "missing";
    out.push({ place: key, text, state, id: current?.id, question: !place.choice });
  }
  return out;
}

export type RecordingSummary = {
  lang: string;
  /** question texts: every question should have one */
  questions: Record<RecordingState, number>;
  /** options and matrix rows: recorded where useful, so none is "missing" */
  choices: Omit<Record<RecordingState, number>, "missing">;
};

export function summarizeRecordings(lang: string, states: readonly PlaceRecording[]): RecordingSummary {
  const summary: RecordingSummary = { lang, questions: { recorded: 0, stale: 0, missing: 0 }, choices: { recorded: 0, stale: 0 } };
  for (const s of states) {
    if (s.question) summary.questions[s.state]++;
    else if (s.state !== "missing") summary.choices[s.state]++;
  }
  return summary;
}

/** The recordings that play, by place ("feel_better.text" → id). */
export function playable(states: readonly PlaceRecording[]): Map<string, string> {
  return new Map(states.flatMap((s) => (s.id ? [[s.place, s.id] as const] : [])));
}
