// SVG elements for the page's small figures (a lesson's curves, the check's
// bars). The namespace comes from the HTML parser, so no absolute URL is
// written in the page's files (the offline test checks for none).

const probe = document.createElement('div');
probe.innerHTML = '<svg></svg>';
const NS = probe.firstElementChild.namespaceURI;

/** A new SVG element `name` with the attributes `attrs`. */
export function svg(name, attrs = {}) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}
