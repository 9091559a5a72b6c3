import type { LocalizedText, VersionDefinition } from "./definition";
import { diffVersions, type VersionDiff } from "./diff";
import { newestPublishedVersion } from "./store.server";

export type VersionChanges = { diff: VersionDiff; texts: Record<string, LocalizedText> };

/**
 * What a draft changes against the version published before it, for the publish page (issue 19).
 * Null when nothing is published yet.
 */
export async function changesSincePublished(slug: string, draft: VersionDefinition): Promise<VersionChanges | null> {
  const previous = await newestPublishedVersion(slug);
  if (!previous || previous.version.version >= draft.version) return null;
  return { diff: diffVersions(previous.version, draft), texts: questionTexts(previous.version, draft) };
}

/** Each question's text, to name it by, from the newer version where both have it. */
export function questionTexts(...versions: Pick<VersionDefinition, "questions">[]): Record<string, LocalizedText> {
  const texts: Record<string, LocalizedText> = {};
  for (const v of versions) for (const q of v.questions) texts[q.key] = q.text;
  return texts;
}
