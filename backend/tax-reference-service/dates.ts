// Calendar dates as the tax authority writes them: "YYYY-MM-DD" for days, "YYYY-MM" for tax periods, UTC.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written "YYYY-MM-DD" (so "2026-02-30" is refused). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function toCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function monthOf(calendarDate: string): string {
  return calendarDate.slice(0, 7);
}

/** The month `offset` months from `month` ("YYYY-MM"); negative offsets go back. */
export function addMonths(month: string, offset: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1 + offset, 1));
  return date.toISOString().slice(0, 7);
}

export function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}
