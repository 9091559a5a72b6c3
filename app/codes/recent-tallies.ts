import type { CodeTally } from "./attributes";

/**
 * Code tallies read by recent submits, kept for a moment (decision 0027, amended).
 *
 * Every submit on SQLite read its code's tallies on the read connection just after a commit had
 * emptied that connection's page cache: about 0.03 ms of the event loop's CPU per submit, for a
 * result that changes only when codes are handed out. A tally kept here is at most `freshMs` old,
 * and forgotten at once when this process hands codes out (issue.server.ts, stock.server.ts).
 *
 * Why an old tally is safe (decision 0010): a tally only grows (`issued` is only ever increased),
 * so every value and combination an old tally lets a response keep was shared by at least k
 * codes then, and is still; and a withheld value is withheld with codes that exist. A fresh
 * tally may withhold what an old one kept (a rare value appearing makes a common one join it),
 * exactly as a tally read before that code was handed out did.
 */
export class RecentTallies<T> {
  readonly #kept = new Map<string, { value: T; readAt: number }>();

  constructor(
    private readonly freshMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The value read for `key` less than `freshMs` ago if `usable` accepts it, else `read()`'s,
   * kept from now.
   */
  get(key: string, read: () => T, usable: (kept: T) => boolean = () => true): T {
    const now = this.now();
    const kept = this.#kept.get(key);
    if (kept && now - kept.readAt < this.freshMs && usable(kept.value)) return kept.value;
    const value = read();
    if (!kept && this.#kept.size >= this.maxKeys) this.#forgetOlderThan(now - this.freshMs);
    this.#kept.set(key, { value, readAt: now });
    return value;
  }

  forget(): void {
    this.#kept.clear();
  }

  /** Only stale values go; if every key is fresh (more than maxKeys busy at once), all of them. */
  #forgetOlderThan(since: number) {
    for (const [key, { readAt }] of this.#kept) if (readAt <= since) this.#kept.delete(key);
    if (this.#kept.size >= this.maxKeys) this.#kept.clear();
  }
}

/**
 * How long a submit may use tallies another submit read. A code handed out by another process
 * (the CLI) reaches the submits of this one this much later at most.
 */
export const TALLIES_FRESH_MS = 250;

/**
 * The one cache of the process: on the global object, since the server's own modules and Remix's
 * build may each load this module, and a hand-out in either must reach the submits of both.
 */
export const recentTallies: RecentTallies<CodeTally[]> = ((globalThis as { brukarrostRecentTallies?: RecentTallies<CodeTally[]> }).brukarrostRecentTallies ??=
  new RecentTallies<CodeTally[]>(TALLIES_FRESH_MS));
