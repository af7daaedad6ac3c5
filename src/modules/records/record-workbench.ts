import type { Ctx } from '../../platform/context.js';
import type { WorkbenchPanel } from '../accounts/index.js';
import { recordStateLabels, type RecordState } from './record.js';
import { scopes, type RecordAction } from './record.policy.js';
import * as repo from './record.repository.js';

/** What waits at each step, and who takes it (record.policy.ts). */
const waiting: ReadonlyArray<{ state: RecordState; step: RecordAction; label: string }> = [
  { state: 'inReview', step: 'review', label: '待保密审查' },
  { state: 'reviewed', step: 'approve', label: '审核通过，待批准发布' },
  { state: 'approved', step: 'publish', label: recordStateLabels.approved },
  { state: 'returned', step: 'draft', label: recordStateLabels.returned },
];

/**
 * 主动公开 on the 工作台: the records waiting for a step the member may take — 保密审查 for the
 * reviewer, approval for the office head, publication and returned drafts for the 公开办 — each
 * a count that opens the list of records in that state. Nothing for a member who takes no step.
 */
export async function recordWorkbench(ctx: Ctx): Promise<WorkbenchPanel[]> {
  const items: WorkbenchPanel['items'] = [];
  for (const w of waiting) {
    const within = scopes(ctx.actor, w.step);
    if (within.length === 0) continue;
    const count = await repo.countInState(ctx.db, { scopes: within, state: w.state });
    items.push({ label: w.label, count, href: `/admin/records?state=${w.state}` });
  }
  if (items.length === 0) return [];
  return [
    {
      key: 'records',
      title: '主动公开待办',
      order: 20,
      items,
      more: { href: '/admin/records', label: '全部信息' },
    },
  ];
}
