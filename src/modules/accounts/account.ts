import type { Role } from '../../platform/access.js';

export interface StaffUser {
  id: string;
  agencyId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  failedLoginCount: number;
  lockedUntil: string | null;
  disabledAt: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface RoleAssignment {
  id: string;
  userId: string;
  role: Role;
  agencyId: string;
}

/**
 * Password rule of the platform (等保 2.0 practice): at least 8 characters drawn from at least
 * three of upper-case letters, lower-case letters, digits and symbols, and not the user name.
 * Returns the problem as a sentence, or null.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < 8) return '密码至少 8 位';
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** Whether the account is locked at `now`. */
export function isLocked(user: Pick<StaffUser, 'lockedUntil'>, now: Date): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now.getTime();
}
