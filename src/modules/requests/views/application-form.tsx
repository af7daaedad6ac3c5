import { agencyOptions } from '../../agencies/index.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { PersonalInfoNotice } from '../../../platform/ui/privacy-notice.js';
import {
  applicantTypeLabels,
  applicantTypes,
  deliveryFormatLabels,
  deliveryFormats,
  deliveryMethodLabels,
  deliveryMethods,
  idTypeLabels,
  idTypes,
  receiptRuleLabels,
  submissionChannelLabels,
  submissionChannels,
} from '../request.js';
import { clerkApplicationSchema } from '../request.schemas.js';

type Values = Record<string, string | undefined>;
export type ReceivingAgency = { id: string; name: string; depth: number };
/** Labels come from the schema, so an error message names the field as the form shows it. */
const f = clerkApplicationSchema.shape;
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/**
 * The application form of 第二十九条, for the citizen (online) and for the clerk (other channels);
 * `referral`: for an application made from something another module holds (a 来信, a 12345 工单),
 * whose agency and day of receipt come from it, so the form asks only for the rest.
 */
export function ApplicationForm(p: {
  action: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
  agencies: ReceivingAgency[];
  clerk: boolean;
  referral?: { submitLabel: string };
}) {
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      {p.referral ? null : (
        <SelectField
          name="agencyId"
          label={f.agencyId.label}
          value={p.values.agencyId}
          errors={p.errors}
          required
          options={agencyOptions(p.agencies)}
          placeholder="请选择"
        />
      )}
      {p.clerk && !p.referral ? (
        <fieldset class="gk-fieldset">
          <legend>收到申请</legend>
          <SelectField
            name="submissionChannel"
            label={f.submissionChannel.label}
            value={p.values.submissionChannel}
            errors={p.errors}
            options={options(
              submissionChannels.filter((c) => c !== 'online'),
              submissionChannelLabels,
            )}
          />
          <TextField
            name="receivedOn"
            label={f.receivedOn.label}
            type="date"
            value={p.values.receivedOn}
            errors={p.errors}
            hint={`按第三十一条：${Object.entries(receiptRuleLabels)
              .filter(([k]) => k !== 'online')
              .map(([k, v]) => `${submissionChannelLabels[k as keyof typeof submissionChannelLabels]}——${v}`)
              .join('；')}`}
          />
        </fieldset>
      ) : null}
      <fieldset class="gk-fieldset">
        <legend>申请人</legend>
        <SelectField
          name="applicantType"
          label={f.applicantType.label}
          value={p.values.applicantType ?? 'naturalPerson'}
          errors={p.errors}
          options={options(applicantTypes, applicantTypeLabels)}
        />
        <TextField
          name="applicantName"
          label={f.applicantName.label}
          value={p.values.applicantName}
          errors={p.errors}
          required
          autocomplete="name"
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
          options={options(idTypes, idTypeLabels)}
        />
        <TextField
          name="idNumber"
          label={f.idNumber.label}
          value={p.values.idNumber}
          errors={p.errors}
          required
          hint="法人或其他组织填写经办人的身份证明"
        />
        <TextField
          name="phone"
          label={f.phone.label}
          type="tel"
          value={p.values.phone}
          errors={p.errors}
          required
          autocomplete="tel"
          inputmode="tel"
        />
        <TextField
          name="address"
          label={f.address.label}
          value={p.values.address}
          errors={p.errors}
          autocomplete="street-address"
          hint="选择邮寄时必填"
        />
        <TextField
          name="email"
          label={f.email.label}
          type="email"
          value={p.values.email}
          errors={p.errors}
          autocomplete="email"
          hint="选择电子邮件时必填"
        />
      </fieldset>
      <fieldset class="gk-fieldset">
        <legend>所需信息</legend>
        <TextArea
          name="description"
          field={f.description}
          value={p.values.description}
          errors={p.errors}
          rows={5}
        />
        <SelectField
          name="deliveryFormat"
          label={f.deliveryFormat.label}
          value={p.values.deliveryFormat ?? 'electronic'}
          errors={p.errors}
          options={options(deliveryFormats, deliveryFormatLabels)}
        />
        <SelectField
          name="deliveryMethod"
          label={f.deliveryMethod.label}
          value={p.values.deliveryMethod ?? 'online'}
          errors={p.errors}
          options={options(deliveryMethods, deliveryMethodLabels)}
        />
      </fieldset>
      <PersonalInfoNotice forStaff={p.clerk} />
      <div class="gk-actions">
        <button class="gk-button" type="submit">
          {p.referral?.submitLabel ?? (p.clerk ? '登记申请' : '提交申请')}
        </button>
      </div>
    </form>
  );
}
