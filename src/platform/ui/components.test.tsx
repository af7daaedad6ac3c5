import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../errors.js';
import { object, optional, text } from '../schema.js';
import { Field, SelectField, TextArea, TextField } from './components.js';

const html = (node: unknown) => String(node);

describe('the form field frame', () => {
  const errors = [{ field: 'phone', message: '联系电话只能包含数字' }];

  it('ties label, hint and error to the control for screen readers', () => {
    const out = html(
      <TextField name="phone" label="联系电话" hint="例如 0595-85662126" value="x" errors={errors} />,
    );
    assert.match(out, /<div class="gk-field gk-field--error">/);
    assert.match(out, /<label class="gk-label" for="f-phone">联系电话<\/label>/);
    assert.match(out, /<p class="gk-hint" id="h-phone">例如 0595-85662126<\/p>/);
    assert.match(out, /<p class="gk-error-message" id="e-phone">联系电话只能包含数字<\/p>/);
    assert.match(out, /<input class="gk-input" id="f-phone" name="phone" type="text" value="x"/);
    assert.match(out, /aria-invalid="true" aria-describedby="h-phone e-phone"/);
  });

  it('leaves the error state and the aria attributes out when there is nothing to say', () => {
    const out = html(<TextField name="phone" label="联系电话" />);
    assert.match(out, /<div class="gk-field">/);
    assert.doesNotMatch(out, /aria-|gk-hint|gk-error-message|required/);
  });

  it('frames a select and a text area the same way', () => {
    const select = html(
      <SelectField
        name="phone"
        label="联系电话"
        hint="选一个"
        errors={errors}
        options={[{ value: 'a', label: '甲' }]}
        value="a"
      />,
    );
    assert.match(
      select,
      /<select class="gk-select" id="f-phone" name="phone" aria-invalid="true" aria-describedby="h-phone e-phone">/,
    );
    assert.match(select, /<option value="a" selected="">甲<\/option>/);
    const area = html(
      <TextArea name="phone" label="联系电话" hint="多行" value={'一\n二'} errors={errors} rows={4} />,
    );
    assert.match(area, /<p class="gk-hint" id="h-phone">多行<\/p>/);
    assert.match(
      area,
      /<textarea class="gk-textarea" id="f-phone" name="phone" rows="4" aria-invalid="true" aria-describedby="h-phone e-phone">一\n二<\/textarea>/,
    );
  });

  it('frames a hand-written control, which receives the props it must carry', () => {
    const out = html(
      <Field
        name="file"
        label="上传附件"
        hint="不超过 20 MB"
        errors={[{ field: 'file', message: '请选择文件' }]}
      >
        {(c) => <input class="gk-input" type="file" {...c} />}
      </Field>,
    );
    assert.match(out, /<label class="gk-label" for="f-file">上传附件<\/label>/);
    assert.match(
      out,
      /<input class="gk-input" type="file" id="f-file" name="file" aria-invalid="true" aria-describedby="h-file e-file"\/>/,
    );
  });

  it('takes label and required mark from the schema field, so the page names the box as the error does', () => {
    const schema = object({ name: text('机构名称'), shortName: optional(text('简称')) });
    const name = html(<TextField name="name" field={schema.shape.name} />);
    assert.match(
      name,
      /<label class="gk-label" for="f-name">机构名称<span aria-hidden="true"> \*<\/span><\/label>/,
    );
    assert.match(name, /required=""/);
    const shortName = html(<TextField name="shortName" field={schema.shape.shortName} />);
    assert.match(shortName, /for="f-shortName">简称<\/label>/);
    assert.doesNotMatch(shortName, /required/);
    assert.throws(
      () => schema.parse({}),
      (e: unknown) => e instanceof ValidationError && e.message.includes('机构名称'),
    );
    const relabelled = html(
      <TextField name="name" field={schema.shape.name} label="新名称" required={false} />,
    );
    assert.match(relabelled, /for="f-name">新名称<\/label>/);
    assert.doesNotMatch(relabelled, /required/);
  });
});
