/**
 * Builds a WHERE clause and its positional parameters together, so every filter is a bound parameter and
 * the numbering cannot drift between the text and the values.
 */
export class SqlFilter {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Binds a value and returns its placeholder, for use in the query text. */
  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds `condition(placeholder)` when the value is given. */
  when(value: unknown, condition: (placeholder: string) => string): this {
    if (value !== undefined && value !== null) this.conditions.push(condition(this.bind(value)));
    return this;
  }

  add(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  get where(): string {
    return this.conditions.length === 0 ? "true" : this.conditions.join(" AND ");
  }
}

/** The nil uuid: "no bank" / "no guarantor" in the totals tables' keys. */
export const NONE = "00000000-0000-0000-0000-000000000000";

/** Today as a UTC date: overdue means a maturity date before it. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
