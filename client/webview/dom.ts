// The only place scene nodes become DOM elements (no DOM types here: unit-tested in Node with
// a recording fake document). Capture text is set with `textContent` (a
// text node, never parsed) and attribute values with `setAttribute`; attribute names come from
// render.ts, and event handlers, links and inline styles are refused whatever the name.
import type { VNode } from './render';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The part of `Document` this module uses (a fake one in the unit tests). */
export interface ElementFactory<E extends ElementLike> {
  createElementNS(namespace: typeof SVG_NS, tag: string): E;
}

export interface ElementLike {
  setAttribute(name: string, value: string): void;
  appendChild(child: never): unknown;
  textContent: string | null;
}

/** Attribute names scene nodes may carry: no `on…` handlers, no `href`, no `style`. */
export function allowedAttribute(name: string): boolean {
  return /^[a-z][a-z0-9-]*$/.test(name) && !/^on|^href$|^style$|^xlink/.test(name);
}

export function createElement<E extends ElementLike>(factory: ElementFactory<E>, node: VNode): E {
  const el = factory.createElementNS(SVG_NS, node.tag);
  for (const [name, value] of Object.entries(node.attrs))
    if (allowedAttribute(name)) el.setAttribute(name, String(value));
  if (node.text !== undefined) el.textContent = node.text;
  else if (node.children)
    for (const child of node.children) el.appendChild(createElement(factory, child) as never);
  return el;
}
