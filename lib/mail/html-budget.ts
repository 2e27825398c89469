// Owns deciding, before any DOM is built, whether an HTML body is cheap enough to sanitize (THREATS T21).

// jsdom's tree building costs time proportional to depth for every node it inserts (measured:
// 4,000 nested <div>s took 3 s, 19,000 took minutes), and DOMPurify then walks the same tree, all
// synchronously. So the bound is on the estimated sum of node depths as well as on node count.
// Unclosed formatting elements (<b>, <font>, …) are re-created by the HTML parser in every later
// block, so one tag can build many nodes: each start tag is charged for the open ones as well.
const MAX_ELEMENTS = 20_000;
const MAX_DEPTH = 512; // Chromium's own parser flattens anything deeper
const MAX_DEPTH_COST = 1_500_000; // ≈ 0.5 s of jsdom + DOMPurify on this machine

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen basefont bgsound frame image isindex'.split(' '),
);
// Implicitly closed by their next sibling, so they do not deepen the tree when left open.
const SELF_CLOSING_SIBLINGS = new Set('p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp rtc html head body'.split(' '));
const FORMATTING = new Set('a b big code em font i nobr s small strike strong tt u'.split(' '));
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)/g;

export type HtmlCost = { elements: number; maxDepth: number; depthCost: number };

/**
 * An over-estimate of the tree the parser will build, from a single linear scan of the tags
 * (markup inside comments or attributes counts too, which only makes the estimate larger).
 */
export function estimateHtmlCost(html: string): HtmlCost {
  let depth = 0;
  let formatting = 0;
  const cost: HtmlCost = { elements: 0, maxDepth: 0, depthCost: 0 };
  for (const match of html.matchAll(TAG)) {
    const name = match[2]!.toLowerCase();
    if (match[1]) {
      if (FORMATTING.has(name)) formatting = Math.max(0, formatting - 1);
      if (!VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    const created = 1 + formatting;
    cost.elements += created;
    cost.depthCost += created * (depth + formatting + 1);
    if (VOID.has(name)) continue;
    if (FORMATTING.has(name)) formatting++;
    if (!SELF_CLOSING_SIBLINGS.has(name)) depth++;
    cost.maxDepth = Math.max(cost.maxDepth, depth);
    if (cost.elements > MAX_ELEMENTS || cost.depthCost > MAX_DEPTH_COST) break; // already over: stop scanning
  }
  return cost;
}

export function withinHtmlBudget(html: string): boolean {
  const cost = estimateHtmlCost(html);
  return cost.elements <= MAX_ELEMENTS && cost.maxDepth <= MAX_DEPTH && cost.depthCost <= MAX_DEPTH_COST;
}
