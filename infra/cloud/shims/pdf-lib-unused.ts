/**
 * What @cantoo/pdf-lib imports for features the license never uses: drawing SVG and reading XFA forms
 * (`node-html-better-parser`), PDF/A and form metadata (`html-entities`), CSS colour strings (`culori`).
 * The Lambda bundles alias those packages here (../bundling.ts), about 110 KB less: a call fails loudly
 * instead of doing the wrong thing. tests/infra/license-bundle.test.ts renders a license through the
 * bundled renderer, so a feature the license starts to need shows up there.
 */
const unused = (what: string) => () => {
  throw new Error(`${what} is not bundled: the license renderer does not use it (infra/cloud/shims)`);
};

/** node-html-better-parser */
export const parse = unused('HTML/SVG parsing');
export const NodeType = { ELEMENT_NODE: 1, TEXT_NODE: 3, COMMENT_NODE: 8 } as const;

/** html-entities */
export const encode = unused('XML entity encoding');

/** culori: pdf-lib makes its converter when it loads, and calls it only for colour strings. */
export const converter = (_mode: string) => unused('CSS colour parsing');
