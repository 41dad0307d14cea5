// DOM helpers of the live view. Every string is inserted as text; attributes go through the same
// allow-list as the scene.
import { allowedAttribute, createElement } from './dom';
import type { VNode } from './render';

/** Replaces the children of `parent` with the scene. */
export function mountScene(doc: Document, parent: Element, nodes: readonly VNode[]): void {
  const fragment = doc.createDocumentFragment();
  for (const node of nodes) fragment.appendChild(createElement<SVGElement>(doc, node));
  parent.replaceChildren(fragment);
}

/** An HTML element with text content (toolbar, tooltip, legend), never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.attrs)
    for (const [name, value] of Object.entries(props.attrs))
      if (allowedAttribute(name)) e.setAttribute(name, value);
  if (props.text !== undefined) e.textContent = props.text;
  for (const c of children) e.appendChild(c);
  return e;
}
