/**
 * Capacitated assignment of mentees to mentors (bipartite b-matching) with a proof of optimality.
 *
 * Model. Every mentee takes at most one mentor; mentor j takes at most `capacity[j]` mentees. A pair
 * (i, j) is feasible when `score(i, j)` is an integer (null: a hard rule forbids it). The objective:
 *   - "quality" («качество пар»): maximise the total score; only pairs with score >= threshold and
 *     score > 0 may be formed (a pair with score <= 0 cannot raise the total, so on a tie the mentee
 *     stays unmatched), a mentee may stay unmatched;
 *   - "max_participants" («максимум участников»): lexicographic — first the largest number of matched
 *     mentees, then the largest total score among those. The threshold is ignored. Implemented with a
 *     per-pair bonus B = 2·n·M + 1 (M = max |score|), which makes one more pair worth more than any
 *     change of the total score; every value stays a safe integer (checked).
 * Locked pairs are fixed first: they consume capacity and are excluded from the optimisation.
 *
 * Algorithm. Min-cost flow source → mentees (1) → mentors (capacity) → sink, solved by successive
 * shortest paths with potentials (Dijkstra with an indexed binary heap on reduced costs). A mentor is
 * one node with a capacity — never copied per slot — and there is no mentees × mentors matrix: only
 * candidate edges enter the graph. The main phase inserts one unit at a time, as in the Hungarian
 * method: either each mentee (the search stops at the first mentor with a free slot, or at a mentee
 * that is better off unmatched), or — when mentees outnumber the slots — each mentor slot, searched
 * backwards (it stops at the first unmatched mentee that can be brought in). Scores are integers, so the
 * target is keyed half a unit early and the search never explores the plateau at the final distance.
 *
 * Candidates. One scan over the feasible pairs keeps, per mentee, its K best mentors and, per mentor,
 * its 2·capacity + slack best mentees, and records for both the best score of what was left out. (Or
 * the problem's own `candidates`, with `scoreUpperBound` as the bound if it has one.)
 *
 * Certificate. The potentials give dual prices u (mentees) and p (mentors) of the LP
 *   max Σ w·x  s.t.  Σ_j x_ij <= 1,  Σ_i x_ij <= cap_j,  x >= 0,
 * whose dual is  min Σ u_i + Σ cap_j·p_j  s.t.  u_i + p_j >= w_ij,  u, p >= 0.
 * After solving on the candidate edges, every left-out feasible pair (i, j) is checked against the
 * prices: w_ij <= u_i + p_j either follows from the recorded bounds (w_ij <= min(bound_i, bound_j),
 * mentors visited in increasing price so the scan of a mentee stops early) or the score is evaluated.
 * A violated pair is added to the graph and its mentee re-inserted (warm start: prices and every other
 * pair are kept), until no pair is violated. Then the dual is feasible for all pairs and its objective
 * equals the primal total, which proves the assignment optimal (`certified`).
 *
 * Determinism. Every choice is broken by index: units are inserted in index order, the heap orders by
 * (distance, node index), the first-found path wins on equal length. With equal scores the mentee with
 * the smaller index keeps its mentor (a newcomer never displaces on a tie).
 *
 * Pure TypeScript (ES2019, typed arrays, no runtime APIs): runs in Node and in Apps Script.
 */

export type MatchingMode = "max_participants" | "quality";

/** A mentee–mentor pair given by indices. */
export type IndexPair = readonly [mentee: number, mentor: number];

export interface AssignmentProblem {
  menteeCount: number;
  mentorCount: number;
  /** Per mentor, the total number of mentees it may take (>= 0); locked pairs use part of it. */
  capacity: ArrayLike<number>;
  /**
   * Integer score of (mentee, mentor), or null when the pair is infeasible (a hard rule). Must be pure
   * and cheap: the certification evaluates it for (almost) every feasible pair.
   */
  score(mentee: number, mentor: number): number | null;
  /**
   * Optional candidate generator: the mentors to put into the graph first for a mentee. Without it the
   * solver takes the K best feasible mentors of every mentee by score.
   */
  candidates?(mentee: number): ArrayLike<number>;
  /**
   * Optional enumeration of the mentors that may be feasible for a mentee (a superset is fine, e.g. all
   * mentors of the mentee's form). Without it every mentor is tried. Used by the scan and the certificate.
   */
  feasibleMentors?(mentee: number): ArrayLike<number>;
  /**
   * Optional upper bound of `score(mentee, ·)` over all mentors; with `candidates`, lets the certificate
   * skip pairs (the default scan records exact bounds itself).
   */
  scoreUpperBound?(mentee: number): number;
  /**
   * Upper bound of |score| over all feasible pairs, used for the bonus of "max_participants" when
   * `candidates` is given (otherwise the scan computes it exactly).
   */
  scoreBound?: number;
  /** Pairs that must be in the answer. */
  locked?: ReadonlyArray<IndexPair>;
  mode: MatchingMode;
  /** "quality" only: pairs with score below it are not formed. */
  threshold?: number;
}

export interface SolveOptions {
  /** K: candidate mentors per mentee taken by the initial scan (default 4). */
  candidatesPerMentee?: number;
  /** When menteeCount × mentorCount is at most this, every feasible pair is a candidate (default 40,000). */
  denseLimit?: number;
  /** Maximum certification rounds (default 50). */
  maxRounds?: number;
  /** At most this many violated pairs are added per mentee and round (default 8). */
  violationsPerMentee?: number;
  /**
   * The scan also keeps, per mentor, its 2·capacity + slack best mentees as candidates (default 4), which
   * makes left-out pairs rare when mentees outnumber the slots.
   */
  mentorCandidateSlack?: number;
  /** Keep the per-mentor best mentees as candidates at all (default true). */
  mentorCandidates?: boolean;
  /**
   * "mentees": insert mentees one by one; "mentors": fill the mentors' slots one by one; "auto" (default):
   * fill the slots when there are fewer slots than mentees (and the problem is not small). Same optimum
   * either way.
   */
  strategy?: "auto" | "mentees" | "mentors";
}

export interface SolveStats {
  /** Which side the main phase inserted one by one. */
  strategy: "mentees" | "mentors";
  /** Feasible pairs whose score was evaluated by the initial scan. */
  scannedPairs: number;
  /** Candidate edges in the graph at the end. */
  candidateEdges: number;
  /** Edges added by the certification rounds (pairs the candidates missed). */
  addedEdges: number;
  /** Certification passes run (the last one found no violation when certified). */
  rounds: number;
  /** Mentees re-inserted because of a violated pair. */
  reinserted: number;
  /** Shortest-path searches run. */
  searches: number;
  /** Mentor nodes settled by all the searches. */
  settledNodes: number;
  /** Left-out pairs whose score was evaluated by the certificate. */
  certifiedPairsChecked: number;
  /** Left-out pairs proven by a bound without evaluating the score. */
  certifiedPairsByBound: number;
  scanMs: number;
  /** The main phase alone (solveMs adds the re-insertions of the certification rounds). */
  mainMs: number;
  solveMs: number;
  certifyMs: number;
}

export interface Duals {
  /** u_i per mentee (in the objective units, bonus included). Locked mentees: 0. */
  mentee: Float64Array;
  /** p_j per mentor. */
  mentor: Float64Array;
  /** The per-pair bonus of "max_participants" (0 in "quality"). */
  bonus: number;
  /** Σ u + Σ cap·p over the free part of the problem. */
  dualObjective: number;
  /** Σ of the pair weights (score + bonus) over the free part: equals dualObjective when certified. */
  primalObjective: number;
}

export interface AssignmentResult {
  /** Mentor per mentee, or -1. Locked pairs included. */
  assignment: Int32Array;
  /** Score of the mentee's pair (0 when unmatched; see `assignment`). */
  pairScore: Float64Array;
  /** 1 for mentees in a locked pair. */
  locked: Uint8Array;
  /** Total score of all pairs, locked ones included. */
  total: number;
  matchedCount: number;
  /** True when the dual check over every feasible pair proved the assignment optimal. */
  certified: boolean;
  duals: Duals;
  stats: SolveStats;
  /** The final residual state: used for explanations (forced-pair losses). */
  state: MatchingState;
}

