import type { FieldError } from '../../../platform/errors.js';
import { ApplicationForm } from './application-form.js';

/**
 * The applicant and the information asked for (第二十九条), for an application made from something
 * another module holds (a 来信, a 12345 工单): the application form without the agency and the day
 * of receipt, which come from it.
 */
export function ReferredApplicationForm(p: {
  action: string;
  csrf: string;
  values: Record<string, string | undefined>;
  errors: FieldError[];
  submitLabel: string;
}) {
  return (
    <ApplicationForm
      action={p.action}
      csrf={p.csrf}
      values={p.values}
      errors={p.errors}
      agencies={[]}
      clerk
      referral={{ submitLabel: p.submitLabel }}
    />
  );
}
