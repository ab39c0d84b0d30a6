/**
 * Locates the values of a JSON text by JSON Pointer, so that a schema error
 * at `/0/author/0/family` can be reported with its line and column.
 */

/** Offsets of one member or element: of its key (object members only) and of its value. */
export interface JsonLocation {
  keyOffset?: number;
  valueOffset: number;
}

/**
 * Maps every JSON Pointer of a JSON text (which must be valid JSON) to the
 * offsets of its key and value. The root has the pointer ''.
 */
export function locateJsonPointers(text: string): Map<string, JsonLocation> {
  const locations = new Map<string, JsonLocation>();
  let index = 0;

  const skipWhitespace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
  };
  const readString = (): string => {
    const start = index;
    index++;
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const readValue = (pointer: string, keyOffset?: number): void => {
    skipWhitespace();
    locations.set(pointer, keyOffset === undefined ? { valueOffset: index } : { keyOffset, valueOffset: index });
    const first = text[index];
    if (first === '{') {
      index++;
      skipWhitespace();
      while (text[index] !== '}') {
        skipWhitespace();
        const memberKeyOffset = index;
        const key = readString();
        skipWhitespace();
        index++; // the ':'
        readValue(`${pointer}/${escapePointerToken(key)}`, memberKeyOffset);
        skipWhitespace();
        if (text[index] === ',') index++;
        skipWhitespace();
      }
      index++;
    } else if (first === '[') {
      index++;
      skipWhitespace();
      for (let item = 0; text[index] !== ']'; item++) {
        readValue(`${pointer}/${item}`);
        skipWhitespace();
        if (text[index] === ',') index++;
        skipWhitespace();
      }
      index++;
    } else if (first === '"') {
      readString();
    } else {
      while (index < text.length && !',]} \t\n\r'.includes(text[index]!)) index++;
    }
  };

  readValue('');
  return locations;
}

/** Escapes a key as a JSON Pointer reference token (RFC 6901). */
export function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
