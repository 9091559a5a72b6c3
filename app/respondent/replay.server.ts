import { randomUUID } from "node:crypto";

/**
 * Each rendered questionnaire carries a random view id. Without JavaScript, Back after "leave
 * quickly" can make the browser send the last form post again (a language switch, a rejected
 * submit), and the page that answers it would show the answers again to whoever holds the phone.
 * The server answers only the first post of a view id with the answers; a repeat gets an empty
 * form. The ids are random and carry nothing; they are forgotten after a few hours.
 */
const KEEP_MS = 6 * 60 * 60 * 1000;
const MAX_IDS = 200_000;
const answered = new Map<string, number>();

export function newViewId(): string {
  return randomUUID();
}

/**
 * False for a repeated post of a view id. A post without one (a script, as the form interface
 * allows) is answered as a first post: only pages a browser keeps in its history carry an id.
 */
export function firstPostOf(viewId: string | undefined, now = Date.now()): boolean {
  if (!viewId) return true;
  if (!/^[0-9a-f-]{36}$/.test(viewId)) return false;
  if (answered.has(viewId)) return false;
  if (answered.size >= MAX_IDS)
    for (const [id, at] of answered) {
      if (now - at < KEEP_MS && answered.size < MAX_IDS) break;
      answered.delete(id);
    }
  answered.set(viewId, now);
  return true;
}
