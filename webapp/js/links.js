// Web links in chat lines. A line becomes text nodes and <a> elements, nothing else: only http and
// https addresses are links (never javascript:, data: or anything else), and each opens in a new
// tab that cannot reach back into this page.

// Up to white space, quotes, angle brackets, or CJK / full-width punctuation ("见 https://x。").
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/giu;
// Sentence punctuation right after a link belongs to the sentence, not to the link.
const TRAILING = /[.,;:!?*_~]+$/u;
const PAIRS = { ')': '(', ']': '[', '}': '{' };

/** Drops trailing punctuation, and closing brackets that the link does not open itself. */
function trimCandidate(raw) {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING, '');
    const last = url.at(-1);
    if (last in PAIRS) {
      const opens = url.split(PAIRS[last]).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

/** The address as a safe href, or null if it is not a well-formed http(s) URL with a host. */
export function safeHref(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}

/** The text as a fragment of text nodes and links. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let done = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const candidate = trimCandidate(match[0]);
    const href = safeHref(candidate);
    if (href === null) continue;
    if (match.index > done) fragment.append(document.createTextNode(text.slice(done, match.index)));
    const link = document.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = candidate;
    fragment.append(link);
    done = match.index + candidate.length;
  }
  if (done < text.length) fragment.append(document.createTextNode(text.slice(done)));
  return fragment;
}
