/**
 * What the browser tests (tests/e2e/) share: Debian's Chromium driven by
 * playwright-core (headless, a fresh profile, no background networking),
 * axe-core's verdict on a page, and an edition built and served by
 * `tei-edition serve` on a free port of 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { run } from '../../src/run.js';
import type { PreviewServer } from '../../src/serve.js';
import { CHROMIUM } from './fixtures.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A browser context with a fresh profile folder in `folder`, 1280 × 900 px. */
export async function openBrowser(folder: string, options: { javaScriptEnabled: boolean }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(await mkdtemp(path.join(folder, 'profile-')), {
    executablePath: CHROMIUM!,
    headless: true,
    args: ARGS,
    javaScriptEnabled: options.javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
  });
}

/** A serious or critical axe-core violation: its rule and the first offending nodes. */
export interface SeriousViolation {
  id: string;
  impact: string;
  nodes: string[];
}

/** axe-core's verdict on the page: the number of rules violated and passed, and the serious and critical violations. */
export async function axeResults(page: Page): Promise<{ violations: number; passes: number; serious: SeriousViolation[] }> {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
    const { violations, passes } = await axe.run();
    return { violations, passes: passes.length };
  });
  return {
    violations: results.violations.length,
    passes: results.passes,
    serious: results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) })),
  };
}

/** axe-core's serious and critical violations on the page. */
export async function axeViolations(page: Page): Promise<SeriousViolation[]> {
  return (await axeResults(page)).serious;
}

/** A served edition, and the serve command's exit code once the server is closed. */
export interface ServedEdition {
  server: PreviewServer;
  served: Promise<number>;
}

/**
 * Builds the edition whose config is in `cwd` into `outputDir` and serves it
 * (fixed build date, so pages are the same each run); `env` adds to the
 * command's environment, `onOutput` receives what it prints.
 */
export async function serveEdition(cwd: string, outputDir: string, options: { env?: Record<string, string>; onOutput?: (text: string) => void } = {}): Promise<ServedEdition> {
  let served!: Promise<number>;
  let output = '';
  const print = (text: string): void => {
    output += text;
    options.onOutput?.(text);
  };
  const listening = new Promise<PreviewServer>((resolve) => {
    served = run(
      { command: 'serve', port: 0, outputDir, onListening: resolve },
      { stdout: print, stderr: print, isTTY: false, env: { SOURCE_DATE_EPOCH: '1795420800', ...options.env }, cwd },
    );
  });
  const server = await Promise.race([listening, served.then((code) => Promise.reject(new Error(`serve of ${cwd} ended with exit code ${code}:\n${output}`)))]);
  return { server, served };
}

/** What {@link useServedEdition} gives a describe block's tests once its `beforeAll` has run. */
export interface BrowserSession {
  /** The served edition. */
  server: PreviewServer;
  /** A browser with JavaScript on. */
  browser: BrowserContext;
  /** A temporary folder of the session's own (the built edition is in `dist/` there), removed after the tests. */
  folder: string;
}

/**
 * For the enclosing `describe`: before its tests, builds and serves the
 * edition whose config is in `cwd` into a temporary folder and opens a
 * browser; after them, closes both, expects serve to have ended with exit
 * code 0, and removes the folder.
 */
export function useServedEdition(cwd: string, prefix: string): BrowserSession {
  const session = {} as BrowserSession;
  let served: Promise<number> | undefined;
  beforeAll(async () => {
    session.folder = await mkdtemp(path.join(os.tmpdir(), prefix));
    const edition = await serveEdition(cwd, path.join(session.folder, 'dist'));
    session.server = edition.server;
    served = edition.served;
    session.browser = await openBrowser(session.folder, { javaScriptEnabled: true });
  }, 300_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
    if (served) expect(await served).toBe(0);
    if (session.folder) await rm(session.folder, { recursive: true, force: true });
  }, 60_000);
  return session;
}