/** What forcing a pair into the answer would change: the lexicographic loss, exact. */
export interface ForcedPairLoss {
  /**
   * How much the total score would drop. In "max_participants" it can be negative when matchedLoss > 0
   * (losing a pair may free a better-scored combination), the count comes first.
   */
  scoreLoss: number;
  /** How many fewer mentees would be matched ("max_participants" can lose pairs to keep others). */
  matchedLoss: number;
}

const NONE = -1;
const FROM_T = -2;
/** parent[T] = -(TMENTOR + j) encodes "reached t through the free slot of mentor j". */
const TMENTOR = 3;

const MAX_SAFE = 9007199254740991;

// ---------------------------------------------------------------- indexed binary heap on typed arrays

/** Heap order: smaller distance first, then smaller node index (determinism). */
function siftUp(heap: Int32Array, pos: Int32Array, dist: Float64Array, at: number): void {
  const x = heap[at];
  const dx = dist[x];
  while (at > 0) {
    const up = (at - 1) >> 1;
    const y = heap[up];
    const dy = dist[y];
    if (dy < dx || (dy === dx && y < x)) break;
    heap[at] = y;
    pos[y] = at;
    at = up;
  }
  heap[at] = x;
  pos[x] = at;
}

/** Removes and returns the top of a heap holding `size` nodes. */
function popMin(heap: Int32Array, pos: Int32Array, dist: Float64Array, size: number): number {
  const top = heap[0];
  size--;
  if (size > 0) {
    const x = heap[size];
    const dx = dist[x];
    let at = 0;
    for (;;) {
      let c = 2 * at + 1;
      if (c >= size) break;
      let y = heap[c];
      let dy = dist[y];
      if (c + 1 < size) {
        const z = heap[c + 1];
        const dz = dist[z];
        if (dz < dy || (dz === dy && z < y)) {
          c++;
          y = z;
          dy = dz;
        }
      }
      if (dx < dy || (dx === dy && x < y)) break;
      heap[at] = y;
      pos[y] = at;
      at = c;
    }
    heap[at] = x;
    pos[x] = at;
  }
  pos[top] = -1;
  return top;
}

function isAllowedQuality(s: number, threshold: number): boolean {
  return s >= threshold && s > 0;
}

/**
 * The residual state of the flow: assignment, mentor lists, potentials, candidate edges. Public methods
 * are for the explanation layer; the solver drives the rest.
 */
export class MatchingState {
  readonly n: number;
  readonly m: number;
  /** Index of the sink node among the heap nodes (mentors are 0..m-1). */
  private readonly T: number;
  readonly problem: AssignmentProblem;
  readonly mode: MatchingMode;
  /** Effective threshold in "quality" (-Infinity in "max_participants"). */
  readonly threshold: number;
  bonus = 0;
  /** Remaining capacity after locked pairs. */
  readonly cap: Int32Array;
  /** Locked mentor per mentee, or -1. */
  readonly lockedMentor: Int32Array;

  // Candidate edges (CSR) and the per-mentee bound of the weights left out.
  adjStart: Int32Array;
  /** End of the arcs in use: arcs added by a certification round wait until their mentee is re-inserted. */
  adjEnd: Int32Array;
  adjTo: Int32Array;
  adjW: Float64Array;
  /** Max weight over feasible pairs not among the candidates (−Infinity: none; +Infinity: unknown). */
  bound: Float64Array;

  // Assignment (free part) and mentor lists (doubly linked through mentees).
  readonly asg: Int32Array;
  readonly asgW: Float64Array;
  readonly head: Int32Array;
  readonly nxt: Int32Array;
  readonly prv: Int32Array;
  readonly load: Int32Array;
  /** 1 when the mentee takes part in the flow (not locked, already inserted). */
  readonly active: Uint8Array;

  // Potentials: reduced cost of arc x→y is φ(x) − φ(y) − w with φ(mentee) = U, φ(mentor) = −P, φ(t) = −Q.
  readonly U: Float64Array;
  readonly P: Float64Array;
  Q = 0;

  // Search scratch.
  private epoch = 0;
  private readonly dist: Float64Array;
  private readonly reach: Int32Array;
  private readonly done: Int32Array;
  private readonly parent: Int32Array;
  private readonly parentW: Float64Array;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;
  private heapSize = 0;
  private readonly settled: Int32Array;
  private settledCount = 0;
  private tSettled = false;
  private readonly mDist: Float64Array;
  private readonly mReach: Int32Array;
  private readonly reached: Int32Array;
  private reachedCount = 0;
  private srcMentee = -1;
  private excluded = -1;
  private target = -1;

  // Reverse search (filling a mentor's missing unit): mentees 0..n-1 and the sink n are heap nodes.
  /** Reverse adjacency of the candidate edges: mentor → (mentee, weight). */
  radjStart: Int32Array = new Int32Array(1);
  radjFrom: Int32Array = new Int32Array(0);
  radjW: Float64Array = new Float64Array(0);
  /** Units a mentor sends to the sink without having received them (filled one by one). */
  readonly phantom: Int32Array;
  private readonly rDist: Float64Array;
  private readonly rReach: Int32Array;
  private readonly rDone: Int32Array;
  private readonly rHeap: Int32Array;
  private readonly rPos: Int32Array;
  private rHeapSize = 0;
  /** Mentee → the mentor it joins on the path; sink → encoded first node. */
  private readonly rNext: Int32Array;
  private readonly rNextW: Float64Array;
  private readonly rPopped: Int32Array;
  private rPoppedCount = 0;
  private readonly mrDist: Float64Array;
  private readonly mrReach: Int32Array;
  /** Mentor → the mentee that leaves it on the path (−1 for the source mentor). */
  private readonly mrNext: Int32Array;
  private readonly rMentors: Int32Array;
  private rMentorCount = 0;

  // Counters.
  searches = 0;
  settledNodes = 0;

