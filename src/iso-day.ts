/** Days as the edition states its own dates: YYYY-MM-DD, checked against the calendar. */

/** The day (YYYY-MM-DD) of a date or date-time value that is a real calendar day, else none. */
export function isoDay(value: string): string[] {
  const day = /^\s*(\d{4}-\d{2}-\d{2})(?:T|\s*$)/.exec(value)?.[1];
  return day !== undefined && isCalendarDay(day) ? [day] : [];
}

/** True for YYYY-MM-DD naming a day that exists (not 2025-02-30). */
export function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
