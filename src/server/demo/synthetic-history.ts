import { createHash } from 'node:crypto';
import type { ComplexityTotals } from '../../diff/iteration-diff.js';
import { riskScore } from '../../diff/risk.js';
import type { Finding } from '../../findings/finding.js';
import { acceptedBaseline, type AcceptedBaseline } from '../../iterations/baseline.js';
import { chainEvents } from '../../iterations/check.js';
import { reviewRecordFor } from '../../iterations/review.js';
import { canonicalJson } from '../../ledger/canonical-json.js';
import type { NewRecord } from '../../ledger/ledger.js';
import { GENESIS_HASH, recordHash, type IterationPayload, type LedgerRecord, type Provenance } from '../../ledger/record.js';
import { chainState, gateActorOf } from '../../policy/chain.js';
import type { GuardState } from '../../policy/guards.js';
import { DEFAULT_POLICY, type Policy } from '../../policy/policy.js';
import { decideVerdict, type OpenFinding } from '../../policy/verdict.js';
import type { Rule } from '../../rules/rule.js';
import { CodeModel, type FileModel } from './synthetic-code.js';
import { AGENT_MODELS, AUTHORS, Random, STRATEGIES, TEAMS, languageCatalogues, snippetFor, type AgentModel, type CatalogueRule, type LanguageCatalogue } from './synthetic-catalogue.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** How much an AI iteration's finding rate rises with each step along the chain (the degradation the dashboard shows). */
export const DEGRADATION_PER_POSITION = 0.15;

/** The two demo sizes: repositories × iterations per repository. */
export const DEMO_SIZES = { full: { repositories: 100, iterations: 1000 }, small: { repositories: 6, iterations: 200 } } as const;
export type DemoSize = keyof typeof DEMO_SIZES;

/** One demo repository's make-up: its team, language, people, agents and strategies. */
export interface RepositoryPlan {
  name: string;
  team: string;
  reviewers: readonly string[];
  catalogue: LanguageCatalogue;
  authors: string[];
  agents: { agent: AgentModel; weight: number }[];
  strategies: { strategy: string; weight: number }[];
}

/** Everything the demo's histories are drawn from; the same options give the same world. */
export interface SyntheticWorld {
  seed: number;
  iterations: number;
  /** When the histories end; they span the days before it (180 for 1,000 iterations: see `historyDays`). */
  end: Date;
  policy: Policy;
  repositories: RepositoryPlan[];
  /** Per model (tool/model), how prone it is to each class, around 1. */
  classWeights: Map<string, Map<string, number>>;
  /** Per reviewer, the chance of noticing an open finding of each class. */
  skills: Map<string, Map<string, number>>;
}

export function syntheticWorld(options: { seed: number; repositories: number; iterations: number; rules: readonly Rule[]; end: Date; policy?: Policy }): SyntheticWorld {
  const random = new Random(options.seed);
  const catalogues = languageCatalogues(options.rules);
  const allClasses = [...new Set(catalogues.flatMap((c) => [...c.classes.keys()]))].sort();
  const classWeights = new Map<string, Map<string, number>>();
  for (const agent of AGENT_MODELS) {
    const draw = random.fork(`classes ${agent.tool}/${agent.model}`);
    classWeights.set(modelKey(agent), new Map(allClasses.map((cweClass) => [cweClass, Math.exp(0.7 * draw.normal())])));
  }
  const skills = new Map<string, Map<string, number>>();
  for (const reviewer of TEAMS.flatMap((team) => team.reviewers)) {
    const draw = random.fork(`skill ${reviewer}`);
    const talent = 0.35 + 0.3 * draw.next();
    skills.set(reviewer, new Map(allClasses.map((cweClass) => [cweClass, Math.min(0.95, Math.max(0.05, talent + 0.3 * draw.normal()))])));
  }
  const repositories: RepositoryPlan[] = [];
  for (let index = 0; index < options.repositories; index++) {
    const team = TEAMS[index % TEAMS.length]!;
    const serviceIndex = Math.floor(index / TEAMS.length);
    const service = `${team.services[serviceIndex % team.services.length]}${serviceIndex >= team.services.length ? `-${Math.floor(serviceIndex / team.services.length) + 1}` : ''}`;
    const draw = random.fork(`repository ${index}`);
    const agents = draw.sample(AGENT_MODELS, draw.int(1, 3)).map((agent) => ({ agent, weight: agent.weight * (0.5 + draw.next()) }));
    repositories.push({
      name: `${team.name}/${service}`,
      team: team.name,
      reviewers: team.reviewers,
      catalogue: draw.weighted(catalogues, (c) => c.weight),
      authors: draw.sample(AUTHORS, draw.int(3, 8)),
      agents,
      strategies: STRATEGIES.map((strategy) => ({ strategy, weight: strategy === 'feature' ? 3 + 4 * draw.next() : 0.3 + 2 * draw.next() })),
    });
  }
  return { seed: options.seed, iterations: options.iterations, end: options.end, policy: options.policy ?? DEFAULT_POLICY, repositories, classWeights, skills };
}

