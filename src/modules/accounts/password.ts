import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id in @node-rs/argon2's const enum; spelled out because const enums cannot cross modules.
const ARGON2ID = 2;

/** argon2id with the library's OWASP-recommended defaults (m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the user name is unknown, so that a wrong user name takes as
 * long as a wrong password and does not reveal which accounts exist.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches-Aa1!');
  return decoy;
}
