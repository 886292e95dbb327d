/**
 * Live update pokes. A push that changed rows sends NOTIFY on one channel; every server process
 * LISTENs on it (PostgreSQL delivers across processes, PGlite within its one process) and tells its
 * own event-stream subscribers of the affected teams the latest sequence. Clients then pull.
 */
import type { SqlDatabase, SqlExecutor } from '../storage/sqlDatabase';

export const pokeChannel = 'firebreak_poke';

export type Poke = { latestSeq: number; teamIds: string[] };

type Subscriber = { teamIds: ReadonlySet<string>; send: (poke: Poke) => void };

export class PokeHub {
  private readonly subscribers = new Set<Subscriber>();
  private unlisten: (() => Promise<void>) | null = null;

  static async start(db: SqlDatabase): Promise<PokeHub> {
    const hub = new PokeHub();
    hub.unlisten = await db.listen(pokeChannel, (payload) => hub.deliver(payload));
    return hub;
  }

  /** Queues a poke inside the push transaction: NOTIFY is delivered only if it commits. */
  static async notify(executor: SqlExecutor, poke: Poke): Promise<void> {
    await executor.query('select pg_notify($1, $2)', [pokeChannel, JSON.stringify(poke)]);
  }

  subscribe(teamIds: ReadonlySet<string>, send: (poke: Poke) => void): () => void {
    const subscriber = { teamIds, send };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async stop(): Promise<void> {
    this.subscribers.clear();
    await this.unlisten?.();
    this.unlisten = null;
  }

  private deliver(payload: string): void {
    let poke: Poke;
    try {
      poke = JSON.parse(payload) as Poke;
    } catch {
      return;
    }
    for (const subscriber of this.subscribers) {
      if (poke.teamIds.some((teamId) => subscriber.teamIds.has(teamId))) subscriber.send(poke);
    }
  }
}
