/**
 * The limits every reader of inherited configs shares (MMEngine `_base_`, detectron2 `_BASE_`, PaddleDetection
 * `_BASE_` lists, PaddleSeg `_base_`), so a generated or hostile chain can neither recurse without end nor read
 * a lattice of shared bases exponentially many times. The frameworks themselves have no such limit: they stop
 * with Python's RecursionError (about 1,000 frames) or run for as long as the lattice takes.
 */

/** How deep base chains are followed, the entry file included (OpenMMLab's deepest are about 5). */
export const maxBaseDepth = 32;
/** How many base files one config may read in all (each use counts, as the frameworks re-read shared bases). */
export const maxBaseLoads = 256;

/** `a.py → b.py → c.py`: the chain of files that led to `next`, for a problem's message. */
export function baseChain(stack: readonly string[], next: string): string {
  return [...stack, next].join(" → ");
}