  constructor(problem: AssignmentProblem) {
    const n = problem.menteeCount;
    const m = problem.mentorCount;
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0) {
      throw new Error("Некорректный размер задачи: число наставляемых и наставников должно быть целым ≥ 0.");
    }
    if (problem.capacity.length !== m) {
      throw new Error("Число вместимостей не совпадает с числом наставников.");
    }
    this.n = n;
    this.m = m;
    this.T = m;
    this.problem = problem;
    this.mode = problem.mode;
    this.threshold =
      problem.mode === "quality"
        ? problem.threshold === undefined
          ? Number.NEGATIVE_INFINITY
          : problem.threshold
        : Number.NEGATIVE_INFINITY;
    this.cap = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const c = problem.capacity[j];
      if (!Number.isInteger(c) || c < 0) {
        throw new Error("Вместимость наставника должна быть целым числом ≥ 0.");
      }
      // More than n slots can never fill up; n + 1 keeps such a mentor "not full" (price 0).
      this.cap[j] = Math.min(c, n + 1);
    }
    this.lockedMentor = new Int32Array(n).fill(NONE);
    this.adjStart = new Int32Array(n + 1);
    this.adjEnd = new Int32Array(n);
    this.adjTo = new Int32Array(0);
    this.adjW = new Float64Array(0);
    this.bound = new Float64Array(n);
    this.asg = new Int32Array(n).fill(NONE);
    this.asgW = new Float64Array(n);
    this.head = new Int32Array(m).fill(NONE);
    this.nxt = new Int32Array(n).fill(NONE);
    this.prv = new Int32Array(n).fill(NONE);
    this.load = new Int32Array(m);
    this.active = new Uint8Array(n);
    this.U = new Float64Array(n);
    this.P = new Float64Array(m);
    this.dist = new Float64Array(m + 1);
    this.reach = new Int32Array(m + 1);
    this.done = new Int32Array(m + 1);
    this.parent = new Int32Array(m + 1);
    this.parentW = new Float64Array(m + 1);
    this.heap = new Int32Array(m + 1);
    this.heapPos = new Int32Array(m + 1);
    this.settled = new Int32Array(m + 1);
    this.mDist = new Float64Array(n);
    this.mReach = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.phantom = new Int32Array(m);
    this.rDist = new Float64Array(n + 1);
    this.rReach = new Int32Array(n + 1);
    this.rDone = new Int32Array(n + 1);
    this.rHeap = new Int32Array(n + 1);
    this.rPos = new Int32Array(n + 1);
    this.rNext = new Int32Array(n + 1);
    this.rNextW = new Float64Array(n + 1);
    this.rPopped = new Int32Array(n);
    this.mrDist = new Float64Array(m);
    this.mrReach = new Int32Array(m);
    this.mrNext = new Int32Array(m);
    this.rMentors = new Int32Array(m);
  }

  /** Weight of a raw score in this mode, or NaN when the pair may not be formed. */
  weight(s: number): number {
    if (this.mode === "quality") return isAllowedQuality(s, this.threshold) ? s : Number.NaN;
    return s + this.bonus;
  }

  // ---------------------------------------------------------------- mentor lists

  private link(i: number, j: number, w: number): void {
    this.asg[i] = j;
    this.asgW[i] = w;
    const h = this.head[j];
    this.prv[i] = NONE;
    this.nxt[i] = h;
    if (h !== NONE) this.prv[h] = i;
    this.head[j] = i;
    this.load[j]++;
  }

  /** Removes mentee i from its mentor's list; the caller decides about the mentor's load. */
  private unlinkOnly(i: number): number {
    const j = this.asg[i];
    const p = this.prv[i];
    const q = this.nxt[i];
    if (p !== NONE) this.nxt[p] = q;
    else this.head[j] = q;
    if (q !== NONE) this.prv[q] = p;
    this.prv[i] = NONE;
    this.nxt[i] = NONE;
    this.asg[i] = NONE;
    this.asgW[i] = 0;
    return j;
  }

  private unlink(i: number): number {
    const j = this.unlinkOnly(i);
    this.load[j]--;
    return j;
  }

  private relax(node: number, nd: number, par: number, w: number): void {
    // Distances are integers: keying the target half a unit lower makes it pop before every node at the
    // same distance (those need no potential change), which saves exploring the last plateau.
    if (node === this.target) nd -= 0.5;
    if (this.reach[node] !== this.epoch) {
      this.reach[node] = this.epoch;
      this.dist[node] = nd;
      this.parent[node] = par;
      this.parentW[node] = w;
      const pos = this.heapSize++;
      this.heap[pos] = node;
      siftUp(this.heap, this.heapPos, this.dist, pos);
    } else if (nd < this.dist[node] && this.done[node] !== this.epoch) {
      this.dist[node] = nd;
      this.parent[node] = par;
      this.parentW[node] = w;
      siftUp(this.heap, this.heapPos, this.dist, this.heapPos[node]);
    }
  }

  // ---------------------------------------------------------------- shortest paths

  /** Mentee i is reached at distance d (its only in-arc comes from a settled node, so d is exact). */
  private reachMentee(i: number, d: number): void {
    const epoch = this.epoch;
    this.mReach[i] = epoch;
    this.mDist[i] = d;
    this.reached[this.reachedCount++] = i;
    const ui = this.U[i];
    const T = this.T;
    const own = this.asg[i];
    const done = this.done;
    // Arc i → t ("leave unmatched") exists while i's unit does not already go that way.
    if ((own !== NONE || i === this.srcMentee) && done[T] !== epoch) this.relax(T, d + ui + this.Q, i, 0);
    const P = this.P;
    const adjTo = this.adjTo;
    const adjW = this.adjW;
    const end = this.adjEnd[i];
    for (let e = this.adjStart[i]; e < end; e++) {
      const j = adjTo[e];
      if (j === own || done[j] === epoch) continue;
      const w = adjW[e];
      this.relax(j, d + ui + P[j] - w, i, w);
    }
  }

  private expandSink(d: number): void {
    const P = this.P;
    const Q = this.Q;
    const epoch = this.epoch;
    for (let j = 0; j < this.m; j++) {
      if (this.load[j] > 0 && this.done[j] !== epoch) this.relax(j, d + P[j] - Q, FROM_T, 0);
    }
    for (let i = 0; i < this.n; i++) {
      if (
        this.active[i] === 1 &&
        this.asg[i] === NONE &&
        i !== this.excluded &&
        i !== this.srcMentee &&
        this.mReach[i] !== epoch
      ) {
        this.reachMentee(i, d - this.U[i] - Q);
      }
    }
  }

  /**
   * Dijkstra on reduced costs from a mentee (its unit is to be placed) or from a mentor (it has one unit
   * too many), to `target` (a mentor with a missing unit, or the sink). Returns the distance or Infinity.
   */
  private search(srcMentee: number, srcMentor: number, target: number, excluded: number): number {
    const epoch = ++this.epoch;
    this.searches++;
    this.heapSize = 0;
    this.settledCount = 0;
    this.reachedCount = 0;
    this.tSettled = false;
    this.srcMentee = srcMentee;
    this.target = target;
    this.excluded = excluded;
    const T = this.T;
    if (srcMentee !== NONE) this.reachMentee(srcMentee, 0);
    else this.relax(srcMentor, 0, NONE, 0);
    const load = this.load;
    const cap = this.cap;
    const head = this.head;
    const nxt = this.nxt;
    while (this.heapSize > 0) {
      const x = popMin(this.heap, this.heapPos, this.dist, this.heapSize--);
      this.done[x] = epoch;
      const d = this.dist[x];
      if (x === target) return d + 0.5;
      if (x === T) {
        this.tSettled = true;
        this.expandSink(d);
        continue;
      }
      this.settled[this.settledCount++] = x;
      const free = load[x] < cap[x];
      if (free && this.done[T] !== epoch) this.relax(T, d + this.Q - this.P[x], -(TMENTOR + x), 0);
      // A free mentor holding mentees has P = Q, so nothing beyond it beats stopping there.
      if (free && target === T) continue;
      for (let i = head[x]; i !== NONE; i = nxt[i]) {
        if (i !== excluded) this.reachMentee(i, d);
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  /** New potentials after a search that reached its target at distance delta. */
  private applyPotentials(delta: number): void {
    const settled = this.settled;
    const dist = this.dist;
    const P = this.P;
    for (let k = 0; k < this.settledCount; k++) {
      const j = settled[k];
      P[j] += delta - dist[j];
    }
    this.settledNodes += this.settledCount;
    if (this.tSettled) this.Q += delta - dist[this.T];
    const reached = this.reached;
    const mDist = this.mDist;
    const U = this.U;
    for (let k = 0; k < this.reachedCount; k++) {
      const i = reached[k];
      const di = mDist[i];
      if (di < delta) U[i] -= delta - di;
    }
  }

  /** Moves units along the path found by the last search, from the source to `target`. */
  private augment(target: number, src: number): void {
    const T = this.T;
    const parent = this.parent;
    let cur = target;
    for (;;) {
      if (cur === T) {
        const p = parent[T];
        if (p >= 0) {
          if (p === src) return; // the new mentee stays unmatched
          cur = this.unlink(p);
          continue;
        }
        cur = -(p + TMENTOR);
        continue;
      }
      const p = parent[cur];
      if (p >= 0) {
        const w = this.parentW[cur];
        if (p === src) {
          this.link(p, cur, w);
          return;
        }
        const old = this.asg[p];
        if (old !== NONE) this.unlink(p);
        this.link(p, cur, w);
        cur = old !== NONE ? old : T;
        continue;
      }
      if (p === FROM_T) {
        cur = T;
        continue;
      }
      return;
    }
  }

  private initialPotential(i: number): number {
    let best = -this.Q;
    const P = this.P;
    const end = this.adjEnd[i];
    for (let e = this.adjStart[i]; e < end; e++) {
      const v = this.adjW[e] - P[this.adjTo[e]];
      if (v > best) best = v;
    }
    return best;
  }

  /** Inserts a mentee that is not yet in the flow. */
  insert(i: number): void {
    this.active[i] = 1;
    this.U[i] = this.initialPotential(i);
    const delta = this.search(i, NONE, this.T, NONE);
    this.applyPotentials(delta);
    this.augment(this.T, i);
  }

  /** Re-inserts an active mentee whose arcs changed (warm start: the other units stay where they are). */
  reinsert(i: number): void {
    this.adjEnd[i] = this.adjStart[i + 1];
    const old = this.asg[i];
    // The old mentor keeps its load for now: its missing unit is the search target.
    if (old !== NONE) this.unlinkOnly(i);
    this.U[i] = this.initialPotential(i);
    const target = old !== NONE ? old : this.T;
    const delta = this.search(i, NONE, target, NONE);
    if (delta === Number.POSITIVE_INFINITY) throw new Error("internal: no path in re-insertion");
    this.applyPotentials(delta);
    this.augment(target, i);
    if (old !== NONE) this.load[old]--;
  }

  // ---------------------------------------------------------------- filling mentors (reverse search)

  /** Builds the reverse adjacency from the candidate edges in use. */
  buildReverse(): void {
    const n = this.n;
    const m = this.m;
    const start = new Int32Array(m + 1);
    for (let i = 0; i < n; i++) {
      for (let e = this.adjStart[i]; e < this.adjEnd[i]; e++) start[this.adjTo[e] + 1]++;
    }
    for (let j = 0; j < m; j++) start[j + 1] += start[j];
    const fill = start.slice(0, m);
    const from = new Int32Array(start[m]);
    const ws = new Float64Array(start[m]);
    for (let i = 0; i < n; i++) {
      for (let e = this.adjStart[i]; e < this.adjEnd[i]; e++) {
        const at = fill[this.adjTo[e]]++;
        from[at] = i;
        ws[at] = this.adjW[e];
      }
    }
    this.radjStart = start;
    this.radjFrom = from;
    this.radjW = ws;
  }

  private relaxR(node: number, nd: number, next: number, w: number): void {
    const epoch = this.epoch;
    if (node === this.n) nd -= 0.5; // the sink pops first among equals (see relax)
    if (this.rReach[node] !== epoch) {
      this.rReach[node] = epoch;
      this.rDist[node] = nd;
      this.rNext[node] = next;
      this.rNextW[node] = w;
      const at = this.rHeapSize++;
      this.rHeap[at] = node;
      siftUp(this.rHeap, this.rPos, this.rDist, at);
    } else if (nd < this.rDist[node] && this.rDone[node] !== epoch) {
      this.rDist[node] = nd;
      this.rNext[node] = next;
      this.rNextW[node] = w;
      siftUp(this.rHeap, this.rPos, this.rDist, this.rPos[node]);
    }
  }

  /** Mentor y reached backwards at distance d: y is left by mentee `via` (the first settled of its own). */
  private reachMentorRev(y: number, d: number, via: number): void {
    const epoch = this.epoch;
    this.mrReach[y] = epoch;
    this.mrDist[y] = d;
    this.mrNext[y] = via;
    this.rMentors[this.rMentorCount++] = y;
    const TN = this.n;
    const rDone = this.rDone;
    const py = this.P[y];
    // Arc t → y: y sends one unit less to the sink.
    if (this.load[y] > 0 && rDone[TN] !== epoch) this.relaxR(TN, d + py - this.Q, -(TMENTOR + y), 0);
    const from = this.radjFrom;
    const ws = this.radjW;
    const asg = this.asg;
    const U = this.U;
    const end = this.radjStart[y + 1];
    for (let e = this.radjStart[y]; e < end; e++) {
      const i = from[e];
      if (asg[i] === y || rDone[i] === epoch) continue;
      const w = ws[e];
      this.relaxR(i, d + U[i] + py - w, y, w);
    }
  }

  /** Shortest path (reduced costs) from the sink to mentor `src`, searched backwards from `src`. */
  private searchReverse(src: number): number {
    const epoch = ++this.epoch;
    this.searches++;
    this.rHeapSize = 0;
    this.rPoppedCount = 0;
    this.rMentorCount = 0;
    const TN = this.n;
    this.reachMentorRev(src, 0, NONE);
    const asg = this.asg;
    while (this.rHeapSize > 0) {
      const x = popMin(this.rHeap, this.rPos, this.rDist, this.rHeapSize--);
      this.rDone[x] = epoch;
      const d = this.rDist[x];
      if (x === TN) return d + 0.5;
      this.rPopped[this.rPoppedCount++] = x;
      const y = asg[x];
      if (y !== NONE) {
        if (this.mrReach[y] !== epoch) this.reachMentorRev(y, d, x);
      } else if (this.rDone[TN] !== epoch) {
        this.relaxR(TN, d - this.U[x] - this.Q, x, 0);
      }
    }
    return Number.POSITIVE_INFINITY;
  }

  private applyReversePotentials(delta: number): void {
    const P = this.P;
    const U = this.U;
    for (let k = 0; k < this.rPoppedCount; k++) {
      const i = this.rPopped[k];
      U[i] += delta - this.rDist[i];
    }
    // A reached mentor's price drops; its other mentees were not reached (their only in-arc is from it),
    // so raise their potentials to keep every matched arc tight (raising a matched mentee's potential
    // only increases the reduced costs of its out-arcs).
    for (let k = 0; k < this.rMentorCount; k++) {
      const y = this.rMentors[k];
      const py = P[y] - (delta - this.mrDist[y]);
      P[y] = py;
      for (let i = this.head[y]; i !== NONE; i = this.nxt[i]) U[i] = this.asgW[i] - py;
    }
    this.settledNodes += this.rMentorCount;
  }

  /** Fills one missing unit of mentor `src` (a phantom) along the shortest path from the sink. */
  fillMentor(src: number): void {
    const delta = this.searchReverse(src);
    if (delta === Number.POSITIVE_INFINITY) throw new Error("internal: no path when filling a mentor");
    this.applyReversePotentials(delta);
    const first = this.rNext[this.n];
    let y: number;
    if (first >= 0) {
      this.link(first, this.rNext[first], this.rNextW[first]);
      y = this.rNext[first];
    } else {
      y = -(first + TMENTOR);
    }
    while (y !== src) {
      const i = this.mrNext[y];
      this.unlink(i);
      const to = this.rNext[i];
      this.link(i, to, this.rNextW[i]);
      y = to;
    }
    this.phantom[src]--;
    this.load[src]--;
  }

  /** Shifts the potentials so that the sink's is 0 (reduced costs are unchanged). */
  normalize(): void {
    const q = this.Q;
    if (q === 0) return;
    for (let i = 0; i < this.n; i++) if (this.active[i]) this.U[i] += q;
    for (let j = 0; j < this.m; j++) this.P[j] -= q;
    this.Q = 0;
  }

  /**
   * Rebuilds the candidate edges with `extra` (mentor, weight) appended per mentee. The new arcs stay
   * out of the searches until their mentee is re-inserted (they may have negative reduced costs now).
   */
  addEdges(extra: Map<number, Array<[number, number]>>): number {
    let added = 0;
    extra.forEach((list) => {
      added += list.length;
    });
    const n = this.n;
    const start = new Int32Array(n + 1);
    const to = new Int32Array(this.adjTo.length + added);
    const ws = new Float64Array(this.adjTo.length + added);
    const ends = new Int32Array(n);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      start[i] = pos;
      for (let e = this.adjStart[i]; e < this.adjStart[i + 1]; e++) {
        to[pos] = this.adjTo[e];
        ws[pos] = this.adjW[e];
        pos++;
      }
      ends[i] = pos;
      const more = extra.get(i);
      if (more) {
        for (const [j, w] of more) {
          to[pos] = j;
          ws[pos] = w;
          pos++;
        }
      }
    }
    start[n] = pos;
    this.adjStart = start;
    this.adjEnd = ends;
    this.adjTo = to;
    this.adjW = ws;
    return added;
  }

  // ---------------------------------------------------------------- explanation support

  /** Set by the solver when the prices are certified for every feasible pair. */
  certified = false;
  /** Left-out arcs that explanation searches had to add (they are kept). */
  explainAddedEdges = 0;
  /** Per mentor, the best weight among its feasible pairs left out of its candidate list (+Infinity: unknown). */
  mentorBound: Float64Array = new Float64Array(0);
  private priceOrder: Map<ArrayLike<number> | null, Int32Array> | null = null;

  /** Mentors of a feasible list (all mentors for null) with a slot, in increasing price (then index). */
  private byPrice(list: ArrayLike<number> | null): Int32Array {
    if (this.priceOrder === null) this.priceOrder = new Map();
    let order = this.priceOrder.get(list);
    if (order === undefined) {
      const js: number[] = [];
      const count = list ? list.length : this.m;
      for (let k = 0; k < count; k++) {
        const j = list ? list[k] : k;
        if (this.cap[j] > 0) js.push(j);
      }
      const P = this.P;
      js.sort((a, b) => P[a] - P[b] || a - b);
      order = Int32Array.from(js);
      if (this.priceOrder.size < 256) this.priceOrder.set(list, order);
    }
    return order;
  }

  /**
   * Left-out arcs (mentee → mentor) that would improve the last search: from a reached mentee x with
   * d(x) < delta, an arc reaching mentor y before min(dist(y), delta).
   */
  private missingArcs(delta: number, target: number): Map<number, Array<[number, number]>> {
    const out = new Map<number, Array<[number, number]>>();
    const problem = this.problem;
    const P = this.P;
    const epoch = this.epoch;
    for (let k = 0; k < this.reachedCount; k++) {
      const x = this.reached[k];
      const dx = this.mDist[x];
      if (dx >= delta) continue;
      const bx = this.bound[x];
      if (bx === Number.NEGATIVE_INFINITY) continue;
      const ux = this.U[x];
      // Arc (x, y) can only help if dx + ux + p_y - w_xy < delta with w_xy <= bound_x, bound_y.
      const limit = delta - dx - ux; // need p_y - w_xy < limit
      const order = this.byPrice(problem.feasibleMentors ? problem.feasibleMentors(x) : null);
      let cand: Set<number> | null = null;
      for (let q = 0; q < order.length; q++) {
        const y = order[q];
        const py = P[y];
        if (py - bx >= limit) break;
        if (py - this.mentorBound[y] >= limit || y === this.asg[x]) continue;
        if (cand === null) {
          cand = new Set<number>();
          for (let e = this.adjStart[x]; e < this.adjStart[x + 1]; e++) cand.add(this.adjTo[e]);
        }
        if (cand.has(y)) continue;
        const s = problem.score(x, y);
        if (s === null) continue;
        const w = this.weight(s);
        if (Number.isNaN(w)) continue;
        const nd = dx + ux + py - w;
        let dy = delta;
        if (this.reach[y] === epoch) dy = Math.min(dy, y === target ? this.dist[y] + 0.5 : this.dist[y]);
        if (nd < dy) {
          let list = out.get(x);
          if (!list) {
            list = [];
            out.set(x, list);
          }
          list.push([y, w]);
        }
      }
    }
    return out;
  }

  /**
   * The exact change of the optimum if mentee i were forced to mentor j (requires a certified state):
   * one shortest path in the residual graph over ALL feasible pairs, from j (one unit too many) to i's
   * old mentor (one unit missing) or the sink. Returns null when the pair cannot be forced (i is locked,
   * j has no slot left after locked pairs, the pair is infeasible or not allowed in this mode) or the
   * state is not certified.
   */
  forcedPairLoss(i: number, j: number): ForcedPairLoss | null {
    if (!this.certified) return null;
    if (i < 0 || i >= this.n || j < 0 || j >= this.m) return null;
    if (this.lockedMentor[i] !== NONE || this.cap[j] === 0) return null;
    const s = this.problem.score(i, j);
    if (s === null) return null;
    const wForced = this.weight(s);
    if (Number.isNaN(wForced)) return null;
    const old = this.asg[i];
    if (old === j) return { scoreLoss: 0, matchedLoss: 0 };
    const target = old !== NONE ? old : this.T;
    // Shortest path on the candidate edges, then a check of the left-out pairs of every mentee the
    // search reached (with the bounds, mentors in increasing price): a left-out arc that would reach a
    // node sooner is added and the search repeated. Without such an arc the path is shortest over all
    // feasible pairs, so the loss is exact.
    let delta = Number.POSITIVE_INFINITY;
    for (let guard = 0; guard < 1000; guard++) {
      delta = this.search(NONE, j, target, i);
      if (delta === Number.POSITIVE_INFINITY) return null;
      const missing = this.missingArcs(delta, target);
      if (missing.size === 0) break;
      this.explainAddedEdges += this.addEdges(missing);
      this.adjEnd.set(this.adjStart.subarray(1));
    }
    // Walk the path back and add up the changes of weight and of matched count.
    const T = this.T;
    const parent = this.parent;
    let dW = wForced - (old !== NONE ? this.asgW[i] : 0);
    let dK = old !== NONE ? 0 : 1;
    let cur = target;
    for (let guard = 0; guard <= this.n + this.m + 2; guard++) {
      if (cur === T) {
        const p = parent[T];
        if (p >= 0) {
          dW -= this.asgW[p];
          dK -= 1;
          cur = this.asg[p];
        } else {
          cur = -(p + TMENTOR);
        }
        continue;
      }
      if (cur === j && parent[cur] === NONE) break;
      const p = parent[cur];
      if (p >= 0) {
        dW += this.parentW[cur];
        const o = this.asg[p];
        if (o !== NONE) {
          dW -= this.asgW[p];
          cur = o;
        } else {
          dK += 1;
          cur = T;
        }
        continue;
      }
      if (p === FROM_T) {
        cur = T;
        continue;
      }
      break;
    }
    const dS = dW - dK * this.bonus;
    return { scoreLoss: 0 - dS, matchedLoss: 0 - dK }; // "0 -": never a negative zero
  }
}

// ---------------------------------------------------------------- the solver

/**
 * Per owner (mentee or mentor), the best entries by (weight desc, index asc) up to a limit, and the best
 * weight among the entries that did not fit (the bound of what is left out).
 */
class BestLists {
  readonly off: Int32Array;
  readonly count: Int32Array;
  readonly w: Float64Array;
  readonly x: Int32Array;
  readonly outBest: Float64Array;
  /** Weight of the last kept entry once the list is full (−Infinity before): anything below is out. */
  readonly worst: Float64Array;
  constructor(limits: Int32Array) {
    const owners = limits.length;
    this.off = new Int32Array(owners + 1);
    for (let o = 0; o < owners; o++) this.off[o + 1] = this.off[o] + limits[o];
    this.count = new Int32Array(owners);
    this.w = new Float64Array(this.off[owners]);
    this.x = new Int32Array(this.off[owners]);
    this.outBest = new Float64Array(owners).fill(Number.NEGATIVE_INFINITY);
    this.worst = new Float64Array(owners).fill(Number.NEGATIVE_INFINITY);
    for (let o = 0; o < owners; o++) if (limits[o] === 0) this.worst[o] = Number.POSITIVE_INFINITY;
  }
  push(o: number, w: number, x: number): void {
    const base = this.off[o];
    const lim = this.off[o + 1] - base;
    const ws = this.w;
    const xs = this.x;
    let at = this.count[o];
    if (at === lim) {
      if (lim === 0) {
        if (w > this.outBest[o]) this.outBest[o] = w;
        return;
      }
      const lw = ws[base + lim - 1];
      if (w < lw || (w === lw && x > xs[base + lim - 1])) {
        if (w > this.outBest[o]) this.outBest[o] = w;
        return;
      }
      if (lw > this.outBest[o]) this.outBest[o] = lw;
      at = lim - 1;
    } else {
      this.count[o] = at + 1;
    }
    while (at > 0) {
      const pw = ws[base + at - 1];
      if (pw > w || (pw === w && xs[base + at - 1] < x)) break;
      ws[base + at] = pw;
      xs[base + at] = xs[base + at - 1];
      at--;
    }
    ws[base + at] = w;
    xs[base + at] = x;
    if (this.count[o] === lim) this.worst[o] = ws[base + lim - 1];
  }
}

function now(): number {
  return Date.now();
}

function identity(m: number): Int32Array {
  const out = new Int32Array(m);
  for (let j = 0; j < m; j++) out[j] = j;
  return out;
}

function checkInteger(s: number): void {
  if (!Number.isInteger(s)) throw new Error("Балл пары должен быть целым числом.");
}

/**
 * Solves the assignment problem to proven optimality (see the module comment). Phases: the locked
 * pairs, the scan (candidates and bounds), the candidate graph, the main phase (the flow), the
 * certificate (dual prices checked against every left-out pair, re-insertions), the result.
 */
export function solveAssignment(problem: AssignmentProblem, options: SolveOptions = {}): AssignmentResult {
  const state = new MatchingState(problem);
  const locked = fixLockedPairs(problem, state);

  const tScan = now();
  const scan = scanCandidates(problem, state, locked.flag, options);
  const scanMs = now() - tScan;

  const bonus = lexicographicBonus(problem.mode, scan.maxAbs, locked.freeMentees);
  state.bonus = bonus;
  buildCandidateGraph(state, scan, bonus);
  const mentorBoundW = weightBounds(state, scan, bonus);

  const main = runMainPhase(state, locked, options.strategy ?? "auto");

  const cert = new Certificate(problem, state, locked.flag, scan.maxAbs, mentorBoundW);
  cert.run(options.maxRounds ?? 50, Math.max(1, Math.floor(options.violationsPerMentee ?? 8)));

  return assembleResult(problem, state, locked, cert, {
    strategy: main.fillMentors ? "mentors" : "mentees",
    scannedPairs: scan.scanned,
    candidateEdges: state.adjTo.length,
    addedEdges: cert.addedEdges,
    rounds: cert.rounds,
    reinserted: cert.reinserted,
    searches: state.searches,
    settledNodes: state.settledNodes,
    certifiedPairsChecked: cert.checkedPairs,
    certifiedPairsByBound: cert.byBound,
    scanMs,
    mainMs: main.mainMs,
    solveMs: main.solveMs + cert.reinsertMs,
    certifyMs: cert.certifyMs,
  });
}

// ---------------------------------------------------------------- phase 1: locked pairs

interface LockedPairs {
  /** 1 for mentees in a locked pair. */
  flag: Uint8Array;
  /** Total score of the locked pairs. */
  total: number;
  freeMentees: number;
  /** Capacity left to the free part (after the locked pairs). */
  freeSlots: number;
}

/** Fixes the locked pairs first: each consumes a slot of its mentor (state.cap) and leaves the flow. */
function fixLockedPairs(problem: AssignmentProblem, state: MatchingState): LockedPairs {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  const flag = new Uint8Array(n);
  let total = 0;
  for (const pair of problem.locked ?? []) {
    const [i, j] = pair;
    if (!(i >= 0 && i < n && j >= 0 && j < m)) {
      throw new Error("Закреплённая пара ссылается на несуществующего участника.");
    }
    if (flag[i]) throw new Error("Наставляемый закреплён за двумя наставниками.");
    const s = problem.score(i, j);
    if (s === null) throw new Error("Закреплённая пара нарушает обязательное правило подбора.");
    if (cap[j] === 0)
      throw new Error(
        "У наставника не хватает мест для всех пар, которые куратор велел не менять при переподборе: снимите отметку с лишних пар или увеличьте «Сколько наставляемых может вести».",
      );
    cap[j]--;
    flag[i] = 1;
    state.lockedMentor[i] = j;
    total += s;
  }
  let freeMentees = 0;
  for (let i = 0; i < n; i++) if (!flag[i]) freeMentees++;
  let freeSlots = 0;
  for (let j = 0; j < m; j++) freeSlots += cap[j];
  return { flag, total, freeMentees, freeSlots };
}

// ---------------------------------------------------------------- phase 2: the scan

/** What the scan found: the candidates of both sides, bounds of what is left out, the score range. */
interface Scan {
  byMentee: BestLists;
  byMentor: BestLists;
  /** Per mentee, the best score left out of its candidates (−Infinity: none; +Infinity: not known). */
  menteeBound: Float64Array;
  /** Per mentor, the best score among the pairs left out of its list (+Infinity: not known). */
  mentorBound: Float64Array;
  /** Max |score| over the feasible pairs (or the problem's own bound), for the bonus. */
  maxAbs: number;
  /** Feasible pairs whose score was evaluated. */
  scanned: number;
}

/** Initial scan: candidates from both sides, bounds of what is left out, the score range for the bonus. */
function scanCandidates(
  problem: AssignmentProblem,
  state: MatchingState,
  lockedFlag: Uint8Array,
  options: SolveOptions,
): Scan {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  const K0 = Math.max(1, Math.floor(options.candidatesPerMentee ?? 4));
  const slack = Math.max(0, Math.floor(options.mentorCandidateSlack ?? 4));
  const dense = n * m <= (options.denseLimit ?? 40000);
  const K = dense ? Math.max(1, m) : Math.min(K0, Math.max(1, m));
  const ownCandidates = typeof problem.candidates === "function";
  let menteeLimits: Int32Array;
  if (ownCandidates) menteeLimits = ownCandidateCounts(problem, state, lockedFlag);
  else {
    menteeLimits = new Int32Array(n);
    for (let i = 0; i < n; i++) menteeLimits[i] = lockedFlag[i] ? 0 : K;
  }
  const mentorLimits = new Int32Array(m);
  const useMentorLists = !dense && !ownCandidates && options.mentorCandidates !== false;
  if (useMentorLists) {
    for (let j = 0; j < m; j++) mentorLimits[j] = cap[j] > 0 ? Math.min(n, 2 * cap[j] + slack) : 0;
  }
  const scan: Scan = {
    byMentee: new BestLists(menteeLimits),
    byMentor: new BestLists(mentorLimits),
    menteeBound: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
    mentorBound: new Float64Array(m).fill(Number.POSITIVE_INFINITY),
    maxAbs: 0,
    scanned: 0,
  };
  if (!ownCandidates) {
    scanFeasiblePairs(problem, state, lockedFlag, scan, useMentorLists);
  } else {
    scanOwnCandidates(problem, state, lockedFlag, scan);
    if (problem.mode !== "quality") {
      // The bonus needs the score range over all feasible pairs: one pass over them (or the given bound).
      scan.maxAbs =
        problem.scoreBound === undefined
          ? maxAbsScore(problem, state, lockedFlag, scan.maxAbs)
          : Math.max(scan.maxAbs, Math.abs(problem.scoreBound));
    }
  }
  return scan;
}

/** The problem's own candidates: per free mentee, how many distinct mentors with a slot it names. */
function ownCandidateCounts(
  problem: AssignmentProblem,
  state: MatchingState,
  lockedFlag: Uint8Array,
): Int32Array {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  const limits = new Int32Array(n);
  const mark = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    if (lockedFlag[i]) continue;
    const list = problem.candidates!(i);
    let distinct = 0;
    for (let k = 0; k < list.length; k++) {
      const j = list[k];
      if (j < 0 || j >= m || mark[j] === i || cap[j] === 0) continue;
      mark[j] = i;
      distinct++;
    }
    limits[i] = distinct;
  }
  return limits;
}

