/**
 * Wall times of a run's steps, for `--timings` and `TEI_EDITION_TIMINGS=1`:
 * each step adds up over its calls, and the report lists the steps in the
 * order they first ran.
 */

/** Per-step wall times of one run. */
export class StepTimings {
  private readonly steps = new Map<string, number>();
  private readonly notes: string[] = [];

  /** Adds `milliseconds` to a step. */
  add(step: string, milliseconds: number): void {
    this.steps.set(step, (this.steps.get(step) ?? 0) + milliseconds);
  }

  /** Runs `work` and adds its wall time to a step. */
  async time<T>(step: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(step, performance.now() - started);
    }
  }

  /** Adds a line printed after the times (e.g. what an engine counted). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** The steps and their times in milliseconds, in the order they first ran. */
  entries(): [string, number][] {
    return [...this.steps];
  }

  /**
   * The report written to stderr: one line per step, then `total`, the
   * run's wall time as the caller measured it (steps named `a › b` are parts
   * of step `a`; the time no step accounts for is module loading and the
   * like).
   */
  format(totalMs: number): string {
    const width = Math.max(5, ...[...this.steps.keys()].map((step) => step.length));
    const line = (step: string, ms: number) => `  ${step.padEnd(width)} ${ms.toFixed(0).padStart(7)} ms\n`;
    return `timings:\n${[...this.steps].map(([step, ms]) => line(step, ms)).join('')}${line('total', totalMs)}${this.notes.map((note) => `  ${note}\n`).join('')}`;
  }
}
