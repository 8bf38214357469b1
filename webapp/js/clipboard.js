// Copying the invite link. The Clipboard API needs a secure context (https or localhost), and a
// chat server on a LAN address is often plain http, so there is an older fallback.

/** Copies text; answers whether it worked. */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused or document not focused: try the old way.
    }
  }
  return copyWithSelection(text);
}

function copyWithSelection(text) {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'offscreen';
  document.body.append(field);
  const previousFocus = document.activeElement;
  field.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  field.remove();
  if (previousFocus instanceof HTMLElement) previousFocus.focus();
  return copied;
}