/** The default scan: every feasible pair once, into the best lists of its mentee (and its mentor). */
function scanFeasiblePairs(
  problem: AssignmentProblem,
  state: MatchingState,
  lockedFlag: Uint8Array,
  scan: Scan,
  useMentorLists: boolean,
): void {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  const quality = problem.mode === "quality";
  const threshold = state.threshold;
  const { byMentee, byMentor, menteeBound, mentorBound } = scan;
  const menteeWorst = byMentee.worst;
  const menteeOut = byMentee.outBest;
  const mentorWorst = byMentor.worst;
  const mentorOut = byMentor.outBest;
  let maxAbs = scan.maxAbs;
  let scanned = scan.scanned;
  for (let i = 0; i < n; i++) {
    if (lockedFlag[i]) continue;
    const list = problem.feasibleMentors ? problem.feasibleMentors(i) : null;
    const count = list ? list.length : m;
    for (let k = 0; k < count; k++) {
      const j = list ? list[k] : k;
      if (cap[j] === 0) continue;
      const s = problem.score(i, j);
      if (s === null) continue;
      scanned++;
      const a = s < 0 ? -s : s;
      if (a > maxAbs) maxAbs = a;
      if (quality && !isAllowedQuality(s, threshold)) continue;
      // Fast rejections (the common case); equal weights go through push for the index order.
      if (s < menteeWorst[i]) {
        if (s > menteeOut[i]) menteeOut[i] = s;
      } else byMentee.push(i, s, j);
      if (useMentorLists) {
        if (s < mentorWorst[j]) {
          if (s > mentorOut[j]) mentorOut[j] = s;
        } else byMentor.push(j, s, i);
      }
    }
    menteeBound[i] = byMentee.outBest[i];
  }
  if (useMentorLists) for (let j = 0; j < m; j++) mentorBound[j] = byMentor.outBest[j];
  scan.maxAbs = maxAbs;
  scan.scanned = scanned;
}

