// Times of lines and notices, in the reader's language.

import { element } from './dom.js';
import { language } from './i18n.js';

let formats = makeFormats();

function makeFormats() {
  const locale = language();
  return {
    time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
    dateAndTime: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }),
  };
}

/** The language changed: later stamps are written in the new one. */
export function relabelStamps() {
  formats = makeFormats();
}

export const validTime = (millis) => typeof millis === 'number' && Number.isFinite(millis);

/** A <time>; the date is added only for lines from another day, the full date is its title. */
export function timeElement(millis, className = 'stamp') {
  if (!validTime(millis)) return null;
  const date = new Date(millis);
  const sameDay = date.toDateString() === new Date().toDateString();
  const format = sameDay ? formats.time : formats.dateAndTime;
  const node = element('time', className, format.format(date));
  node.dateTime = date.toISOString();
  node.title = formats.full.format(date);
  return node;
}
