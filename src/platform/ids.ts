import { v7 } from 'uuid';

/** App-generated, time-ordered keys (UUIDv7): no database sequences, safe to merge across shards. */
export function newId(): string {
  return v7();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export function isId(value: string): boolean {
  return uuidPattern.test(value);
}
