import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Document, type OneOrMore, type WriteError } from 'mongodb';

const DUPLICATE_KEY = 11000;

/**
 * An unordered bulk write of guarded upserts (`{_id, position: {$lt: p}}`, upsert). When a document
 * with that `_id` exists at or past the guard's position, the filter matches nothing and the upsert
 * tries to insert a second one: E11000 (duplicate key). But E11000 also comes when two writers
 * insert the same new key at once — one insert wins, whatever its position, and the other gets the
 * error though its write may be the newer one. So every duplicate-key operation is sent again as a
 * guarded update without upsert: it replaces the winner if this write is newer, and changes nothing
 * if a newer one is there. Any other error (a write concern error included) is thrown.
 */
export async function bulkWriteGuarded<Schema extends Document>(
  collection: Pick<Collection<Schema>, 'bulkWrite'>,
  operations: AnyBulkWriteOperation<Schema>[],
): Promise<void> {
  if (operations.length === 0) return;
  try {
    await collection.bulkWrite(operations, { ordered: false });
  } catch (error) {
    const again = guardedUpdatesAfter(error, operations);
    if (again === null) throw error;
    if (again.length > 0) await collection.bulkWrite(again, { ordered: false });
  }
}

/** The operations to send again as updates when `error` holds duplicate-key errors only; `null` otherwise. */
export function guardedUpdatesAfter<Schema extends Document>(
  error: unknown,
  operations: readonly AnyBulkWriteOperation<Schema>[],
): AnyBulkWriteOperation<Schema>[] | null {
  if (!(error instanceof MongoBulkWriteError)) return null;
  if (error.err !== undefined || error.result?.getWriteConcernError?.() !== undefined) return null;
  const writeErrors: readonly WriteError[] = isWriteErrorList(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || !writeErrors.every((writeError) => writeError.code === DUPLICATE_KEY)) return null;
  // An unordered bulk write reports each error at the index of its operation in `operations`.
  return writeErrors.map((writeError) => withoutUpsert(operations[writeError.index]!));
}

function withoutUpsert<Schema extends Document>(operation: AnyBulkWriteOperation<Schema>): AnyBulkWriteOperation<Schema> {
  if ('replaceOne' in operation) return { replaceOne: { ...operation.replaceOne, upsert: false } };
  if ('updateOne' in operation) return { updateOne: { ...operation.updateOne, upsert: false } };
  return operation;
}

function isWriteErrorList(value: OneOrMore<WriteError>): value is readonly WriteError[] {
  return Array.isArray(value);
}
