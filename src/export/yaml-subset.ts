/**
 * The YAML that tei-edition writes (CITATION.cff): block mappings and
 * sequences, every string a JSON-style double-quoted scalar (valid YAML 1.2
 * and 1.1), numbers and booleans plain. `readYamlSubset` reads exactly this
 * subset back, so the check validates the text as written; anything else is
 * refused with the line it stopped at (the toolkit has no YAML parser
 * dependency).
 */

/** A value the subset can hold. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Writes a mapping as block YAML with two-space indentation, ending with a newline. */
export function writeYamlSubset(value: { [key: string]: YamlValue }): string {
  return writeMapping(value, '').join('\n') + '\n';
}

function scalar(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function writeMapping(map: { [key: string]: YamlValue }, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (!PLAIN_KEY.test(key)) throw new Error(`Key not in the YAML subset: ${key}`);
    if (Array.isArray(value)) lines.push(`${indent}${key}:`, ...writeSequence(value, indent + '  '));
    else if (typeof value === 'object') lines.push(`${indent}${key}:`, ...writeMapping(value, indent + '  '));
    else lines.push(`${indent}${key}: ${scalar(value)}`);
  }
  return lines;
}

function writeSequence(items: readonly YamlValue[], indent: string): string[] {
  const lines: string[] = [];
  for (const item of items) {
    if (Array.isArray(item)) throw new Error('Nested sequences are not in the YAML subset');
    if (typeof item === 'object') {
      const [first, ...rest] = writeMapping(item, indent + '  ');
      lines.push(`${indent}- ${first!.trimStart()}`, ...rest);
    } else lines.push(`${indent}- ${scalar(item)}`);
  }
  return lines;
}

/** What `readYamlSubset` returns: the value, or the 1-based line where the text left the subset. */
export type YamlReadResult = { ok: true; value: { [key: string]: YamlValue } } | { ok: false; line: number; message: string };

interface Line {
  number: number;
  indent: number;
  text: string;
}

/** Reads YAML written in the subset of {@link writeYamlSubset}. */
export function readYamlSubset(text: string): YamlReadResult {
  const lines: Line[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    lines.push({ number: index + 1, indent: raw.length - raw.trimStart().length, text: raw.trim() });
  });
  const reader = { at: 0 };
  try {
    const value = readMapping(lines, reader, 0);
    if (reader.at < lines.length) throw new SubsetError(lines[reader.at]!.number, 'unexpected indentation');
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SubsetError) return { ok: false, line: error.line, message: error.message };
    throw error;
  }
}

class SubsetError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

function readScalar(raw: string, line: number): string | number | boolean {
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new SubsetError(line, `not a double-quoted string: ${raw}`);
    }
  }
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  throw new SubsetError(line, `a plain scalar (${raw}) is not in the subset: quote strings`);
}

function readMapping(lines: readonly Line[], reader: { at: number }, indent: number, first?: Line): { [key: string]: YamlValue } {
  const map: { [key: string]: YamlValue } = {};
  let line: Line | undefined = first ?? lines[reader.at];
  while (line && (line === first || line.indent === indent)) {
    if (line !== first) reader.at++;
    const match = /^([A-Za-z0-9][A-Za-z0-9_-]*):(?: (.*))?$/.exec(line.text);
    if (!match) throw new SubsetError(line.number, `expected "key: value", found ${line.text}`);
    const [, key, rest] = match as unknown as [string, string, string | undefined];
    if (key in map) throw new SubsetError(line.number, `duplicate key ${key}`);
    if (rest !== undefined && rest !== '') map[key] = readScalar(rest, line.number);
    else {
      const next = lines[reader.at];
      if (!next || next.indent <= indent) throw new SubsetError(line.number, `no value for ${key}`);
      map[key] = next.text.startsWith('- ') ? readSequence(lines, reader, next.indent) : readMapping(lines, reader, next.indent);
    }
    line = lines[reader.at];
    if (line && line.indent > indent) throw new SubsetError(line.number, 'unexpected indentation');
  }
  return map;
}

function readSequence(lines: readonly Line[], reader: { at: number }, indent: number): YamlValue[] {
  const items: YamlValue[] = [];
  let line = lines[reader.at];
  while (line && line.indent === indent && line.text.startsWith('- ')) {
    reader.at++;
    const rest = line.text.slice(2);
    if (/^[A-Za-z0-9][A-Za-z0-9_-]*:/.test(rest)) {
      items.push(readMapping(lines, reader, indent + 2, { number: line.number, indent: indent + 2, text: rest }));
    } else items.push(readScalar(rest, line.number));
    line = lines[reader.at];
  }
  return items;
}