/**
 * How many days a history of `iterations` spans: 180 for 1,000, fewer for fewer, so iterations come at the same
 * pace (about one every 4 hours) whatever the size, and a review's delay (median 5 hours) lets a chain run
 * on past its limit as often in the small demo as in the full one.
 */
export function historyDays(iterations: number): number {
  return Math.max(1, Math.round((180 * iterations) / 1000));
}

export const modelKey = (agent: Pick<AgentModel, 'tool' | 'model'>) => `${agent.tool}/${agent.model}`;

/** A repository's generated chain and the content its records name (to be stored before the records). */
export interface GeneratedRepository {
  plan: RepositoryPlan;
  records: LedgerRecord[];
  snapshots: { id: string; body: string }[];
  analyses: { digest: string; analysis: string }[];
}

/** A finding in the code now, and what will become of it. */
interface LiveFinding {
  finding: Finding;
  cweClass: string;
  since: number;
  /** Accepted open by an approval, and to be fixed later anyway (the reviewer missed it). */
  fixLater?: boolean;
  /** Named by a rejection: the next iteration is likely to fix it. */
  rejected?: boolean;
}

/** The accepted baseline's state: what later iterations are compared with. */
interface BaselineState {
  present: Set<string>;
  totals: ComplexityTotals;
  risk: number;
}

/** Generates repository `index`'s chain: iterations and reviews as a real client and server would record them. */
export function generateRepository(world: SyntheticWorld, index: number): GeneratedRepository {
  return new ChainGenerator(world, world.repositories[index]!, new Random(world.seed).fork(`history ${index}`)).run();
}

class ChainGenerator {
  private readonly records: LedgerRecord[] = [];
  private readonly snapshots = new Map<string, string>();
  private readonly analyses = new Map<string, string>();
  private readonly code: CodeModel;
  private readonly live = new Map<string, LiveFinding>();
  private readonly guards: GuardState;
  private readonly baseRisk: number;
  private findingCount = 0;
  private baselineKey = '';
  private baseline!: BaselineState;
  private accepted: AcceptedBaseline | undefined;
  /** Where the history after the last approval starts. */
  private lastApprovalIndex = 0;
  /** Where the record accepted as the baseline is in the history. */
  private acceptedIndex = 0;

  constructor(
    private readonly world: SyntheticWorld,
    private readonly plan: RepositoryPlan,
    private readonly random: Random,
  ) {
    this.code = new CodeModel(random, plan.catalogue);
    this.guards = {
      settings: { digest: sha256(`settings ${plan.name}`), what: 'the effective policy and scan settings' },
      rules: { digest: sha256('rules').slice(0, 16), what: 'the rule set (rule files or the loopwarden version)' },
      'config-file': { digest: sha256(`config ${plan.name}`), what: 'the config file .loopwarden.yml' },
    };
    this.baseRisk = random.int(10, 90);
  }

  /** The state as it is now, as a new accepted baseline. */
  private baselineNow(): BaselineState {
    this.code.accept();
    return { present: new Set(this.live.keys()), totals: this.code.totals(), risk: this.riskNow() };
  }

  private riskNow(): number {
    let total = 0;
    for (const entry of this.live.values()) total += riskScore([entry.finding]);
    return Math.round((this.baseRisk + total) * 100) / 100;
  }

