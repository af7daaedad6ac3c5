import { agencyOptions } from '../../agencies/index.js';
import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  Field,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { LetterPrivacyNotice, WriterFields } from './parts.js';
import { FILE_ACCEPT, FILE_HINT, ReferredApplicationForm } from '../../requests/index.js';
import {
  channelLabels,
  regimeLabels,
  regimes,
  staffChannels,
  ticketTypeLabels,
  ticketTypes,
} from '../message.js';
import { registerSchema } from '../message.schemas.js';

// The back office's forms that make a 来信 or an application: registering a letter, call or
// visit; a letter turned into an application; an application passed to 来信 handling.

type Values = Record<string, string | undefined>;
type Agencies = Array<{ id: string; name: string; depth: number }>;
const pairs = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => ({ value: k, label: labels[k] }));

/** Staff enter a 来信 that came by post, phone, a visit or the hotline. */
export function RegisterPage(p: { csrf: string; values: Values; errors: FieldError[]; agencies: Agencies }) {
  const f = registerSchema.shape;
  return (
    <>
      <h1 class="gk-title">登记来信来访</h1>
      <form
        class="gk-form"
        method="post"
        action="/admin/letters/new"
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <SelectField
          name="channel"
          label={f.channel.label}
          value={p.values.channel}
          errors={p.errors}
          options={pairs(staffChannels, channelLabels)}
        />
        <SelectField
          name="regime"
          label={f.regime.label}
          value={p.values.regime}
          errors={p.errors}
          options={pairs(regimes, regimeLabels)}
          hint="按《信访工作条例》办理的选“信访”"
        />
        <SelectField
          name="agencyId"
          label={f.agencyId.label}
          value={p.values.agencyId}
          errors={p.errors}
          options={agencyOptions(p.agencies)}
          placeholder="请选择"
          required
        />
        <TextField
          name="receivedOn"
          label={f.receivedOn.label}
          type="date"
          value={p.values.receivedOn}
          errors={p.errors}
          required
        />
        <SelectField
          name="ticketType"
          label={f.ticketType.label}
          value={p.values.ticketType}
          errors={p.errors}
          options={pairs(ticketTypes, ticketTypeLabels)}
        />
        <TextField
          name="subject"
          label={f.subject.label}
          value={p.values.subject}
          errors={p.errors}
          required
        />
        <TextArea name="content" field={f.content} value={p.values.content} errors={p.errors} rows={6} />
        <Field
          name="files"
          label="附件（选填）"
          hint={`来信原件扫描件、照片等，${FILE_HINT}`}
          errors={p.errors}
        >
          {(ctl) => <input class="gk-input" type="file" multiple accept={FILE_ACCEPT} {...ctl} />}
        </Field>
        <WriterFields values={p.values} errors={p.errors} staff />
        <label class="gk-checkbox">
          <input
            type="checkbox"
            name="consentPublish"
            value="on"
            checked={p.values.consentPublish === 'on'}
          />{' '}
          来信人单独同意公开来信和答复（已向其宣读同意公开的内容）
        </label>
        <LetterPrivacyNotice forStaff />
        <button class="gk-button" type="submit">
          登记
        </button>
      </form>
    </>
  );
}

/** The application made from a 来信 (第二十九条): the clerk completes what the 来信 does not say. */
export function ConvertPage(p: {
  id: string;
  number: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
}) {
  return (
    <>
      <h1 class="gk-title">来信 {p.number} 转为依申请公开</h1>
      <p class="gk-lead">
        申请由本来信的办理机关受理，收到申请之日为来信收到之日；转办后来信办结，并与申请互相关联。
      </p>
      <ReferredApplicationForm
        action={`/admin/letters/${p.id}/convert`}
        csrf={p.csrf}
        values={p.values}
        errors={p.errors}
        submitLabel="转为依申请公开"
      />
    </>
  );
}

/** 条例第三十九条: an application passed to 来信 handling; the writer and the text come from it. */
export function FromRequestPage(p: {
  requestId: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
}) {
  return (
    <>
      <h1 class="gk-title">政府信息公开申请转来信办理</h1>
      <p class="gk-lead">
        申请内容属于信访、投诉、举报的，转由来信办理：来信人为申请人，来信内容为申请内容，收到之日为收到申请之日。申请本身仍应按第三十九条答复不予处理。
      </p>
      <form class="gk-form" method="post" action={`/admin/letters/from-request/${p.requestId}`} novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <SelectField
          name="regime"
          label="办理制度"
          value={p.values.regime ?? 'petition'}
          errors={p.errors}
          options={pairs(regimes, regimeLabels)}
        />
        <SelectField
          name="ticketType"
          label="诉求类型"
          value={p.values.ticketType ?? 'complaint'}
          errors={p.errors}
          options={pairs(ticketTypes, ticketTypeLabels)}
        />
        <TextField name="subject" label="标题" value={p.values.subject} errors={p.errors} required />
        <button class="gk-button" type="submit">
          转来信办理
        </button>
      </form>
    </>
  );
}
