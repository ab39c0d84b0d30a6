/**
 * Link check: every relative `href`/`src` of a page resolves to a file the
 * build writes, and every `#fragment` to an id in the target page.
 * Absolute URLs (other schemes or hosts) are not the build's to check.
 */
import type { HtmlLink } from './html.js';
import type { OutputTarget } from '../output.js';
import type { Finding } from './report.js';

/** An origin no real link uses: relative links resolve against it, anything else is external. */
const DIST_ORIGIN = 'https://dist.invalid';

/** What the link check needs besides the page's links. */
export interface LinkTargets {
  /** Every output of the build by its path relative to the output folder (assets included). */
  outputsByPath: ReadonlyMap<string, OutputTarget>;
  /** The ids of an HTML output. */
  idsOf(output: OutputTarget): Promise<ReadonlySet<string>>;
}

/** Checks the links of the page at `path` (relative to the output folder). */
export async function checkLinks(path: string, links: readonly HtmlLink[], targets: LinkTargets): Promise<Finding[]> {
  const findings: Finding[] = [];
  const base = new URL(`${DIST_ORIGIN}/${encodeURI(path)}`);
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.value, base);
    } catch (error) {
      findings.push(linkFinding(link, `The ${link.attribute} "${link.value}" is not a valid URL.`, error));
      continue;
    }
    if (url.origin !== DIST_ORIGIN) continue;
    let targetPath: string;
    let fragment: string;
    try {
      targetPath = decodeURIComponent(url.pathname).slice(1);
      fragment = decodeURIComponent(url.hash.slice(1));
    } catch (error) {
      findings.push(linkFinding(link, `The ${link.attribute} "${link.value}" has a malformed percent-encoding.`, error));
      continue;
    }
    if (targetPath === '' || targetPath.endsWith('/')) targetPath += 'index.html';
    const target = targets.outputsByPath.get(targetPath);
    if (!target) {
      findings.push(linkFinding(link, `The ${link.attribute} "${link.value}" points to ${targetPath}, which the build does not write.`));
      continue;
    }
    if (fragment === '' || target.mediaType !== 'text/html') continue;
    const ids = await targets.idsOf(target);
    if (!ids.has(fragment)) {
      const where = targetPath === path ? 'this page' : targetPath;
      findings.push(linkFinding(link, `The ${link.attribute} "${link.value}" points to the fragment "#${fragment}", but ${where} has no element with that id.`));
    }
  }
  return findings;
}

function linkFinding(link: HtmlLink, message: string, cause?: unknown): Finding {
  return {
    ruleId: 'check/link-target',
    message,
    offset: link.offset,
    endOffset: link.offset + link.value.length,
    hint: 'Every internal link and fragment must have a target in the edition.',
    cause,
  };
}
