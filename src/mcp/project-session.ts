import type { Ledger } from '../ledger/ledger.js';
import { openProject, type Project } from '../iterations/project.js';
import { snapshotBuilderFor } from '../iterations/check-repository.js';
import { loadAllRules } from '../rules/rule-pack.js';
import type { Rule } from '../rules/rule.js';
import type { SnapshotBuilder } from '../workspace/snapshot-builder.js';

/** The project an MCP server serves, opened once: its configuration, rules, ledger and snapshot builder. */
export class ProjectSession {
  private queue: Promise<unknown> = Promise.resolve();
  private allRules: Promise<Rule[]> | undefined;

  private constructor(
    readonly project: Project,
    readonly ledger: Ledger,
    /** Kept between `check_iteration` calls: content analysed once is not analysed again. */
    readonly builder: SnapshotBuilder,
  ) {}

  /** Opens the project around `cwd` (the repository top is its root); invalid configuration is a UserError. */
  static async open(cwd: string): Promise<ProjectSession> {
    const project = await openProject(cwd);
    const ledger = await project.openLedger();
    return new ProjectSession(project, ledger, await snapshotBuilderFor({ top: project.top, config: project.config, rules: project.rules, ledger, runScanners: true }));
  }

  /** The repository top: every path a tool takes is relative to it and must stay inside it. */
  get top(): string {
    return this.project.top;
  }

  /** Every rule there is, built-in and from the config's rule directories, whatever the config selects. */
  everyRule(): Promise<Rule[]> {
    return (this.allRules ??= loadAllRules(this.project.config.scan.rules));
  }

  /** Runs `task` after every task queued before it: calls share one ledger and one builder. */
  serially<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.ledger.close();
  }
}
