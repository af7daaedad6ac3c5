import type { FieldError } from '../../../platform/errors.js';
import {
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { validityLabels } from '../record.js';
import type { DraftPage } from '../record-workflow.service.js';
import { subjectCategoryTree } from '../subject-category.js';

/** 主题分类 as the form offers it: a class, or a class with its sub-class. */
const subjectOptions = subjectCategoryTree.flatMap((c) =>
  c.children.length
    ? c.children.map((sub) => ({ value: `${c.name}\\${sub}`, label: `${c.name} › ${sub}` }))
    : [{ value: c.name, label: c.name }],
);

/** The form of a new draft, with what was typed and what was wrong when it comes back. */
export function RecordForm(p: {
  page: DraftPage;
  values: Record<string, string>;
  errors: FieldError[];
  csrf: string;
}) {
  const { page, values, errors } = p;
  const itemError = errors.find((e) => e.field === 'catalogItemId');
  return (
    <>
      <h1 class="gk-title">起草主动公开信息</h1>
      <form class="gk-form" method="post" action="/admin/records" novalidate>
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={errors} />
        <SelectField
          name="agencyId"
          label="发布机构"
          value={values.agencyId}
          errors={errors}
          options={agencyOptions(page.agencies)}
        />
        <TextField name="title" label="标题" value={values.title} errors={errors} required />
        <TextField
          name="documentNumber"
          label="文号"
          hint="如 晋政文〔2020〕12号；非公文可不填"
          value={values.documentNumber}
          errors={errors}
        />
        <TextField
          name="writtenDate"
          label="成文日期"
          type="date"
          value={values.writtenDate}
          errors={errors}
        />
        <TextField
          name="dateFormedOrChanged"
          label="形成（变更）日期"
          hint="条例第二十六条：自形成或者变更之日起 20 个工作日内公开"
          type="date"
          value={values.dateFormedOrChanged ?? page.today}
          errors={errors}
          required
        />
        <SelectField
          name="subjectCategory"
          label="主题分类"
          value={values.subjectCategory}
          errors={errors}
          placeholder="（不分类）"
          options={subjectOptions}
        />
        <TextField
          name="genre"
          label="体裁分类"
          hint="如 通知、公告、规范性文件"
          value={values.genre}
          errors={errors}
        />
        <SelectField
          name="validity"
          label="有效性"
          value={values.validity ?? 'inForce'}
          errors={errors}
          options={Object.entries(validityLabels).map(([value, label]) => ({ value, label }))}
        />
        {page.catalogItems.length ? (
          <div class={`gk-field${itemError ? ' gk-field--error' : ''}`}>
            <label class="gk-label" for="f-catalogItemId">
              目录事项
            </label>
            <p class="gk-hint">按基层政务公开标准目录归类；发布后信息列在门户该事项之下</p>
            {itemError ? <p class="gk-error-message">{itemError.message}</p> : null}
            <select class="gk-select" id="f-catalogItemId" name="catalogItemId">
              <option value="">（不归入标准目录）</option>
              {page.catalogItems.map((g) => (
                <optgroup label={g.label}>
                  {g.items.map((i) => (
                    <option value={i.id} selected={i.id === values.catalogItemId}>
                      {i.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        ) : null}
        <TextField
          name="interprets"
          label="解读的文件"
          hint="发布政策解读时填写所解读文件的索引号或文号，两者将互相链接"
          value={values.interprets}
          errors={errors}
        />
        <TextField
          name="repeals"
          label="废止的文件"
          hint="本文件废止此前发布的文件时填写其索引号或文号；本文件发布时，原文件自动标为废止"
          value={values.repeals}
          errors={errors}
        />
        <TextField
          name="amends"
          label="修改的文件"
          hint="本文件修改此前发布的文件时填写其索引号或文号；两者将互相链接"
          value={values.amends}
          errors={errors}
        />
        <TextField name="keywords" label="主题词" value={values.keywords} errors={errors} />
        <TextField name="summary" label="内容概述" value={values.summary} errors={errors} />
        <TextArea
          name="body"
          label="正文"
          hint="可直接粘贴 Word 中的文字；格式会保留标题、段落、列表和表格"
          value={values.body}
          errors={errors}
          rows={14}
          required
        />
        <button class="gk-button" type="submit">
          保存草稿
        </button>
      </form>
    </>
  );
}
