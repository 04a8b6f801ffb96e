/**
 * Relative links of Markdown pages and the anchors their headings make (GitHub's rule), so that a
 * test can say which link points to a missing file or heading. Links inside code are not links.
 */

/** One Markdown link: its target as written and the 1-based line it is on. */
export interface PageLink {
  target: string;
  line: number;
}

const INLINE_LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;

/** The lines of a page with its fenced code blocks blanked (so line numbers stay right). */
function outsideFences(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** Every link target of a page (inline links, images and reference definitions), outside code. */
export function extractLinks(markdown: string): PageLink[] {
  const links: PageLink[] = [];
  outsideFences(markdown).forEach((raw, index) => {
    const line = raw.replace(/`+[^`]*`+/g, '``');
    for (const match of line.matchAll(INLINE_LINK)) links.push({ target: match[1]!, line: index + 1 });
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition) links.push({ target: definition[1]!, line: index + 1 });
  });
  return links;
}

/** True for a link to another site or protocol (`https:`, `mailto:`…), which is not checked here. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a page's headings make; a repeated heading gets `-1`, `-2`… as on GitHub. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of outsideFences(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = slugOf(heading[1]!);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}
