import { beforeEach, describe, expect, it } from "vitest";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { MAX_RECORDING_BYTES } from "~/survey/audio";
import { recordingStates, summarizeRecordings, textHash } from "~/survey/recordings";
import { deleteRecordings, recordingAudio, recordingsOf, recordingSummaries, saveRecording } from "~/survey/recordings.server";
import { confirmTranslations, createDraft, getVersion, importTranslationTexts, updateDraft } from "~/survey/store.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";
import { wavTone } from "../../support/audio";

const Q = "violence_stopped";
const PLACE = `${Q}.text`;
const reword = (lang: string, text: string) => (qs: Parameters<typeof editQuestion>[0]) => editQuestion(qs, { key: Q, lang, text });
const version = async (n: number) => (await getVersion("brukarenkat", n))!;
const stateOf = async (n: number, lang: string, place = PLACE) => {
  const v = await version(n);
  return (await recordingsOf(v.surveyId, v.version.questions, lang)).find((p) => p.place === place)?.state;
};
async function record(n: number, lang: string, place = PLACE, bytes: Uint8Array = wavTone()) {
  const v = await version(n);
  return saveRecording(v.surveyId, v.version.questions, place, lang, bytes);
}

beforeEach(async () => {
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
});

describe("a recording belongs to the text it reads", () => {
  it("is missing, then recorded; the stored type is the one the bytes have", async () => {
    expect(await stateOf(3, "ti")).toBe("missing");
    const saved = await record(3, "ti");
    expect(saved.ok).toBe(true);
    expect(await stateOf(3, "ti")).toBe("recorded");
    expect(await stateOf(3, "sv")).toBe("missing"); // per language
    expect((await recordingAudio(saved.ok ? saved.id : ""))?.contentType).toBe("audio/wav");
  });

  it("goes stale when the Swedish question is reworded, and a new upload for the new text plays", async () => {
    await record(3, "sv");
    await createDraft("brukarenkat");
    expect(await stateOf(4, "sv")).toBe("recorded"); // an unchanged text keeps its recording in the next version
    await updateDraft("brukarenkat", 4, reword("sv", "Har våldet upphört helt?"), ["sv"]);
    expect(await stateOf(4, "sv")).toBe("stale");
    expect(await stateOf(3, "sv")).toBe("recorded"); // the published version still reads the old text
    await record(4, "sv");
    expect(await stateOf(4, "sv")).toBe("recorded");
    expect(await stateOf(3, "sv")).toBe("recorded");
  });

  it("stays recorded in a language whose translation still fits, and goes stale when it is retranslated", async () => {
    await createDraft("brukarenkat");
    await record(4, "ti");
    await updateDraft("brukarenkat", 4, reword("sv", "Har våldet upphört helt?"), ["sv"]);
    await confirmTranslations("brukarenkat", 4, "ti", [PLACE]);
    expect(await stateOf(4, "ti")).toBe("recorded"); // the Tigrinya text it reads is unchanged
    await importTranslationTexts("brukarenkat", 4, "ti", { [PLACE]: "ዓመጽ ብምሉኡ ቆይሙ ድዩ?" });
    expect(await stateOf(4, "ti")).toBe("stale");
  });

  it("a stale recording never plays: only the current one is offered", () => {
    const questions = [{ key: "q", type: "single" as const, waves: ["closure" as const], text: { sv: "Ny text" }, options: [{ key: "a", text: { sv: "Ja" } }] }];
    const stored = [
      { id: "old", place: "q.text", textHash: textHash("Gammal text") },
      { id: "opt", place: "q.options.a", textHash: textHash(" Ja ") }, // matched trimmed
    ];
    const states = recordingStates(questions, "sv", stored);
    expect(states).toEqual([
      { place: "q.text", text: "Ny text", state: "stale", id: undefined, question: true },
      { place: "q.options.a", text: "Ja", state: "recorded", id: "opt", question: false },
    ]);
    expect(recordingStates(questions, "ti", stored)).toEqual([]); // no Tigrinya text: nothing to read
    expect(summarizeRecordings("sv", states)).toEqual({ lang: "sv", questions: { recorded: 0, stale: 1, missing: 0 }, choices: { recorded: 1, stale: 0 } });
  });

  it("counts per language for the status tables, options apart from questions", async () => {
    const v = await version(3);
    await record(3, "ti");
    await record(3, "ti", `${Q}.options.yes`);
    const summaries = await recordingSummaries(v.surveyId, v.version.questions, ["sv", "ti"]);
    const questions = v.version.questions.length;
    expect(summaries.ti).toEqual({ lang: "ti", questions: { recorded: 1, stale: 0, missing: questions - 1 }, choices: { recorded: 1, stale: 0 } });
    expect(summaries.sv!.questions).toEqual({ recorded: 0, stale: 0, missing: questions });
  });
});

describe("uploads that are refused", () => {
  it("refuses what is not audio, too large, empty, an unknown place and a text the language lacks", async () => {
    expect(await record(3, "sv", PLACE, Buffer.from("<html><script>alert(1)</script>"))).toEqual({ ok: false, problem: "notAudio" });
    const big = Buffer.concat([wavTone(), Buffer.alloc(MAX_RECORDING_BYTES)]);
    expect(await record(3, "sv", PLACE, big)).toEqual({ ok: false, problem: "tooLarge" });
    expect(await record(3, "sv", PLACE, Buffer.alloc(0))).toEqual({ ok: false, problem: "empty" });
    expect(await record(3, "sv", "no_such_question.text")).toEqual({ ok: false, problem: "unknownPlace" });
    expect(await record(3, "xx")).toEqual({ ok: false, problem: "noText" });
    expect(await prisma.recording.count()).toBe(0);
  });

  it("replaces a recording of the same text (a new id: the old URL stops answering) and deletes by place", async () => {
    const first = await record(3, "sv");
    const second = await record(3, "sv");
    expect(first.ok && second.ok && first.id !== second.id).toBe(true);
    expect(await recordingAudio(first.ok ? first.id : "")).toBeNull();
    expect(await prisma.recording.count()).toBe(1);
    expect(await deleteRecordings((await version(3)).surveyId, PLACE, "sv")).toBe(1);
    expect(await stateOf(3, "sv")).toBe("missing");
  });

  it("two uploads of the same text at once leave exactly one recording, the bytes of one of them", async () => {
    const tones = [wavTone(0.5, 440), wavTone(0.5, 880), wavTone(0.5, 660), wavTone(0.5, 550)];
    const saved = await Promise.all(tones.map((bytes) => record(3, "sv", PLACE, bytes)));
    expect(saved.every((s) => s.ok)).toBe(true);
    const rows = await prisma.recording.findMany({ where: { place: PLACE, lang: "sv" }, select: { id: true, bytes: true } });
    expect(rows).toHaveLength(1);
    // the one left is one of the uploads, whole, under the id that upload was given
    const winner = saved.findIndex((s) => s.ok && s.id === rows[0]!.id);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(Buffer.from(rows[0]!.bytes).equals(tones[winner]!)).toBe(true);
  });
});
