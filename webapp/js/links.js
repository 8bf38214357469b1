// Web links in chat lines. A line becomes text nodes and <a> elements, nothing else: only http and
// https addresses are links (never javascript:, data: or anything else), and each opens in a new
// tab that cannot reach back into this page. Finding the links needs no DOM (findLinks), so
// `node --test` checks it; only linkify touches `document`, and only when called.

// Up to white space, quotes, angle brackets, or CJK / full-width punctuation ("见 https://x。").
// Linear: the prefix fails or succeeds in a few characters, and the greedy class that follows ends
// the match where it stops, with nothing after it to backtrack for.
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/giu;
// Sentence punctuation right after a link belongs to the sentence, not to the link.
const TRAILING = new Set('.,;:!?*_~');
const CLOSER_OF = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);

/**
 * How many characters of a candidate are the link: trailing punctuation goes, and so does a closing
 * bracket that the link does not open itself ("(see https://x/a_(b))." keeps "https://x/a_(b)").
 * One count of the brackets, then one walk back from the end: linear however the line is made.
 */
function linkLength(candidate) {
  // For each closing bracket: how many more times the candidate closes it than it opens it.
  const unopened = new Map([...CLOSER_OF.values()].map((closer) => [closer, 0]));
  for (const c of candidate) {
    if (unopened.has(c)) {
      unopened.set(c, unopened.get(c) + 1);
    } else if (CLOSER_OF.has(c)) {
      const closer = CLOSER_OF.get(c);
      unopened.set(closer, unopened.get(closer) - 1);
    }
  }
  let end = candidate.length;
  while (end > 0) {
    const c = candidate[end - 1];
    if (TRAILING.has(c)) {
      end--;
    } else if (unopened.get(c) > 0) {
      unopened.set(c, unopened.get(c) - 1);
      end--;
    } else {
      break;
    }
  }
  return end;
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

/**
 * The links in a line, in order: each {start, end, href}, where text.slice(start, end) is what the
 * reader sees as the link and href is where it goes. Everything else in the line stays text.
 */
export function findLinks(text) {
  const links = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const end = start + linkLength(match[0]);
    const href = safeHref(text.slice(start, end));
    if (href !== null) links.push({ start, end, href });
  }
  return links;
}

/** The text as a fragment of text nodes and links. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let done = 0;
  for (const { start, end, href } of findLinks(text)) {
    if (start > done) fragment.append(document.createTextNode(text.slice(done, start)));
    const link = document.createElement('a');
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = text.slice(start, end);
    fragment.append(link);
    done = end;
  }
  if (done < text.length) fragment.append(document.createTextNode(text.slice(done)));
  return fragment;
}
