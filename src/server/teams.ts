import type { Generated, Kysely } from 'kysely';
import { UserError } from '../errors.js';
import type { LedgerTables } from '../ledger/postgres-ledger.js';
import { TEAM_NAME } from './team-migrations.js';

type TeamTables = {
  teams: { id: Generated<string>; name: string };
  team_repositories: { team_id: string; repository_id: string };
};

/** A team and the ids of its repositories. */
export interface Team {
  name: string;
  repositoryIds: string[];
}

/** Teams: named groups of repositories, for the dashboard's filters and per-team figures. */
export class TeamStore {
  private readonly db: Kysely<TeamTables & LedgerTables>;

  constructor(db: Kysely<LedgerTables>) {
    this.db = db.withTables<TeamTables>();
  }

  /** Adds repositories (by id) to the team `name`, creating the team when it is new; adding one twice changes nothing. */
  async add(name: string, repositoryIds: readonly string[]): Promise<void> {
    if (!TEAM_NAME.test(name)) throw new UserError(`team name ${JSON.stringify(name)}: use letters, digits, spaces and . _ - (at most 100, starting with a letter or digit)`);
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('teams').values({ name }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
      const team = await trx.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirstOrThrow();
      if (repositoryIds.length > 0) {
        await trx.insertInto('team_repositories').values(repositoryIds.map((repository_id) => ({ team_id: team.id, repository_id }))).onConflict((conflict) => conflict.doNothing()).execute();
      }
    });
  }

  /** Takes repositories (by id) out of the team `name`. */
  async remove(name: string, repositoryIds: readonly string[]): Promise<void> {
    const team = await this.db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst();
    if (!team) throw new UserError(`no team named ${name}`);
    if (repositoryIds.length > 0) await this.db.deleteFrom('team_repositories').where('team_id', '=', team.id).where('repository_id', 'in', [...repositoryIds]).execute();
  }

  /** Every team with its repositories, by name. */
  async list(): Promise<Team[]> {
    const teams = await this.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    const members = await this.db.selectFrom('team_repositories').select(['team_id', 'repository_id']).execute();
    return teams.map((team) => ({ name: team.name, repositoryIds: members.filter((member) => String(member.team_id) === String(team.id)).map((member) => String(member.repository_id)) }));
  }
}
