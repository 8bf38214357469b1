// Every word the page shows, in English and Simplified Chinese. The language comes from the
// reader's choice (the toggle, remembered), else from the browser's preferred languages: any zh*
// there before an en* picks Chinese. Static text in index.html names its string with
// data-i18n="key" (text) or data-i18n-attr="attribute:key,attribute:key".
//
// Only text the page writes itself is translated. What people type, and the text of server
// notices the page has no translation for, is shown as it came.

import { en } from './strings-en.js';
import { zh } from './strings-zh-CN.js';

const LANGUAGE_KEY = 'chatroom.language';

export const LANGUAGES = Object.freeze(['en', 'zh-CN']);

const STRINGS = { en, 'zh-CN': zh };

let current = pickLanguage();
const listeners = new Set();

/** The language to start in: the one chosen before, else the browser's preference. */
function pickLanguage() {
  const saved = loadSaved();
  if (LANGUAGES.includes(saved)) return saved;
  return fromBrowser(navigator.languages ?? [navigator.language]);
}

/** zh, zh-CN, zh-Hans, zh-TW… all read Chinese characters; the first en* or zh* wins. */
export function fromBrowser(preferred) {
  for (const tag of preferred ?? []) {
    const lower = String(tag ?? '').toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

function loadSaved() {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function save(language) {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Storage switched off: the choice holds until the page is closed.
  }
}

export function language() {
  return current;
}

/** The text for `key` with {name} placeholders filled from `params`; the key itself if unknown. */
export function t(key, params = {}) {
  const template = STRINGS[current][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Whether the page has its own words for `key`. */
export function has(key) {
  return key in en;
}

/**
 * The words of a notice: the page's own ({ key, params }), or the server's ({ code, text, frame }).
 * Every code the server sends has a translation here; in English the server's own sentence is
 * shown when there is one (it can be more precise, e.g. the configured limit), in Chinese the
 * page's. A code yet to come is shown by the server's text.
 */
export function noticeText({ key, params, code, text = '', frame = {} }) {
  if (key) return t(key, params);
  if (code === 'announcement') return t('code.announcement', { text });
  if (code === 'kicked') {
    // No reason given: the server leaves `reason` out.
    return typeof frame.reason === 'string'
      ? t('code.kicked', { reason: frame.reason })
      : t('kicked.noReason');
  }
  if (current === 'en' && text) return text;
  if (code && has(`code.${code}`)) return t(`code.${code}`);
  return text;
}

/** Fills every element marked with data-i18n / data-i18n-attr under `root`. */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(',')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      if (attribute && key) node.setAttribute(attribute, t(key));
    }
  }
}

/** Switches the page's language, remembers it, and tells whoever draws text to draw it again. */
export function setLanguage(next) {
  if (!LANGUAGES.includes(next)) return;
  current = next;
  save(next);
  translatePage();
  for (const listener of listeners) listener(next);
}

export function toggleLanguage() {
  setLanguage(current === 'en' ? 'zh-CN' : 'en');
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}
