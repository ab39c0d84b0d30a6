/**
 * Write stage: writes the checked outputs into a fresh folder beside the
 * output folder, adds the manifest, and only then swaps it into place, so a
 * failed build never leaves a partial or changed output folder behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';

/** A file to write, relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** What the manifest records about the build besides the files. */
export interface ManifestInfo {
  toolkitVersion: string;
  editionVersion: string;
  /** Schemas used, by name, with their sha256. */
  schemas: { name: string; sha256: string }[];
}

/** Name of the manifest file at the top of the output folder. */
export const MANIFEST_FILE = 'manifest.json';

/** The manifest: every file with its size and sha256, sorted by path. */
export function makeManifest(files: readonly OutputFile[], info: ManifestInfo): OutputFile {
  const entries = files
    .map((file) => {
      const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
      return { path: file.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = { toolkit: { name: 'tei-edition', version: info.toolkitVersion }, edition: { version: info.editionVersion }, schemas: info.schemas, files: entries };
  return { path: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + '\n' };
}

/** Writes all files into `outputDir`, replacing its previous content atomically (as far as the file system allows). */
export async function writeOutputs(outputDir: string, files: readonly OutputFile[]): Promise<Diagnostic[]> {
  const parent = path.dirname(path.resolve(outputDir));
  const unsafe = files.find((f) => path.isAbsolute(f.path) || path.normalize(f.path).startsWith('..'));
  if (unsafe) {
    return [{ severity: 'error', source: 'write', ruleId: 'write/unsafe-path', message: `The output path "${unsafe.path}" would lie outside the output folder.`, hint: 'Letter identifiers must not contain "..": check the xml:id of the TEI root.' }];
  }
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(outputDir)}.new-`));
  const retired = `${staging}.old`;
  let previousMoved = false;
  try {
    for (const file of files) {
      const target = path.join(staging, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    const previous = await stat(outputDir).catch(() => undefined);
    if (previous) {
      await rename(outputDir, retired);
      previousMoved = true;
      await rename(staging, outputDir);
      previousMoved = false;
      await rm(retired, { recursive: true, force: true });
    } else {
      await rename(staging, outputDir);
    }
    return [];
  } catch (error) {
    if (previousMoved) await rename(retired, outputDir).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    return [{ file: outputDir, severity: 'error', source: 'write', ruleId: 'write/failed', message: `Writing the edition failed: ${(error as Error).message}`, hint: 'Check that the output folder is writable and the disk is not full; the previous output folder was left as it was.', cause: error }];
  }
}

/** Writes one file atomically: into a temporary file beside it, then renamed over it. */
export async function writeFileAtomically(file: string, content: string): Promise<Diagnostic[]> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
    return [];
  } catch (error) {
    await rm(temporary, { force: true });
    return [{ file, severity: 'error', source: 'write', ruleId: 'write/failed', message: `Writing ${file} failed: ${(error as Error).message}`, hint: 'Check that the folder is writable and the disk is not full; the previous file was left as it was.', cause: error }];
  }
}
