import { holdsRoleOver, scopesFor, type Actor, type Role } from '../../platform/access.js';
import { ForbiddenError } from '../../platform/errors.js';

export type CatalogAction = 'read' | 'export' | 'create' | 'edit' | 'import' | 'link' | 'fileRecords';

/** Who keeps a catalog: the 公开办 and its clerks of the agency or any agency above it. */
const keepers: readonly Role[] = ['admin', 'officeHead', 'clerk'];
/** Who may read it in the back office; the portal shows it to everyone. */
const readers: readonly Role[] = [...keepers, 'supervisor'];

const rules: Record<CatalogAction, readonly Role[]> = {
  read: readers,
  // The workbook is the catalog as published (legal.md §5.3): whoever reads it may take it away.
  export: readers,
  // Adopting a template, adding a local domain, a township deriving its own (国办发〔2019〕54号).
  create: keepers,
  edit: keepers,
  import: keepers,
  // Filing a published record under an item, or taking it off.
  link: keepers,
  // Choosing, while drafting a record, the items it will be filed under on publication.
  fileRecords: keepers,
};

/** Every action, in the order the pages offer them. */
export const catalogActions = Object.keys(rules) as CatalogAction[];

/** `subject` is the agency whose catalog is acted on (for `create`, the agency that gets it). */
export function can(actor: Actor, action: CatalogAction, subject: { path: string }): boolean {
  return holdsRoleOver(actor, rules[action], subject.path);
}

export function assertCan(actor: Actor, action: CatalogAction, subject: { path: string }): void {
  if (!can(actor, action, subject)) throw new ForbiddenError();
}

/** What the actor may do with the catalogs of the agency at `path`: what a page offers. */
export function allowedOn(actor: Actor, subject: { path: string }): CatalogAction[] {
  return catalogActions.filter((a) => can(actor, a, subject));
}

/** The subtrees (agency paths) in which the actor may do `action`; for listings. */
export function scopesOf(actor: Actor, action: CatalogAction): string[] {
  return scopesFor(actor, rules[action]);
}