  run(): GeneratedRepository {
    const { iterations } = this.world;
    // Gaps between iterations: log-normal, scaled so the history spans `historyDays` before `end`.
    const gaps = Array.from({ length: iterations }, () => this.random.logNormal(1, 0.9));
    const span = historyDays(iterations) * DAY;
    const scale = span / gaps.reduce((sum, gap) => sum + gap, 0);
    let at = this.world.end.getTime() - span;
    this.baseline = this.baselineNow();
    const firstCommit = this.hex(40);
    const initialSnapshot = this.storeSnapshot(this.code.files.slice(0, 3), 0);
    let reviewAt: number | undefined;
    for (let i = 0; i < iterations; i++) {
      at += gaps[i]! * scale;
      if (reviewAt !== undefined && reviewAt <= at) {
        this.review(reviewAt);
        reviewAt = undefined;
      }
      const record = this.iteration(at, i === 0 ? { commit: firstCommit, snapshotId: initialSnapshot } : undefined);
      const { chain, level } = record.payload.verdict;
      if (reviewAt === undefined && (chain.aiIterationsSinceReview >= chain.limit || level === 'block')) reviewAt = at + this.random.logNormal(5 * HOUR, 1);
    }
    if (reviewAt !== undefined && reviewAt <= this.world.end.getTime()) this.review(reviewAt);
    return {
      plan: this.plan,
      records: this.records,
      snapshots: [...this.snapshots].map(([id, body]) => ({ id, body })),
      analyses: [...this.analyses].map(([digest, analysis]) => ({ digest, analysis })),
    };
  }

