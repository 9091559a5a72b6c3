import pg from "pg";

/**
 * A pg pool that gets its connections back when PostgreSQL cuts them (failover, restart,
 * pg_terminate_backend). Prisma's pg adapter returns a transaction's connection to the pool only
 * after its COMMIT or ROLLBACK succeeded; on a cut connection both fail, so every transaction in
 * flight kept its slot for ever and, once the pool was full of dead connections, every later
 * request waited without end (tests/postgresql/pool.test.ts). Here a checked-out connection
 * that ends or errors is released at once (and dropped by the pool), and a later release of it is
 * a no-op.
 */
export class RecoveringPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    // waiting for a free connection ends in an error, never in a request that hangs
    super({ connectionTimeoutMillis: 10_000, ...config });
    // An 'error' event without a listener ends the process, and pg-pool listens only while a
    // connection is idle: a server under load died when PostgreSQL cut its connections
    // (tests/postgresql/faults.test.ts caught "Unhandled 'error' event … 57P01"). So every
    // connection has a listener for its whole life; the error itself still reaches whoever uses
    // the connection (its query fails) and the pool drops it.
    this.on("connect", (client) => client.on("error", (err) => console.warn(`PostgreSQL connection lost: ${err.message}`)));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      // pool.query() checks out this way
      super.connect((err, client, done) => {
        if (err || !client) return callback(err, client, done);
        const guarded = releasedWhenEnded(client);
        callback(undefined, guarded, guarded.release);
      });
      return;
    }
    return super.connect().then(releasedWhenEnded);
  }
}

function releasedWhenEnded(client: pg.PoolClient): pg.PoolClient {
  const releaseToPool = client.release;
  let released = false;
  const release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener("end", onEnd);
    client.removeListener("error", onError);
    releaseToPool(err);
  };
  const onEnd = () => release(new Error("PostgreSQL closed a connection in use"));
  // a connection that errors while checked out is done, as on 'end': give its slot back now
  // (the constructor's listener only keeps the error from ending the process)
  const onError = (err: Error) => release(err);
  client.once("end", onEnd);
  client.on("error", onError);
  client.release = release;
  return client;
}
