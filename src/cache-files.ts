/**
 * What the build's caches (letter builds, validations) share on disk: one
 * JSON file per key in a folder, written atomically, and a prune that drops
 * the entries a run did not use.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `text` to a temporary file beside `target` and renames it, so a reader never sees half an entry. */
export async function writeFileAtomically(target: string, text: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Removes the `{key}.json` entries of a folder whose key is not in `used`. */
export async function removeUnusedEntries(folder: string, used: ReadonlySet<string>): Promise<void> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
  await Promise.all(names.filter((name) => !used.has(name.replace(/\.json$/, ''))).map((name) => rm(path.join(folder, name), { force: true })));
}
