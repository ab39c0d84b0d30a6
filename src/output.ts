/**
 * An output of the build: made by the transform stage, checked by the check
 * stage, written by the write stage.
 */

/** One file the build is about to write. */
export interface Output {
  /** Format name from the output-format registry, e.g. `html`, `text`, `csl-json`. */
  format: string;
  /** Path relative to the output folder, with `/` separators, e.g. `letters/x/index.html`. */
  path: string;
  /** The file's text. */
  content: string;
  /** Media type, e.g. `text/html`. */
  mediaType: string;
  /** Path of the TEI element the output was produced from, when known, e.g. `/TEI/text/body`. */
  producedBy?: string;
}

/** What the link checks need of an output: that it exists, and its media type (its ids come from elsewhere). */
export type OutputTarget = Pick<Output, 'path' | 'mediaType'>;
