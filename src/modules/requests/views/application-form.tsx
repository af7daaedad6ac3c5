import type { FieldError } from '../../../platform/errors.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../../platform/ui/components.js';
import {
  applicantTypeLabels,
  applicantTypes,
  channelLabels,
  channels,
  deliveryMethodLabels,
  deliveryMethods,
  idTypeLabels,
  idTypes,
  provisionFormLabels,
  provisionForms,
  receiptRuleLabels,
} from '../request.js';

type Values = Record<string, string | undefined>;
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** The application form of 第二十九条, for the citizen (online) and for the clerk (other channels). */
export function ApplicationForm(p: {
  action: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
  agencies: Array<{ id: string; name: string; depth: number }>;
  clerk: boolean;
}) {
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      <SelectField
        name="agencyId"
        label="向哪个机关申请"
        value={p.values.agencyId}
        errors={p.errors}
        required
        options={p.agencies.map((a) => ({ value: a.id, label: `${'　'.repeat(a.depth)}${a.name}` }))}
        placeholder="请选择"
      />
      {p.clerk ? (
        <fieldset class="gk-fieldset">
          <legend>收到申请</legend>
          <SelectField
            name="channel"
            label="申请方式"
            value={p.values.channel}
            errors={p.errors}
            options={options(
              channels.filter((c) => c !== 'online'),
              channelLabels,
            )}
          />
          <TextField
            name="receivedOn"
            label="收到申请之日"
            type="date"
            value={p.values.receivedOn}
            errors={p.errors}
            hint={`按第三十一条：${Object.entries(receiptRuleLabels)
              .filter(([k]) => k !== 'online')
              .map(([k, v]) => `${channelLabels[k as keyof typeof channelLabels]}——${v}`)
              .join('；')}`}
          />
        </fieldset>
      ) : null}
      <fieldset class="gk-fieldset">
        <legend>申请人</legend>
        <SelectField
          name="applicantType"
          label="申请人类型"
          value={p.values.applicantType ?? 'naturalPerson'}
          errors={p.errors}
          options={options(applicantTypes, applicantTypeLabels)}
        />
        <TextField
          name="applicantName"
          label="姓名或名称"
          value={p.values.applicantName}
          errors={p.errors}
          required
          autocomplete="name"
        />
        <TextField
          name="organizationCode"
          label="统一社会信用代码（法人或其他组织填写）"
          value={p.values.organizationCode}
          errors={p.errors}
        />
        <SelectField
          name="idType"
          label="身份证明"
          value={p.values.idType ?? 'residentIdCard'}
          errors={p.errors}
          options={options(idTypes, idTypeLabels)}
        />
        <TextField
          name="idNumber"
          label="身份证明号码"
          value={p.values.idNumber}
          errors={p.errors}
          required
          hint="法人或其他组织填写经办人的身份证明"
        />
        <TextField
          name="phone"
          label="联系电话"
          type="tel"
          value={p.values.phone}
          errors={p.errors}
          required
          autocomplete="tel"
          inputmode="tel"
        />
        <TextField
          name="address"
          label="通讯地址"
          value={p.values.address}
          errors={p.errors}
          autocomplete="street-address"
          hint="选择邮寄时必填"
        />
        <TextField
          name="email"
          label="电子邮箱"
          type="email"
          value={p.values.email}
          errors={p.errors}
          autocomplete="email"
          hint="选择电子邮件时必填"
        />
      </fieldset>
      <fieldset class="gk-fieldset">
        <legend>所需信息</legend>
        <div class={`gk-field${p.errors.some((e) => e.field === 'description') ? ' gk-field--error' : ''}`}>
          <label class="gk-label" for="f-description">
            所需信息的名称、文号或者便于查询的其他特征性描述 <span aria-hidden="true">*</span>
          </label>
          {p.errors
            .filter((e) => e.field === 'description')
            .map((e) => (
              <p class="gk-error-message">{e.message}</p>
            ))}
          <textarea class="gk-textarea" id="f-description" name="description" rows={5}>
            {p.values.description ?? ''}
          </textarea>
        </div>
        <SelectField
          name="provisionForm"
          label="获取信息的形式"
          value={p.values.provisionForm ?? 'electronic'}
          errors={p.errors}
          options={options(provisionForms, provisionFormLabels)}
        />
        <SelectField
          name="deliveryMethod"
          label="获取信息的方式"
          value={p.values.deliveryMethod ?? 'online'}
          errors={p.errors}
          options={options(deliveryMethods, deliveryMethodLabels)}
        />
      </fieldset>
      <div class="gk-actions">
        <button class="gk-button" type="submit">
          {p.clerk ? '登记申请' : '提交申请'}
        </button>
      </div>
    </form>
  );
}
