/**
 * A four-version survey for the differencing attacks (issue 11): one single-choice question, a
 * free-text question and an indicator, the same in every version.
 */
import { importSurvey } from "~/survey/store.server";

const text = (s: string) => ({ sv: s, en: s });
export const ATTACK_SLUG = "attack";

export async function importAttackSurvey(): Promise<void> {
  const questions = [
    {
      key: "helped",
      type: "single" as const,
      waves: ["closure" as const, "followup" as const],
      text: text("Fick du hjälp?"),
      options: [
        { key: "yes", text: text("Ja") },
        { key: "no", text: text("Nej") },
      ],
    },
    { key: "comments", type: "text" as const, waves: ["closure" as const, "followup" as const], text: text("Något mer?") },
  ];
  await importSurvey({
    slug: ATTACK_SLUG,
    title: text("Attack"),
    defaultLanguage: "sv",
    indicators: [{ key: "helped", label: text("Fick hjälp"), question: "helped", success: ["yes"], target: 0.6 }],
    versions: [1, 2, 3, 4].map((version) => ({ version, label: "", questions })),
  });
}
