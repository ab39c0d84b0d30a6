/**
 * Write stage: writes the checked outputs into a fresh folder beside the
 * output folder (as they pass their checks), adds the manifest, and only
 * then swaps it into place, so a failed build never leaves a partial or
 * changed output folder behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/** What follows the output folder's name in the name of its staging folder (`.dist.new-Xy12Ab`). */
const STAGING_SUFFIX = '.new-';

/** Name of the manifest file at the top of the output folder. */
export const MANIFEST_FILE = 'manifest.json';

/** One file of the manifest. */
export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

function manifestEntry(file: OutputFile): ManifestEntry {
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  return { path: file.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The manifest: every file with its size and sha256, sorted by path. */
function manifestFile(entries: Iterable<ManifestEntry>, info: ManifestInfo): OutputFile {
  const files = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest = { toolkit: { name: 'tei-edition', version: info.toolkitVersion }, edition: { version: info.editionVersion }, schemas: info.schemas, files };
  return { path: MANIFEST_FILE, content: JSON.stringify(manifest, null, 2) + '\n' };
}

/**
 * A fresh folder beside the output folder that a build fills as its outputs
 * pass their checks (so they need not stay in memory), then swaps into place
 * with {@link StagingFolder.commit}, or removes with
 * {@link StagingFolder.discard}: the output folder itself changes only at the
 * commit.
 */
export class StagingFolder {
  private readonly entries = new Map<string, ManifestEntry>();
  private closed = false;

  private constructor(
    private readonly outputDir: string,
    private readonly folder: string,
  ) {}

  /** Creates the staging folder of `outputDir`; a diagnostic when it cannot. */
  static async open(outputDir: string): Promise<StagingFolder | Diagnostic> {
    const parent = path.dirname(path.resolve(outputDir));
    try {
      await mkdir(parent, { recursive: true });
      return new StagingFolder(outputDir, await mkdtemp(path.join(parent, `.${path.basename(outputDir)}${STAGING_SUFFIX}`)));
    } catch (error) {
      return writeFailure(outputDir, error);
    }
  }

  /** Files written so far. */
  get fileCount(): number {
    return this.entries.size;
  }

  /** The folder itself (for a worker thread that writes into it with {@link writeIntoFolder}). */
  get path(): string {
    return this.folder;
  }

  /** Writes files into the staging folder; diagnostics for a path outside the output folder or a failed write. */
  async write(files: readonly OutputFile[]): Promise<Diagnostic[]> {
    const written = await writeIntoFolder(this.folder, files);
    if ('diagnostic' in written) return [written.diagnostic];
    this.record(written.entries);
    return [];
  }

  /** Records files written into the staging folder by another thread, for the manifest. */
  record(entries: readonly ManifestEntry[]): void {
    for (const entry of entries) this.entries.set(entry.path, entry);
  }

  /** The text of a file written into the staging folder. */
  read(filePath: string): Promise<string> {
    return readFile(path.join(this.folder, filePath), 'utf8');
  }

  /**
   * Adds the manifest (when `manifest` is given: every file written, with
   * its size and sha256) and puts the staging folder in the place of the
   * output folder. On failure the previous output folder is restored and the
   * staging folder removed.
   */
  async commit(manifest?: ManifestInfo): Promise<Diagnostic[]> {
    const retired = `${this.folder}.old`;
    let previousMoved = false;
    try {
      if (manifest) {
        const file = manifestFile(this.entries.values(), manifest);
        await writeFile(path.join(this.folder, file.path), file.content);
        this.entries.set(file.path, manifestEntry(file));
      }
      const previous = await stat(this.outputDir).catch(() => undefined);
      if (previous) {
        await rename(this.outputDir, retired);
        previousMoved = true;
        await rename(this.folder, this.outputDir);
        previousMoved = false;
        await rm(retired, { recursive: true, force: true });
      } else {
        await rename(this.folder, this.outputDir);
      }
      this.closed = true;
      return [];
    } catch (error) {
      if (previousMoved) await rename(retired, this.outputDir).catch(() => undefined);
      await this.discard();
      return [writeFailure(this.outputDir, error)];
    }
  }

  /** Removes the staging folder (nothing is left of a failed build); does nothing after a commit. */
  async discard(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await rm(this.folder, { recursive: true, force: true });
  }
}

/** The output folder a staging folder stands in for, named in diagnostics. */
function outputDirOf(stagingFolder: string): string {
  const name = path.basename(stagingFolder);
  const suffix = name.lastIndexOf(STAGING_SUFFIX);
  return name.startsWith('.') && suffix > 0 ? path.join(path.dirname(stagingFolder), name.slice(1, suffix)) : stagingFolder;
}

/** Writes files into a staging folder; their manifest entries, or a diagnostic for a path outside the folder or a failed write. */
export async function writeIntoFolder(folder: string, files: readonly OutputFile[]): Promise<{ entries: ManifestEntry[] } | { diagnostic: Diagnostic }> {
  const unsafe = files.find((f) => path.isAbsolute(f.path) || path.normalize(f.path).startsWith('..'));
  if (unsafe) {
    return { diagnostic: { severity: 'error', source: 'write', ruleId: 'write/unsafe-path', message: `The output path "${unsafe.path}" would lie outside the output folder.`, hint: 'Letter identifiers must not contain "..": check the xml:id of the TEI root.' } };
  }
  try {
    const entries: ManifestEntry[] = [];
    for (const file of files) {
      const target = path.join(folder, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
      entries.push(manifestEntry(file));
    }
    return { entries };
  } catch (error) {
    return { diagnostic: writeFailure(outputDirOf(folder), error) };
  }
}

function writeFailure(outputDir: string, error: unknown): Diagnostic {
  return { file: outputDir, severity: 'error', source: 'write', ruleId: 'write/failed', message: `Writing the edition failed: ${(error as Error).message}`, hint: 'Check that the output folder is writable and the disk is not full; the previous output folder was left as it was.', cause: error };
}

/** Writes all files into `outputDir`, replacing its previous content atomically (as far as the file system allows). */
export async function writeOutputs(outputDir: string, files: readonly OutputFile[]): Promise<Diagnostic[]> {
  const staging = await StagingFolder.open(outputDir);
  if (!(staging instanceof StagingFolder)) return [staging];
  const written = await staging.write(files);
  if (written.length > 0) {
    await staging.discard();
    return written;
  }
  return staging.commit();
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
