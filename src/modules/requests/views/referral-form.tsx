import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import {
  applicantTypeLabels,
  applicantTypes,
  deliveryFormatLabels,
  deliveryFormats,
  deliveryMethodLabels,
  deliveryMethods,
  idTypeLabels,
  idTypes,
} from '../request.js';
import { clerkApplicationSchema } from '../request.schemas.js';

type Values = Record<string, string | undefined>;
const f = clerkApplicationSchema.shape;
const o = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/**
 * The applicant and the information asked for (第二十九条), for an application made from something
 * another module holds (a 来信, a 12345 工单): the agency and the day of receipt come from it, so
 * the form asks only for the rest, started with what it already knows.
 */
export function ReferredApplicationForm(p: {
  action: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
  submitLabel: string;
}) {
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      <SelectField
        name="applicantType"
        label={f.applicantType.label}
        value={p.values.applicantType ?? 'naturalPerson'}
        errors={p.errors}
        options={o(applicantTypes, applicantTypeLabels)}
      />
      <TextField
        name="applicantName"
        label={f.applicantName.label}
        value={p.values.applicantName}
        errors={p.errors}
        required
      />
      <TextField
        name="organizationCode"
        label={f.organizationCode.label}
        value={p.values.organizationCode}
        errors={p.errors}
        hint="法人或其他组织填写"
      />
      <SelectField
        name="idType"
        label={f.idType.label}
        value={p.values.idType ?? 'residentIdCard'}
        errors={p.errors}
        options={o(idTypes, idTypeLabels)}
      />
      <TextField
        name="idNumber"
        label={f.idNumber.label}
        value={p.values.idNumber}
        errors={p.errors}
        required
      />
      <TextField
        name="phone"
        label={f.phone.label}
        type="tel"
        value={p.values.phone}
        errors={p.errors}
        required
      />
      <TextField name="address" label={f.address.label} value={p.values.address} errors={p.errors} />
      <TextField name="email" label={f.email.label} type="email" value={p.values.email} errors={p.errors} />
      <TextArea
        name="description"
        label={f.description.label}
        value={p.values.description}
        errors={p.errors}
        rows={5}
        required
      />
      <SelectField
        name="deliveryFormat"
        label={f.deliveryFormat.label}
        value={p.values.deliveryFormat ?? 'electronic'}
        errors={p.errors}
        options={o(deliveryFormats, deliveryFormatLabels)}
      />
      <SelectField
        name="deliveryMethod"
        label={f.deliveryMethod.label}
        value={p.values.deliveryMethod ?? 'online'}
        errors={p.errors}
        options={o(deliveryMethods, deliveryMethodLabels)}
      />
      <button class="gk-button" type="submit">
        {p.submitLabel}
      </button>
    </form>
  );
}
