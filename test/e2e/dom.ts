/**
 * The few DOM shapes the functions the harness runs inside the page use. The test tsconfig has
 * no DOM library (adding it would change the globals every other test file sees), so these
 * functions type their arguments with these instead. Types only: nothing here reaches the page.
 */
export interface DomElement {
  readonly textContent: string | null;
  readonly offsetTop: number;
  readonly classList: ArrayLike<string>;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export interface DomText {
  readonly textContent: string | null;
}

export interface DomRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface DomDocument {
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomText | null };
  createRange(): {
    setStart(node: DomText, offset: number): void;
    setEnd(node: DomText, offset: number): void;
    getBoundingClientRect(): DomRect;
  };
}

/** NodeFilter.SHOW_TEXT */
export const SHOW_TEXT = 4;
