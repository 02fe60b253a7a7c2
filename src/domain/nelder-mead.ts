/**
 * The Nelder–Mead simplex method: minimises a function of a few variables
 * without derivatives, the method lifetimes and BTYD use for the customer
 * models. Standard coefficients (reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2) and the stopping rule of SciPy's fmin: the simplex is
 * both flat (function values) and small (points). Deterministic: no random
 * start, ties keep their order. Pure.
 */

export interface NelderMeadOptions {
  /** the initial simplex is x0 plus `step` along each axis */
  step?: number;
  /** stop when every vertex is within this of the best, coordinate by coordinate… */
  xTolerance?: number;
  /** …and every vertex's value is within this of the best value */
  fTolerance?: number;
  maxIterations?: number;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  evaluations: number;
  /** false when maxIterations ran out first */
  converged: boolean;
}

interface Vertex {
  x: number[];
  f: number;
}

/** The point near x0 where f is least; NaN and infinite values count as +Infinity. */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const { step = 0.5, xTolerance = 1e-8, fTolerance = 1e-10, maxIterations = 5000 } = opts;
  const n = x0.length;
  let evaluations = 0;
  const vertex = (x: number[]): Vertex => {
    evaluations++;
    const v = f(x);
    return { x, f: Number.isNaN(v) ? Infinity : v };
  };
  // x + t·(x - y), the move every step is made of.
  const along = (x: readonly number[], y: readonly number[], t: number) => x.map((xi, i) => xi + t * (xi - (y[i] as number)));

  const simplex: Vertex[] = [vertex([...x0])];
  for (let i = 0; i < n; i++) simplex.push(vertex(x0.map((v, j) => (j === i ? v + step : v))));

  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    // Array.prototype.sort is stable, so equal values keep their order and the run is reproducible.
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0] as Vertex;
    const worst = simplex[n] as Vertex;
    const flat = simplex.every((v) => Math.abs(v.f - best.f) <= fTolerance);
    const small = simplex.every((v) => v.x.every((xi, i) => Math.abs(xi - (best.x[i] as number)) <= xTolerance));
    if (flat && small) {
      converged = true;
      break;
    }

    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + ((simplex[k] as Vertex).x[i] as number) / n;

    const reflected = vertex(along(centroid, worst.x, 1));
    if (reflected.f < best.f) {
      const expanded = vertex(along(centroid, worst.x, 2));
      simplex[n] = expanded.f < reflected.f ? expanded : reflected;
      continue;
    }
    if (reflected.f < (simplex[n - 1] as Vertex).f) {
      simplex[n] = reflected;
      continue;
    }
    // Contract outside (towards the reflected point) when it beat the worst, else inside.
    const outside = reflected.f < worst.f;
    const contracted = vertex(along(centroid, worst.x, outside ? 0.5 : -0.5));
    if (outside ? contracted.f <= reflected.f : contracted.f < worst.f) {
      simplex[n] = contracted;
      continue;
    }
    // Shrink every vertex halfway towards the best.
    for (let k = 1; k <= n; k++) simplex[k] = vertex(along(best.x, (simplex[k] as Vertex).x, -0.5));
  }
  simplex.sort((p, q) => p.f - q.f);
  const best = simplex[0] as Vertex;
  return { x: best.x, fx: best.f, iterations, evaluations, converged };
}
