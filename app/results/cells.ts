/**
 * Report counts from pre-aggregated cells (AnswerCount rows as countCells returns them): plain
 * TypeScript, no database. One load of cells answers many reports — every wave, every period
 * inside the loaded months, every group filter the cells were grouped by — so the monthly review
 * reads its rolling 12 months once instead of once per headline and chart.
 */
import { suppressBreakdown, type SuppressionReason } from "./disclosure";
import type { CellRow, GroupDim, IssuedRow } from "./queries.sql.server";
import type { Counts } from "./report";

export type GroupValues = Partial<Record<GroupDim, string>>;

/** Which cells a report reads: a period within the loaded months, a wave, group values. */
export type CellSelection = {
  from: string;
  to: string;
  wave: string | null;
  groups: GroupValues;
};

const ANSWER_DIMS = ["role", "gender"] as const;

export class CellSet {
  constructor(
    private readonly rows: CellRow[],
    private readonly loaded: { from: string; to: string; byMonth: boolean; dims: readonly GroupDim[]; questionKeys?: string[] },
    private readonly versionNumbers: Map<string, number>,
    private readonly issuedRows: IssuedRow[] = [],
  ) {}

  /** Codes issued for the selection; null with an answer group (codes know no answers). */
  issued(s: CellSelection): number | null {
    if (s.groups.role || s.groups.gender) return null;
    return this.select(s, this.issuedRows).reduce((sum, r) => sum + r.issued, 0);
  }

  private select<R extends { month: string; wave: string } & Partial<Record<GroupDim, string>>>(
    s: CellSelection,
    rows: R[],
  ): R[] {
    const whole = s.from === this.loaded.from && s.to === this.loaded.to;
    if (!whole && (!this.loaded.byMonth || s.from < this.loaded.from || s.to > this.loaded.to))
      throw new Error(`cells for ${this.loaded.from}…${this.loaded.to} cannot answer ${s.from}…${s.to}`);
    const groups = Object.entries(s.groups).filter(([, v]) => v) as [GroupDim, string][];
    for (const [d] of groups) if (!this.loaded.dims.includes(d)) throw new Error(`cells not grouped by ${d}`);
    return rows.filter(
      (r) =>
        (whole || (r.month >= s.from && r.month <= s.to)) &&
        (s.wave === null || r.wave === s.wave) &&
        groups.every(([d, v]) => r[d] === v),
    );
  }

  /** Responses, answer rows and distinct answering responses, as the raw queries give them. */
  counts(s: CellSelection, answeredKeys: string[], questionKeys?: string[]): Omit<Counts, "issued"> {
    if (questionKeys && this.loaded.questionKeys && questionKeys.some((k) => !this.loaded.questionKeys!.includes(k)))
      throw new Error("cells were loaded for other questions");
    const responses = new Map<string, { version: number; wave: string; n: number }>();
    const options = new Map<string, { questionKey: string; rowKey: string; optionKey: string; n: number }>();
    const answered = new Map<string, number>();
    for (const r of this.select(s, this.rows)) {
      if (r.questionKey === "") {
        const id = `${r.surveyVersionId}|${r.wave}`;
        const e = responses.get(id) ?? { version: this.versionNumbers.get(r.surveyVersionId) ?? 0, wave: r.wave, n: 0 };
        e.n += r.n;
        responses.set(id, e);
      } else if (questionKeys && !questionKeys.includes(r.questionKey)) {
        continue;
      } else if (r.optionKey === "*") {
        if (answeredKeys.includes(r.questionKey)) answered.set(r.questionKey, (answered.get(r.questionKey) ?? 0) + r.n);
      } else {
        const id = `${r.questionKey}\u0000${r.rowKey}\u0000${r.optionKey}`;
        const e = options.get(id) ?? { questionKey: r.questionKey, rowKey: r.rowKey, optionKey: r.optionKey, n: 0 };
        e.n += r.n;
        options.set(id, e);
      }
    }
    return {
      responses: [...responses.values()],
      options: [...options.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e),
      answered: [...answered.entries()].map(([questionKey, n]) => ({ questionKey, n })),
    };
  }

  /** Responses per value of one group dimension ("" = skipped or none), sorted by value. */
  private responsesBy(dim: GroupDim, s: CellSelection): { key: string; n: number }[] {
    const by = new Map<string, number>();
    for (const r of this.select(s, this.rows)) if (r.questionKey === "") by.set(r[dim], (by.get(r[dim]) ?? 0) + r.n);
    return [...by.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, n]) => ({ key, n }));
  }

  /**
   * Whether a group filter is hidden as a column of its breakdown (see hiddenGroup in
   * aggregate.server.ts): each filtered dimension is broken down with the others applied.
   */
  hiddenGroup(s: CellSelection, k: number): SuppressionReason | undefined {
    const reasons: (SuppressionReason | undefined)[] = [];
    const order: GroupDim[] = [...ANSWER_DIMS, "clientGroup", "referral"];
    for (const dim of order) {
      const value = s.groups[dim];
      if (!value) continue;
      const rest = { ...s, groups: { ...s.groups, [dim]: undefined } };
      const rows = this.responsesBy(dim, rest);
      if ((ANSWER_DIMS as readonly string[]).includes(dim)) {
        // answered options, then those who skipped the question as a group of their own
        const total = rows.reduce((sum, r) => sum + r.n, 0);
        const byOption = rows.filter((r) => r.key !== "");
        const skipped = total - byOption.reduce((sum, r) => sum + r.n, 0);
        reasons.push(suppressBreakdown([...byOption, { key: "(skipped)", n: skipped }], k).get(value));
      } else {
        reasons.push(suppressBreakdown(rows, k).get(value));
      }
    }
    return reasons.find((r) => r === "too_few") ?? reasons.find((r) => r !== undefined);
  }

  /** Answer rows of one question by month and option (the indicator chart). */
  byMonth(s: CellSelection, questionKey: string): { month: string; optionKey: string; n: number }[] {
    if (!this.loaded.byMonth) throw new Error("cells were not loaded by month");
    const out = new Map<string, { month: string; optionKey: string; n: number }>();
    for (const r of this.select(s, this.rows)) {
      if (r.questionKey !== questionKey || r.rowKey !== "" || r.optionKey === "*") continue;
      const id = `${r.month}|${r.optionKey}`;
      const e = out.get(id) ?? { month: r.month, optionKey: r.optionKey, n: 0 };
      e.n += r.n;
      out.set(id, e);
    }
    return [...out.values()];
  }
}
