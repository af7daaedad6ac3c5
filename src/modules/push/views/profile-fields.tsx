import type { FieldError } from '../../../platform/errors.js';
import { Field, SelectField, TextField } from '../../../platform/ui/components.js';
import { allClasses, industryByCode } from '../industry.js';
import {
  ageBandLabels,
  channelLabels,
  channels,
  enterpriseTags,
  frequencies,
  frequencyLabels,
  identityTags,
  scaleLabels,
  scales,
  tagConsentWording,
  type SubscriberKind,
} from '../push.js';

export type Values = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function Checks(p: {
  name: string;
  legend: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  values: string[];
  errors: FieldError[];
}) {
  const error = p.errors.find((e) => e.field === p.name)?.message;
  return (
    <fieldset class={`gk-fieldset${error ? ' gk-field--error' : ''}`}>
      <legend>{p.legend}</legend>
      {error ? <p class="gk-error-message">{error}</p> : null}
      {p.options.map((o) => (
        <label class="gk-checkbox">
          <input type="checkbox" name={p.name} value={o.value} checked={p.values.includes(o.value)} />{' '}
          {o.label}
          {o.hint ? <span class="gk-hint"> {o.hint}</span> : null}
        </label>
      ))}
    </fieldset>
  );
}

/** The datalist of the 1,382 classes: typing a name or a code suggests “C3311 金属结构制造”. */
function IndustryList() {
  return (
    <datalist id="industry-classes">
      {allClasses().map((c) => {
        const e = industryByCode(c)!;
        return <option value={`${e.section}${c} ${e.name}`} />;
      })}
    </datalist>
  );
}

/** The profile fields of a subscription, for one kind (server-rendered per kind: no script needed). */
export function ProfileFields(p: {
  kind: SubscriberKind;
  values: Values;
  errors: FieldError[];
  regions: Array<{ id: string; name: string; depth: number }>;
  editing?: boolean;
}) {
  const v = p.values;
  const regionOptions = p.regions.map((r) => ({
    value: r.id,
    label: `${'　'.repeat(Math.max(0, r.depth))}${r.name}`,
  }));
  return (
    <>
      {p.kind === 'enterprise' ? (
        <>
          <TextField name="name" label="企业名称" value={one(v.name)} errors={p.errors} required />
          <TextField
            name="creditCode"
            label="统一社会信用代码"
            value={one(v.creditCode)}
            errors={p.errors}
            hint="18 位，见营业执照"
            required
          />
          <Field
            name="industry"
            label="所属行业"
            errors={p.errors}
            hint="《国民经济行业分类》（GB/T 4754-2017）小类：输入名称或代码后从提示中选择，如“金属结构制造”"
            required
          >
            {(c) => (
              <input
                class="gk-input"
                {...c}
                list="industry-classes"
                value={one(v.industry)}
                autocomplete="off"
              />
            )}
          </Field>
          <IndustryList />
          <TextField
            name="staff"
            label="从业人员（人）"
            value={one(v.staff)}
            errors={p.errors}
            inputmode="numeric"
          />
          <TextField
            name="revenue"
            label="上年营业收入（万元）"
            value={one(v.revenue)}
            errors={p.errors}
            inputmode="numeric"
          />
          <TextField
            name="assets"
            label="资产总额（万元）"
            value={one(v.assets)}
            errors={p.errors}
            inputmode="numeric"
            hint="建筑业、房地产开发经营、租赁和商务服务业按资产总额划型"
          />
          <SelectField
            name="scaleDeclared"
            label="自报企业规模"
            value={one(v.scaleDeclared)}
            placeholder="不填"
            options={scales.map((s) => ({ value: s, label: scaleLabels[s] }))}
            errors={p.errors}
            hint="平台按《中小企业划型标准规定》自动计算规模；自报规模仅供参考"
          />
          <Checks
            name="enterpriseTags"
            legend="资质标签（可多选）"
            options={enterpriseTags.map((t) => ({ value: t.code, label: t.label }))}
            values={many(v.enterpriseTags)}
            errors={p.errors}
          />
        </>
      ) : null}
      {p.kind === 'citizen' ? (
        <>
          <TextField
            name="birthYear"
            label="出生年份"
            value={one(v.birthYear)}
            errors={p.errors}
            inputmode="numeric"
            hint={`只用于判断年龄段（${Object.values(ageBandLabels).join('、')}），不需要出生日期`}
          />
          <fieldset class="gk-fieldset">
            <legend>特定身份（自愿填写，可多选）</legend>
            <p class="gk-hint">标有“敏感”的身份属于敏感个人信息，须另行勾选单独同意；不选也可以订阅。</p>
            {identityTags.map((t) => {
              const error = p.errors.find((e) => e.field === `consent_${t.code}`)?.message;
              return (
                <div class={error ? 'gk-field--error' : ''}>
                  <label class="gk-checkbox">
                    <input
                      type="checkbox"
                      name="identityTags"
                      value={t.code}
                      checked={many(v.identityTags).includes(t.code)}
                    />{' '}
                    {t.label}
                    {t.sensitive ? <span class="gk-tag">敏感</span> : null}
                  </label>
                  {t.sensitive ? (
                    <label class="gk-checkbox gk-checkbox--nested">
                      <input
                        type="checkbox"
                        name={`consent_${t.code}`}
                        value="1"
                        checked={one(v[`consent_${t.code}`]) === '1'}
                      />{' '}
                      <span class="gk-hint">{tagConsentWording(t.label)}</span>
                    </label>
                  ) : null}
                  {error ? <p class="gk-error-message">{error}</p> : null}
                </div>
              );
            })}
          </fieldset>
        </>
      ) : null}
      {p.kind !== 'topics' ? (
        <SelectField
          name="regionId"
          label="所在区域"
          value={one(v.regionId)}
          placeholder="请选择"
          options={regionOptions}
          errors={p.errors}
        />
      ) : null}
      <TextField
        name="mobile"
        label="手机号（选填）"
        value={one(v.mobile)}
        errors={p.errors}
        type="tel"
        inputmode="tel"
      />
      <SelectField
        name="frequency"
        label="推送频率"
        value={one(v.frequency) || 'immediate'}
        options={frequencies.map((f) => ({ value: f, label: frequencyLabels[f] }))}
        errors={p.errors}
      />
      <Checks
        name="channels"
        legend="接收方式"
        options={channels
          .filter((c) => c !== 'webhook' || p.kind === 'enterprise')
          .map((c) => ({ value: c, label: channelLabels[c] }))}
        values={many(v.channels).length ? many(v.channels) : ['email', 'inbox']}
        errors={p.errors}
      />
      {p.kind === 'enterprise' ? (
        <TextField
          name="webhookUrl"
          label="企业系统接收地址（选择“企业系统接口”时填写）"
          value={one(v.webhookUrl)}
          errors={p.errors}
          hint="企业自己的信息系统自动接收推送时填写，由技术人员提供；对接说明和签名密钥在“我的订阅”中查看"
        />
      ) : null}
      {p.kind !== 'topics' ? (
        <label class="gk-checkbox">
          <input
            type="checkbox"
            name="profiling"
            value="1"
            checked={one(v.profiling) === '1' || (!p.editing && !v.kind)}
          />{' '}
          按画像推送：由平台根据上面的画像自动匹配政策（可随时关闭，关闭后只按关注的主题推送）
        </label>
      ) : null}
    </>
  );
}
