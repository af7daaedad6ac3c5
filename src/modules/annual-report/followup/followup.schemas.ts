import { date, integer, object, oneOf, optional, text } from '../../../platform/schema.js';

/** Shared by the back-office forms and the services. */

export type TrainingKind = 'training' | 'assessment';
export const trainingKindLabels: Record<TrainingKind, string> = { training: '培训', assessment: '考核' };

export const trainingSchema = object({
  kind: oneOf('类别', ['training', 'assessment'] as const, trainingKindLabels),
  title: text('名称', { max: 200 }),
  heldOn: date('日期'),
  attendees: integer('参加人次', 0, 1_000_000),
  hours: optional(
    text('学时', {
      max: 6,
      pattern: /^\d{1,3}(\.\d)?$/,
      patternMessage: '学时应为不超过三位的数字，可有一位小数，如 2 或 1.5',
    }),
  ),
  note: optional(text('备注', { max: 1000 })),
});

/** 整改 of a problem (glossary: `fix`): not begun, under way, done. */
export type ProblemStatus = 'open' | 'fixing' | 'fixed';
export const problemStatusLabels: Record<ProblemStatus, string> = {
  open: '尚未整改',
  fixing: '整改中',
  fixed: '已整改',
};

export const problemSchema = object({
  text: text('问题', { max: 500 }),
  status: oneOf('整改情况', ['open', 'fixing', 'fixed'] as const, problemStatusLabels),
  measures: optional(text('整改措施', { max: 2000 })),
  fixedOn: optional(date('整改完成日期')),
});

export const newProblemSchema = object({
  text: text('问题', { max: 500 }),
});
