// The two DOM helpers every view uses.

export const byId = (id) => document.getElementById(id);

/** A new element; `text` goes in as a text node, never as markup. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
