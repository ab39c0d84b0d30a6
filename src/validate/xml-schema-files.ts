/**
 * The files of a W3C XML Schema as libxml2 is given them: the schema and
 * every schema it includes or imports, transitively, from its own folder
 * tree, named by their paths relative to that folder (libxml2 runs on an
 * in-memory file system, without network: `--nonet`). A schemaLocation that
 * is a URL is matched by its file name in the schema's folder, as an
 * `<?xml-model?>` href is matched in the schema store; nothing is fetched,
 * and nothing outside the folder is read (libxml2 then reports the schema it
 * could not locate).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { XmlSchemaFile } from '../adapters/xmllint.js';

/** A schema ready for libxml2. */
export interface XmlSchemaFiles {
  /** The schema's text, with every schemaLocation it follows made a path within its folder. */
  text: string;
  /** The schemas it includes or imports (directly or not), each under its path relative to the schema's folder. */
  preload: XmlSchemaFile[];
}

const SCHEMA_REFERENCE = /(<(?:[\w.-]+:)?(?:include|import|redefine|override)\b[^>]*?\bschemaLocation\s*=\s*)(["'])([^"']*)\2/g;

/** Reads a schema and the schemas it includes or imports from its folder tree. */
export function readXmlSchemaFiles(schemaPath: string): XmlSchemaFiles {
  const folder = path.dirname(schemaPath);
  const texts = new Map<string, string>();
  const read = (file: string): string => {
    const directory = path.posix.dirname(relativeName(folder, file));
    return readFileSync(file, 'utf8').replace(SCHEMA_REFERENCE, (reference, start: string, quote: string, location: string) => {
      const target = /^[a-z][a-z0-9+.-]*:/i.test(location) ? path.join(folder, path.posix.basename(location.split(/[?#]/)[0]!)) : path.resolve(path.dirname(file), decodedPath(location));
      const name = relativeName(folder, target);
      if (name.startsWith('../') || path.isAbsolute(name) || !statSync(target, { throwIfNoEntry: false })?.isFile()) return reference;
      if (!texts.has(name)) {
        // Taken before reading, so that schemas including each other are read once.
        texts.set(name, '');
        texts.set(name, read(target));
      }
      return `${start}${quote}${path.posix.relative(directory, name)}${quote}`;
    });
  };
  const text = read(schemaPath);
  return { text, preload: [...texts].map(([fileName, contents]) => ({ fileName, contents })) };
}

function decodedPath(location: string): string {
  try {
    return decodeURIComponent(location);
  } catch {
    return location;
  }
}

function relativeName(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
