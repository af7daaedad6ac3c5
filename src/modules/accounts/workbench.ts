import type { Ctx } from '../../platform/context.js';
import '../../platform/module.js';

/**
 * The 工作台's panels. Accounts renders the page but knows none of the work: each module that has
 * something waiting for the signed-in member contributes panels in its manifest (`workbench`),
 * scoped by its own policy, and the page asks every installed module (ctx.modules.extensions) —
 * as the annual report asks for its contributions. A module with nothing for this member returns
 * no panel, so a role sees only the work it can do.
 */

/** One line of a panel: a count (or a state) and the filtered list it opens. */
export interface WorkbenchItem {
  /** What is counted or shown, in Chinese (e.g. 已超期). */
  label: string;
  /** How many; absent for a line that states something else (a report's state). */
  count?: number;
  /** The filtered list or page that shows them. */
  href?: string;
  /** A second line in Chinese: a state, a deadline. */
  detail?: string;
  /** Draws the eye: something late or refused. */
  urgent?: boolean;
}

export interface WorkbenchPanel {
  /** Stable key (the contributing module's name, or name/part), for tests and anchors. */
  key: string;
  title: string;
  /** Position on the page: lower first. */
  order: number;
  items: WorkbenchItem[];
  /** Shown under the title (the scope, the year). */
  note?: string;
  /** A link to the module's own page. */
  more?: { href: string; label: string };
  /** Spans the page's width, its lines in columns (a line per agency, say). */
  wide?: boolean;
}

/** A module's contribution: the panels for the actor in `ctx`, none if it has nothing for them. */
export type WorkbenchContribution = (ctx: Ctx) => Promise<WorkbenchPanel[]>;

declare module '../../platform/module.js' {
  interface ModuleExtensions {
    /** Panels of the 工作台 (accounts/workbench.ts): what waits for the signed-in member. */
    workbench?: WorkbenchContribution;
  }
}

/** Every installed module's panels for the actor, in page order. */
export async function workbenchPanels(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const panels: WorkbenchPanel[] = [];
  for (const contribute of ctx.modules.extensions('workbench')) panels.push(...(await contribute(ctx)));
  return panels.sort((a, b) => a.order - b.order);
}
