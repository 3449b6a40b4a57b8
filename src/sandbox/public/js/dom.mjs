/** DOM helpers shared by the page's modules. */

/**
 * `el('button', { className: 'x', onclick: fn, html: '<b>safe</b>' }, child…)`. `html` must already be
 * escaped (mrkdwn() and plainText() escape everything they do not render).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') node.className = value;
    else if (key === 'html') node.innerHTML = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

/** The text of a Block Kit option or plain_text object. */
export const optionText = (obj) => (typeof obj?.text === 'string' ? obj.text : (obj?.text?.text ?? ''));

/**
 * Makes `parent`'s children exactly `nodes`, in order, moving nothing that is already in place: a node
 * taken out of the page loses focus (and an open select its list), so unchanged messages stay put.
 */
export function reconcile(parent, nodes) {
  const wanted = new Set(nodes);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
}
