import { describe, expect, it } from 'vitest';
import { escapePointerToken, locateJsonPointers } from '../../src/check/json-pointers.js';

describe('locateJsonPointers', () => {
  it('maps every JSON Pointer to the offsets of its key and value', () => {
    const text = '[ {"a": 1, "b/c": ["x\\"y", {"~": null}], "e": true} ]';
    const locations = locateJsonPointers(text);
    expect([...locations.keys()]).toEqual(['', '/0', '/0/a', '/0/b~1c', '/0/b~1c/0', '/0/b~1c/1', '/0/b~1c/1/~0', '/0/e']);
    const at = (pointer: string): [string | undefined, string] => {
      const { keyOffset, valueOffset } = locations.get(pointer)!;
      return [keyOffset === undefined ? undefined : text.slice(keyOffset, keyOffset + 5), text.slice(valueOffset, valueOffset + 5)];
    };
    expect(at('')).toEqual([undefined, '[ {"a']);
    expect(at('/0/a')).toEqual(['"a": ', '1, "b']);
    expect(at('/0/b~1c/0')).toEqual([undefined, '"x\\"y']);
    expect(at('/0/b~1c/1/~0')).toEqual(['"~": ', 'null}']);
    expect(at('/0/e')).toEqual(['"e": ', 'true}']);
  });

  it('handles empty containers and whitespace', () => {
    expect([...locateJsonPointers(' {\n "a" : [ ] ,\n "b": { } }\n').keys()]).toEqual(['', '/a', '/b']);
  });

  it('escapes reference tokens as RFC 6901 says', () => {
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
  });
});