  private hex(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.random.next() * 0x100000000).toString(16).padStart(8, '0');
    return text.slice(0, length);
  }

  private append(next: NewRecord, at: number): LedgerRecord {
    const last = this.records[this.records.length - 1];
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const recordedAt = new Date(Math.round(at)).toISOString();
    const hash = recordHash(seq, next.kind, recordedAt, canonicalJson(next.payload), prevHash);
    const record = { seq, kind: next.kind, recordedAt, payload: next.payload, prevHash, hash } as LedgerRecord;
    this.records.push(record);
    return record;
  }

  /** Stores a snapshot naming `files`, each with an analysis listing the findings in it now; returns its id. */
  private storeSnapshot(files: readonly FileModel[], seq: number): string {
    const byPath = new Map<string, Finding[]>();
    for (const { finding } of this.live.values()) {
      const list = byPath.get(finding.path);
      if (list) list.push(finding);
      else byPath.set(finding.path, [finding]);
    }
    const entries = files
      .map((file) => {
        const findings = (byPath.get(file.path) ?? []).sort((a, b) => a.startLine - b.startLine || a.ruleId.localeCompare(b.ruleId));
        const analysis = JSON.stringify({ path: file.path, language: this.plan.catalogue.language, lines: file.lines, findings, suppressed: [], notes: [], unusedSuppressions: [] });
        const digest = sha256(analysis);
        this.analyses.set(digest, analysis);
        // loopwarden-ignore js-weak-hash: a made-up git blob id, which git defines as SHA-1; it protects nothing
        const hash = createHash('sha1').update(`${this.plan.name}\u0000${file.path}\u0000${seq}`).digest('hex');
        const metrics = [...file.functions.values()];
        // Keys in sorted order: JSON.stringify then writes the canonical text.
        return {
          analysisKey: `demo:${this.plan.catalogue.language}:${hash}`,
          digest,
          hash,
          path: file.path,
          summary: {
            cognitive: metrics.reduce((sum, m) => sum + m.cognitive, 0),
            cyclomatic: metrics.reduce((sum, m) => sum + m.cyclomatic, 0),
            functions: metrics.length,
            language: this.plan.catalogue.language,
            lines: file.lines,
            risk: riskScore(findings),
          },
        };
      })
      .sort((a, b) => a.path.localeCompare(b.path));
    const body = JSON.stringify({ files: entries });
    const id = sha256(body);
    this.snapshots.set(id, body);
    return id;
  }

  private provenance(): Provenance {
    const { random, plan } = this;
    const author = random.pick(plan.authors);
    if (random.chance(0.7)) {
      const { agent } = random.weighted(plan.agents, (a) => a.weight);
      return { actor: 'ai', tool: agent.tool, model: agent.model, strategy: random.weighted(plan.strategies, (s) => s.weight).strategy, author, session: this.hex(12) };
    }
    return { actor: 'human', author, attestation: random.chance(0.8) ? 'terminal' : 'none' };
  }

  private newFinding(seq: number, file: FileModel, entry: CatalogueRule): LiveFinding {
    const { rule, cweClass } = entry;
    const line = this.random.int(1, file.lines);
    const snippet = snippetFor(cweClass, this.random);
    const functions = [...file.functions.keys()];
    const finding: Finding = {
      ruleId: rule.id,
      cwe: rule.cwe,
      severity: rule.severity,
      securitySeverity: rule.securitySeverity,
      confidence: rule.confidence,
      path: file.path,
      startLine: line,
      startColumn: this.random.int(1, 12),
      endLine: line,
      endColumn: 13 + snippet.length,
      message: rule.message,
      fix: rule.fix,
      snippet,
      function: functions.length ? this.random.pick(functions) : null,
      fingerprint: sha256(`${this.world.seed}\u0000${this.plan.name}\u0000${++this.findingCount}`).slice(0, 32),
      references: rule.references,
    };
    return { finding, cweClass, since: seq };
  }

  /** The findings an iteration introduces: for an AI iteration, a Poisson count per class that grows along the chain. */
  private introductions(provenance: Provenance, position: number): CatalogueRule[] {
    const classes = [...this.plan.catalogue.classes];
    if (provenance.actor === 'ai') {
      const agent = agentOf(provenance);
      const weights = this.world.classWeights.get(modelKey(agent))!;
      const degradation = 1 + DEGRADATION_PER_POSITION * (position - 1);
      const picked: CatalogueRule[] = [];
      for (const [cweClass, rules] of classes) {
        const count = this.random.poisson((agent.base * weights.get(cweClass)! * degradation) / classes.length);
        for (let i = 0; i < count; i++) picked.push(this.random.pick(rules));
      }
      return picked;
    }
    const count = this.random.poisson(provenance.attestation === 'none' ? 0.08 : 0.04);
    return Array.from({ length: count }, () => this.random.pick(this.random.pick(classes)[1]));
  }

  private iteration(at: number, first?: { commit: string; snapshotId: string }): LedgerRecord & { kind: 'iteration' } {
    const { random, world, records: history } = this;
    const seq = history.length + 1;
    const policy = world.policy;
    // The accepted baseline moves only at a review or after a human iteration: read again only then, and
    // from the record accepted now on (what comes before it cannot change the answer).
    const last = history[history.length - 1];
    if (!this.accepted || last?.kind === 'review' || (last?.kind === 'iteration' && last.payload.provenance.actor === 'human')) this.accepted = acceptedBaseline(history.slice(this.acceptedIndex), policy);
    const accepted = this.accepted;
    const baselineRef = accepted?.ref ?? { kind: 'commit' as const, commit: first!.commit, snapshotId: first!.snapshotId };
    const key = canonicalJson(baselineRef);
    if (key !== this.baselineKey) {
      // A baseline is accepted as the last iteration's state (an approval of the head, or a human iteration
      // that passed): the state as it stands before this iteration's change.
      if (this.baselineKey !== '' && (baselineRef.kind !== 'iteration' || baselineRef.seq !== lastIterationOf(history)?.seq)) throw new Error(`${this.plan.name}: a baseline other than the last iteration`);
      if (this.baselineKey !== '') {
        this.baseline = this.baselineNow();
        this.acceptedIndex = history.length - 1 - (last!.kind === 'review' ? 1 : 0);
        if (history[this.acceptedIndex]!.seq !== (baselineRef as { seq: number }).seq) throw new Error(`${this.plan.name}: the accepted record is not where it was looked for`);
      }
      this.baselineKey = key;
    }
    const provenance = this.provenance();
    const actor = gateActorOf(provenance);
    // An approval resets the chain: the events since the last one count the same as the whole history.
    const chainBefore = chainState(chainEvents(history.slice(this.lastApprovalIndex)), policy);
    const position = actor === 'ai' ? chainBefore.aiIterationsSinceReview + 1 : chainBefore.aiIterationsSinceReview;

    // Fixes first: open findings now and then, rejected ones likely, accepted ones a reviewer missed eventually.
    const touched = new Set<FileModel>();
    const fileOf = new Map(this.code.files.map((file) => [file.path, file]));
    const fixed: Finding[] = [];
    for (const [fingerprint, entry] of this.live) {
      const open = !this.baseline.present.has(fingerprint);
      const p = open ? (entry.rejected ? 0.7 : actor === 'ai' ? 0.25 : 0.5) : entry.fixLater ? 0.08 : 0;
      const file = fileOf.get(entry.finding.path)!;
      if (p === 0 || !random.chance(p) || (touched.size >= 5 && !touched.has(file))) continue;
      touched.add(file);
      fixed.push(entry.finding);
      this.live.delete(fingerprint);
    }
    for (const entry of this.live.values()) entry.rejected = false;
    // Then the change itself: 1–5 files, with whatever it introduces in them.
    for (let n = random.int(1, 3); n > 0 && touched.size < 5; n--) touched.add(random.pick(this.code.files));
    const introduced: Finding[] = [];
    const touchedList = [...touched];
    for (const entry of this.introductions(provenance, position)) {
      const live = this.newFinding(seq, random.pick(touchedList), entry);
      this.live.set(live.finding.fingerprint, live);
      introduced.push(live.finding);
    }
    const functions = this.code.change(touchedList, provenance.actor === 'ai' ? agentOf(provenance) : undefined);

    const state = { totals: this.code.totals(), risk: this.riskNow() };
    const open: OpenFinding[] = [...this.live.values()].filter((entry) => !this.baseline.present.has(entry.finding.fingerprint)).map((entry) => ({ ...entry.finding, since: entry.since }));
    const before = this.baseline.totals;
    const change = before.cyclomatic === 0 ? 0 : ((state.totals.cyclomatic - before.cyclomatic) / before.cyclomatic) * 100;
    const cyclomaticChangePercent = Math.round(change * 10) / 10;
    const lastIteration = lastIterationOf(history);
    const verdict = decideVerdict(policy, {
      actor,
      lastActor: lastIteration ? gateActorOf(lastIteration.payload.provenance) : null,
      seq,
      chainBefore,
      open,
      aiSuppressions: [],
      sinceBaseline: { functions: this.code.sinceBaseline(), complexity: { before, after: state.totals, cyclomaticChangePercent } },
      guardChanges: [],
      rejection: last?.kind === 'review' && last.payload.decision === 'reject' ? { seq: last.seq, reviewer: last.payload.reviewer, note: last.payload.note } : undefined,
    });
    const snapshotId = this.storeSnapshot(touchedList, seq);
    const paths = touchedList.map((file) => file.path).sort();
    const payload: IterationPayload = {
      provenance,
      revision: { commit: this.hex(40), worktree: false },
      snapshotId,
      baseline: baselineRef,
      previous: lastIteration ? { kind: 'iteration', seq: lastIteration.seq } : { kind: 'commit', commit: first!.commit },
      introduced,
      fixed,
      changed: [],
      persistingCount: [...this.live.values()].filter((entry) => touched.has(fileOf.get(entry.finding.path)!) && entry.since !== seq).length,
      open,
      aiSuppressions: [],
      guards: this.guards,
      risk: { before: this.baseline.risk, after: state.risk, delta: Math.round((state.risk - this.baseline.risk) * 100) / 100 },
      functions,
      complexity: { before: before.cyclomatic, after: state.totals.cyclomatic, changePercent: cyclomaticChangePercent },
      files: { added: [], removed: [], modified: paths },
      verdict,
    };
    return this.append({ kind: 'iteration', payload }, at) as LedgerRecord & { kind: 'iteration' };
  }

  /** A reviewer of the team reviews the iterations since the last review: rejects when they notice an open finding. */
  private review(at: number): void {
    const { random, records: history } = this;
    const head = lastIterationOf(history)!;
    const reviewer = random.pick(this.plan.reviewers);
    const skill = this.world.skills.get(reviewer)!;
    const noticed = (head.payload.open ?? []).filter((finding) => random.chance(skill.get(this.live.get(finding.fingerprint)?.cweClass ?? '') ?? 0.5));
    const decision = noticed.length > 0 ? 'reject' : 'approve';
    const note = decision === 'reject' ? noticed.map((finding) => `${finding.ruleId} at ${finding.path}:${finding.startLine}: ${finding.fix.split(/(?<=\.)\s/)[0]}`).join('; ') : random.pick(['', 'looks good', 'ok', 'fine for now', 'approved after reading the diff']);
    for (const finding of noticed) {
      const entry = this.live.get(finding.fingerprint);
      if (entry) entry.rejected = true;
    }
    if (decision === 'approve') for (const finding of head.payload.open ?? []) {
      const entry = this.live.get(finding.fingerprint);
      if (entry) entry.fixLater = random.chance(0.6);
    }
    const next = reviewRecordFor(history, { decision, reviewer, note, attestation: { kind: 'server', account: reviewer } }, head.hash);
    if (next === 'stale') throw new Error('unreachable: the review is written for the head it read');
    this.append(next, at);
    if (decision === 'approve') this.lastApprovalIndex = history.length - 1;
  }
}

function lastIterationOf(history: readonly LedgerRecord[]): (LedgerRecord & { kind: 'iteration' }) | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const record = history[i]!;
    if (record.kind === 'iteration') return record;
  }
  return undefined;
}

function agentOf(provenance: Provenance): AgentModel {
  return AGENT_MODELS.find((agent) => agent.tool === provenance.tool && agent.model === provenance.model)!;
}
