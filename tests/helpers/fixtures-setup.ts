/**
 * Vitest global set-up: checks the external fixtures once per run and prints
 * one line per missing one (the tests needing it are skipped). CI sets
 * TEI_EDITION_REQUIRE_FIXTURES=1, where a missing fixture fails the run
 * instead, so that CI never passes by skipping.
 */
import { missingFixtureLines } from './fixtures.js';

const REQUIRE_FIXTURES_VARIABLE = 'TEI_EDITION_REQUIRE_FIXTURES';

export function setup(): void {
  const lines = missingFixtureLines();
  if (lines.length === 0) return;
  if (process.env[REQUIRE_FIXTURES_VARIABLE] === '1') {
    throw new Error(`${REQUIRE_FIXTURES_VARIABLE}=1, so no test may be skipped, but fixtures are missing:\n${lines.join('\n')}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}