/** The scan of the problem's own candidates (distinct mentors with a slot); bounds from the problem. */
function scanOwnCandidates(
  problem: AssignmentProblem,
  state: MatchingState,
  lockedFlag: Uint8Array,
  scan: Scan,
): void {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  const quality = problem.mode === "quality";
  const threshold = state.threshold;
  const { byMentee, menteeBound } = scan;
  const mark = new Int32Array(m).fill(-1);
  let maxAbs = scan.maxAbs;
  let scanned = scan.scanned;
  for (let i = 0; i < n; i++) {
    if (lockedFlag[i]) continue;
    const list = problem.candidates!(i);
    for (let k = 0; k < list.length; k++) {
      const j = list[k];
      if (j < 0 || j >= m || mark[j] === -2 - i || cap[j] === 0) continue;
      mark[j] = -2 - i;
      const s = problem.score(i, j);
      if (s === null) continue;
      checkInteger(s);
      scanned++;
      const a = s < 0 ? -s : s;
      if (a > maxAbs) maxAbs = a;
      if (quality && !isAllowedQuality(s, threshold)) continue;
      byMentee.push(i, s, j);
    }
    menteeBound[i] = problem.scoreUpperBound ? problem.scoreUpperBound(i) : Number.POSITIVE_INFINITY;
  }
  scan.maxAbs = maxAbs;
  scan.scanned = scanned;
}

