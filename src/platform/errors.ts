/**
 * Errors that cross the boundary between domain code and the doors (pages, API, CLI).
 * Messages are Chinese and meant for users; they never carry stack traces or SQL.
 */

export interface FieldError {
  /** The input field, as named in the schema (e.g. `creditCode`). */
  field: string;
  /** Chinese message naming what is wrong with it. */
  message: string;
}

export class ValidationError extends Error {
  readonly status = 400;
  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => f.message).join('；'));
    this.name = 'ValidationError';
  }
  static one(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = '您没有权限执行此操作') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = '未找到该记录') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class UnauthenticatedError extends Error {
  readonly status = 401;
  constructor(message = '请先登录') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export type DomainError =
  ValidationError | ForbiddenError | NotFoundError | ConflictError | UnauthenticatedError;

export function isDomainError(e: unknown): e is DomainError {
  return (
    e instanceof ValidationError ||
    e instanceof ForbiddenError ||
    e instanceof NotFoundError ||
    e instanceof ConflictError ||
    e instanceof UnauthenticatedError
  );
}
