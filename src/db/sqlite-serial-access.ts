// SQLite allows one writer per file, and libsql waits for a busy lock synchronously, blocking Node's
// only thread: two overlapping transactions from one process on two connections would wait on each
// other until the busy timeout. So a process uses one connection, and its statements and transactions
// take turns here, asynchronously. That costs nothing real: libsql runs every statement synchronously on
// the one thread anyway. One connection also lets per-connection settings (synchronous=NORMAL) stick.
// Separate processes (several bot instances on one file) still meet at SQLite's lock and busy timeout.
// Inside a $transaction callback, use the transaction client only: the outer client waits for the turn.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

export class AsyncLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

function lockTransaction(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const done = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "commit" || prop === "rollback") {
        return async () => {
          try {
            await target[prop]();
          } finally {
            done();
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function lockAdapter(adapter: SqlDriverAdapter, lock: AsyncLock): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "queryRaw" || prop === "executeRaw") {
        return (query: SqlQuery) =>
          lock.run(() => (target[prop] as (q: SqlQuery) => Promise<unknown>).call(target, query));
      }
      if (prop === "executeScript") return (script: string) => lock.run(() => target.executeScript(script));
      if (prop === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => {
          const release = await lock.acquire();
          try {
            return lockTransaction(await target.startTransaction(...args), release);
          } catch (error) {
            release();
            throw error;
          }
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Wraps a SQLite adapter factory so that this process's statements and transactions take turns. */
export function withSerialAccess(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const lock = new AsyncLock();
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => lockAdapter(await factory.connect(), lock),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