/** Max of `from` and |score| over every feasible pair of a free mentee and a mentor with a slot. */
function maxAbsScore(
  problem: AssignmentProblem,
  state: MatchingState,
  lockedFlag: Uint8Array,
  from: number,
): number {
  const n = state.n;
  const m = state.m;
  const cap = state.cap;
  let maxAbs = from;
  for (let i = 0; i < n; i++) {
    if (lockedFlag[i]) continue;
    const list = problem.feasibleMentors ? problem.feasibleMentors(i) : null;
    const count = list ? list.length : m;
    for (let k = 0; k < count; k++) {
      const j = list ? list[k] : k;
      if (cap[j] === 0) continue;
      const s = problem.score(i, j);
      if (s === null) continue;
      const a = s < 0 ? -s : s;
      if (a > maxAbs) maxAbs = a;
    }
  }
  return maxAbs;
}

// ---------------------------------------------------------------- phase 3: the candidate graph

/** The per-pair bonus of "max_participants" (0 in "quality"), checked to keep the arithmetic exact. */
function lexicographicBonus(mode: MatchingMode, maxAbs: number, freeMentees: number): number {
  if (mode === "quality") return 0;
  const M = Math.max(1, maxAbs);
  const bonus = 2 * freeMentees * M + 1;
  if (4 * (freeMentees + 1) * (bonus + M) > MAX_SAFE) {
    throw new Error("Слишком большие баллы для режима «максимум участников»: выйдем за точную арифметику.");
  }
  return bonus;
}

/**
 * Candidate edges (CSR in the state): the mentee's own best, then the pairs where the mentee is among
 * a mentor's best; weights are score + bonus.
 */
function buildCandidateGraph(state: MatchingState, scan: Scan, bonus: number): void {
  const n = state.n;
  const m = state.m;
  const { byMentee, byMentor } = scan;
  const fromMentors = new Int32Array(n + 1);
  for (let j = 0; j < m; j++) {
    for (let k = byMentor.off[j]; k < byMentor.off[j] + byMentor.count[j]; k++)
      fromMentors[byMentor.x[k] + 1]++;
  }
  for (let i = 0; i < n; i++) fromMentors[i + 1] += fromMentors[i];
  const fill = fromMentors.slice(0, n);
  const viaJ = new Int32Array(fromMentors[n]);
  const viaW = new Float64Array(fromMentors[n]);
  for (let j = 0; j < m; j++) {
    for (let k = byMentor.off[j]; k < byMentor.off[j] + byMentor.count[j]; k++) {
      const at = fill[byMentor.x[k]]++;
      viaJ[at] = j;
      viaW[at] = byMentor.w[k];
    }
  }
  const starts = new Int32Array(n + 1);
  const upper = byMentee.off[n] + viaJ.length;
  const to = new Int32Array(upper);
  const ws = new Float64Array(upper);
  const mark = new Int32Array(m).fill(-1);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = pos;
    for (let k = byMentee.off[i]; k < byMentee.off[i] + byMentee.count[i]; k++) {
      const j = byMentee.x[k];
      const s = byMentee.w[k];
      checkInteger(s);
      mark[j] = i;
      to[pos] = j;
      ws[pos] = s + bonus;
      pos++;
    }
    for (let k = fromMentors[i]; k < fromMentors[i + 1]; k++) {
      const j = viaJ[k];
      if (mark[j] === i) continue;
      mark[j] = i;
      checkInteger(viaW[k]);
      to[pos] = j;
      ws[pos] = viaW[k] + bonus;
      pos++;
    }
  }
  starts[n] = pos;
  state.adjStart = starts;
  state.adjEnd = starts.slice(1);
  state.adjTo = to.slice(0, pos);
  state.adjW = ws.slice(0, pos);
}

/** The scan's bounds in weights (bonus added): the mentees' into the state, the mentors' returned. */
function weightBounds(state: MatchingState, scan: Scan, bonus: number): Float64Array {
  const shift = (b: number): number =>
    b === Number.NEGATIVE_INFINITY || b === Number.POSITIVE_INFINITY ? b : b + bonus;
  for (let i = 0; i < state.n; i++) state.bound[i] = shift(scan.menteeBound[i]);
  const mentorBoundW = new Float64Array(state.m);
  for (let j = 0; j < state.m; j++) mentorBoundW[j] = shift(scan.mentorBound[j]);
  return mentorBoundW;
}

// ---------------------------------------------------------------- phase 4: the main phase (the flow)

/**
 * With fewer slots than mentees, fill the mentors' slots one by one (searches end at any unmatched
 * mentee); otherwise insert the mentees one by one (searches end at any free slot).
 */
function runMainPhase(
  state: MatchingState,
  locked: LockedPairs,
  strategy: NonNullable<SolveOptions["strategy"]>,
): { fillMentors: boolean; mainMs: number; solveMs: number } {
  const tSolve = now();
  // (Small problems: one kind of search is quicker to get going in a fresh runtime.)
  const fillMentors =
    strategy === "mentors" ||
    (strategy === "auto" && locked.freeSlots < locked.freeMentees && locked.freeMentees * state.m > 1000000);
  let mainMs = 0;
  if (fillMentors) {
    fillMentorSlots(state, locked.flag);
    mainMs = now() - tSolve;
    state.radjFrom = new Int32Array(0);
    state.radjW = new Float64Array(0);
  } else {
    for (let i = 0; i < state.n; i++) if (!locked.flag[i]) state.insert(i);
    mainMs = now() - tSolve;
  }
  return { fillMentors, mainMs, solveMs: now() - tSolve };
}

/** Every free mentee active, every slot a phantom unit, each mentor priced at its best edge; then fill. */
function fillMentorSlots(state: MatchingState, lockedFlag: Uint8Array): void {
  const cap = state.cap;
  state.buildReverse();
  for (let i = 0; i < state.n; i++) if (!lockedFlag[i]) state.active[i] = 1;
  for (let j = 0; j < state.m; j++) {
    state.phantom[j] = cap[j];
    state.load[j] = cap[j];
    let best = 0;
    for (let e = state.radjStart[j]; e < state.radjStart[j + 1]; e++) {
      if (state.radjW[e] > best) best = state.radjW[e];
    }
    state.P[j] = best;
  }
  for (let j = 0; j < state.m; j++) while (state.phantom[j] > 0) state.fillMentor(j);
}

// ---------------------------------------------------------------- phase 5: the certificate

/** Mentors of a list with a slot, by increasing price (then index). */
function sortByPrice(list: ArrayLike<number>, cap: Int32Array, p: Float64Array): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < list.length; k++) if (cap[list[k]] > 0) out.push(list[k]);
  out.sort((a, b) => p[a] - p[b] || a - b);
  return Int32Array.from(out);
}

/**
 * The certification rounds: dual prices from the potentials, every left-out feasible pair checked
 * against them; violated pairs are added to the graph and their mentees re-inserted, until none is
 * violated (then the dual objective equals the primal one: `certified`) or `maxRounds` runs out.
 */
class Certificate {
  /** Dual prices: u per mentee, p per mentor. */
  readonly u: Float64Array;
  readonly p: Float64Array;
  certified = false;
  dualObjective = 0;
  primalObjective = 0;
  rounds = 0;
  addedEdges = 0;
  reinserted = 0;
  checkedPairs = 0;
  byBound = 0;
  certifyMs = 0;
  /** Time of the re-insertions (part of the flow's time). */
  reinsertMs = 0;

  private readonly problem: AssignmentProblem;
  private readonly state: MatchingState;
  private readonly lockedFlag: Uint8Array;
  private readonly maxAbs: number;
  private readonly mentorBoundW: Float64Array;
  private readonly candMark: Int32Array;
  // The round's prices: the lowest price of a mentor with a slot, mentors sorted by price.
  private minP = Number.POSITIVE_INFINITY;
  private allSorted: Int32Array = new Int32Array(0);
  private sortedCache = new Map<ArrayLike<number>, Int32Array>();

  constructor(
    problem: AssignmentProblem,
    state: MatchingState,
    lockedFlag: Uint8Array,
    maxAbs: number,
    mentorBoundW: Float64Array,
  ) {
    this.problem = problem;
    this.state = state;
    this.lockedFlag = lockedFlag;
    this.maxAbs = maxAbs;
    this.mentorBoundW = mentorBoundW;
    this.u = new Float64Array(state.n);
    this.p = new Float64Array(state.m);
    this.candMark = new Int32Array(state.m).fill(-1);
  }

  run(maxRounds: number, perMentee: number): void {
    const state = this.state;
    while (this.rounds < maxRounds) {
      this.rounds++;
      const tc = now();
      const violations = this.violations(perMentee);
      this.certifyMs += now() - tc;
      if (violations.size === 0) {
        this.close();
        break;
      }
      const tw = now();
      this.addedEdges += state.addEdges(violations);
      const ids = Array.from(violations.keys()).sort((a, b) => a - b);
      for (const i of ids) {
        state.reinsert(i);
        this.reinserted++;
      }
      this.reinsertMs += now() - tw;
    }
  }

  /** The round's prices p from the normalised potentials, and the mentors sorted by them. */
  private prices(): void {
    const state = this.state;
    const cap = state.cap;
    const p = this.p;
    state.normalize();
    const P = state.P;
    let minP = Number.POSITIVE_INFINITY;
    for (let j = 0; j < state.m; j++) {
      p[j] = Math.max(P[j], 0);
      if (cap[j] > 0 && p[j] < minP) minP = p[j];
    }
    this.minP = minP;
    this.sortedCache = new Map<ArrayLike<number>, Int32Array>();
    this.allSorted = this.problem.feasibleMentors
      ? new Int32Array(0)
      : sortByPrice(identity(state.m), cap, p);
  }

  /** One pass: u per mentee and, per mentee, its `perMentee` most violated left-out pairs (mentor, weight). */
  private violations(perMentee: number): Map<number, Array<[number, number]>> {
    this.prices();
    const violations = new Map<number, Array<[number, number]>>();
    for (let i = 0; i < this.state.n; i++) {
      if (this.lockedFlag[i]) {
        this.u[i] = 0;
        continue;
      }
      const found = this.menteeViolations(i);
      if (found !== null) {
        found.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
        violations.set(
          i,
          found.slice(0, perMentee).map((x): [number, number] => [x[1], x[2]]),
        );
      }
    }
    return violations;
  }

  /**
   * Sets u_i (the best reduced gain of the mentee's candidate edges) and returns the left-out pairs
   * (gain, mentor, weight) with w_ij − p_j > u_i, or null. A pair can be violated only if
   * w_ij − p_j > u_i, and w_ij <= min(bound_i, bound_j): most are proven by a bound without a score.
   */
  private menteeViolations(i: number): Array<[number, number, number]> | null {
    const { problem, state, p, u, candMark, mentorBoundW, maxAbs } = this;
    const cap = state.cap;
    const quality = problem.mode === "quality";
    let ui = 0;
    const s0 = state.adjStart[i];
    const s1 = state.adjStart[i + 1];
    for (let e = s0; e < s1; e++) {
      const v = state.adjW[e] - p[state.adjTo[e]];
      if (v > ui) ui = v;
    }
    u[i] = ui;
    const bnd = state.bound[i];
    if (bnd === Number.NEGATIVE_INFINITY) return null;
    const lim = bnd - ui;
    const list = problem.feasibleMentors ? problem.feasibleMentors(i) : null;
    const count = list ? list.length : state.m;
    if (lim <= this.minP) {
      this.byBound += count;
      return null;
    }
    for (let e = s0; e < s1; e++) candMark[state.adjTo[e]] = i;
    let found: Array<[number, number, number]> | null = null;
    // Mentors in increasing price order (cached per shared list, e.g. all mentors of a form): the scan
    // stops at the first price >= lim. A list seen for the first time late is scanned as it is.
    let order: ArrayLike<number> | undefined = list ? this.sortedCache.get(list) : this.allSorted;
    let ordered = true;
    if (order === undefined) {
      if (list !== null && this.sortedCache.size < 256) {
        const sorted = sortByPrice(list, cap, p);
        this.sortedCache.set(list, sorted);
        order = sorted;
      } else {
        order = list ?? this.allSorted;
        ordered = false;
      }
    }
    let byBound = 0;
    let checkedPairs = 0;
    const len = order.length;
    let k = 0;
    for (; k < len; k++) {
      const j = order[k];
      const pj = p[j];
      if (pj >= lim) {
        if (ordered) break;
        byBound++;
        continue;
      }
      if (mentorBoundW[j] - pj <= ui || cap[j] === 0) {
        byBound++;
        continue;
      }
      if (candMark[j] === i) continue;
      const s = problem.score(i, j);
      checkedPairs++;
      if (s === null) continue;
      if (!quality && (s < 0 ? -s : s) > maxAbs) {
        throw new Error("Балл пары превышает заявленную границу scoreBound.");
      }
      const w = state.weight(s);
      if (Number.isNaN(w)) continue;
      const gain = w - pj - ui;
      if (gain > 0) {
        checkInteger(s);
        if (found === null) found = [];
        found.push([gain, j, w]);
      }
    }
    byBound += len - k + (count - len);
    this.byBound += byBound;
    this.checkedPairs += checkedPairs;
    return found;
  }

  /** No violation left: the objectives; when they agree, the prices are kept in the state (certified). */
  private close(): void {
    const { state, lockedFlag, u, p } = this;
    const cap = state.cap;
    let dualObjective = 0;
    let primalObjective = 0;
    for (let i = 0; i < state.n; i++) {
      if (lockedFlag[i]) continue;
      dualObjective += u[i];
      primalObjective += state.asgW[i];
    }
    for (let j = 0; j < state.m; j++) dualObjective += cap[j] * p[j];
    this.dualObjective = dualObjective;
    this.primalObjective = primalObjective;
    this.certified = dualObjective === primalObjective;
    if (this.certified) {
      // Keep the certified prices: they are valid for the residual graph over all feasible pairs.
      for (let i = 0; i < state.n; i++) if (!lockedFlag[i]) state.U[i] = u[i];
      for (let j = 0; j < state.m; j++) state.P[j] = p[j];
      state.certified = true;
      state.mentorBound = this.mentorBoundW;
    }
  }
}

// ---------------------------------------------------------------- the result

/** The assignment with the locked pairs, the scores (bonus removed), the duals and the statistics. */
function assembleResult(
  problem: AssignmentProblem,
  state: MatchingState,
  locked: LockedPairs,
  cert: Certificate,
  stats: SolveStats,
): AssignmentResult {
  const n = state.n;
  const bonus = state.bonus;
  const assignment = new Int32Array(n).fill(NONE);
  const pairScore = new Float64Array(n);
  let total = locked.total;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    if (locked.flag[i]) {
      const j = state.lockedMentor[i];
      assignment[i] = j;
      pairScore[i] = problem.score(i, j) as number;
      matched++;
      continue;
    }
    const j = state.asg[i];
    if (j === NONE) continue;
    assignment[i] = j;
    const s = state.asgW[i] - bonus;
    pairScore[i] = s;
    total += s;
    matched++;
  }
  const { u, p, dualObjective, primalObjective } = cert;
  return {
    assignment,
    pairScore,
    locked: locked.flag,
    total,
    matchedCount: matched,
    certified: cert.certified,
    duals: { mentee: u, mentor: p, bonus, dualObjective, primalObjective },
    stats,
    state,
  };
}
