import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ValidationError } from './errors.js';
import { date, integer, object, oneOf, optional, patterns, text } from './schema.js';

const levels = ['county', 'township'] as const;
const levelLabels = { county: '县级', township: '乡级' };

const agencyInput = object({
  name: text('机构名称', { max: 10 }),
  code: text('代码', { min: 3, pattern: /^\d+$/, patternMessage: '代码只能由数字组成' }),
  level: oneOf('层级', levels, levelLabels),
  sortOrder: integer('排序号', 0, 999),
  phone: optional(text('联系电话', { pattern: patterns.phone })),
  email: optional(text('电子邮箱', { pattern: patterns.email })),
});

const good = {
  name: '淳安县教育局',
  code: '123',
  level: 'county',
  sortOrder: '5',
  phone: '0571-12345',
  email: 'a@b.cn',
};

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the input to be refused');
}

describe('object().parse', () => {
  it('returns typed, trimmed values for a good input', () => {
    const v = agencyInput.parse({ ...good, name: '  淳安县教育局 ' });
    assert.deepEqual(v, {
      name: '淳安县教育局',
      code: '123',
      level: 'county',
      sortOrder: 5,
      phone: '0571-12345',
      email: 'a@b.cn',
    });
  });

  it('reports every bad field at once, by key, with a Chinese message naming the label', () => {
    const e = validationError(() =>
      agencyInput.parse({
        name: '',
        code: '12',
        level: '省级',
        sortOrder: '1000',
        phone: 'call me',
        email: 'nobody',
      }),
    );
    assert.deepEqual(
      e.fields.map((f) => f.field),
      ['name', 'code', 'level', 'sortOrder', 'phone', 'email'],
    );
    const message = (key: string) => e.fields.find((f) => f.field === key)!.message;
    assert.equal(message('name'), '请填写机构名称');
    assert.equal(message('code'), '代码至少 3 个字符');
    assert.ok(message('level').includes('层级'), message('level'));
    assert.ok(message('sortOrder').includes('排序号'), message('sortOrder'));
    assert.ok(message('phone').includes('联系电话'), message('phone'));
    assert.ok(message('email').includes('电子邮箱'), message('email'));
    for (const f of e.fields)
      assert.ok(e.message.includes(f.message), 'the error message joins every field message');
    assert.equal(e.status, 400);
  });

  it('reports every missing required field of an empty or non-object input', () => {
    for (const input of [{}, undefined, null, 'name=x', 42]) {
      const e = validationError(() => agencyInput.parse(input));
      assert.deepEqual(
        e.fields.map((f) => f.field),
        ['name', 'code', 'level', 'sortOrder'],
        String(input),
      );
    }
  });

  it('reports exactly the fields that were broken (property)', () => {
    const breakers: Record<string, unknown> = { name: '   ', code: 'abc', level: 'nowhere', sortOrder: '-1' };
    fc.assert(
      fc.property(fc.subarray(Object.keys(breakers)), (broken) => {
        const input: Record<string, unknown> = { ...good };
        for (const k of broken) input[k] = breakers[k];
        if (broken.length === 0) {
          assert.doesNotThrow(() => agencyInput.parse(input));
          return;
        }
        const e = validationError(() => agencyInput.parse(input));
        assert.deepEqual(e.fields.map((f) => f.field).sort(), [...broken].sort());
      }),
    );
  });
});

describe('text', () => {
  it('counts characters, not code units, for max', () => {
    const f = text('标题', { max: 3 });
    assert.equal(f.parse('𠀀𠀀𠀀', '标题'), '𠀀𠀀𠀀');
    assert.throws(() => f.parse('甲乙丙丁', '标题'), { message: '标题不能超过 3 个字符' });
  });

  it('uses the custom pattern message', () => {
    const e = validationError(() => agencyInput.parse({ ...good, code: 'abc' }));
    assert.deepEqual(e.fields, [{ field: 'code', message: '代码只能由数字组成' }]);
  });

  it('reports the result of a custom check', () => {
    const s = object({ id: text('编号', { check: (v) => (v.startsWith('G') ? null : '编号应以 G 开头') }) });
    assert.deepEqual(s.parse({ id: 'G1' }), { id: 'G1' });
    assert.deepEqual(validationError(() => s.parse({ id: 'X1' })).fields, [
      { field: 'id', message: '编号应以 G 开头' },
    ]);
  });
});

describe('optional', () => {
  it('turns a missing, null, empty or blank value into null', () => {
    for (const phone of [undefined, null, '', '   ', '\t\n']) {
      const v = agencyInput.parse({ ...good, phone });
      assert.equal(v.phone, null, JSON.stringify(phone));
    }
  });

  it('still validates a value that is present', () => {
    const e = validationError(() => agencyInput.parse({ ...good, email: 'not-an-address' }));
    assert.deepEqual(
      e.fields.map((f) => f.field),
      ['email'],
    );
    assert.ok(e.fields[0]!.message.includes('电子邮箱'));
  });
});

describe('oneOf', () => {
  it('accepts either the value or its Chinese label, returning the value', () => {
    assert.equal(agencyInput.parse({ ...good, level: 'township' }).level, 'township');
    assert.equal(agencyInput.parse({ ...good, level: '乡级' }).level, 'township');
    assert.equal(agencyInput.parse({ ...good, level: ' 县级 ' }).level, 'county');
  });

  it('lists the Chinese labels when refusing a value', () => {
    const e = validationError(() => agencyInput.parse({ ...good, level: '省级' }));
    assert.deepEqual(e.fields, [{ field: 'level', message: '层级应为县级、乡级之一' }]);
  });

  it('asks the user to choose when nothing was chosen', () => {
    const e = validationError(() => agencyInput.parse({ ...good, level: '' }));
    assert.deepEqual(e.fields, [{ field: 'level', message: '请选择层级' }]);
  });

  it('works without labels', () => {
    const s = object({ kind: oneOf('类型', ['a', 'b'] as const) });
    assert.deepEqual(s.parse({ kind: 'b' }), { kind: 'b' });
    assert.deepEqual(validationError(() => s.parse({ kind: 'c' })).fields, [
      { field: 'kind', message: '类型应为a、b之一' },
    ]);
  });
});

describe('integer', () => {
  const f = integer('排序号', 0, 999);

  it('accepts the bounds themselves, as strings or numbers', () => {
    assert.equal(f.parse('0', '排序号'), 0);
    assert.equal(f.parse('999', '排序号'), 999);
    assert.equal(f.parse(42, '排序号'), 42);
    assert.equal(integer('偏移', -10, 10).parse('-10', '偏移'), -10);
  });

  it('refuses just outside the bounds, naming the range', () => {
    assert.throws(() => f.parse('-1', '排序号'), { message: '排序号应在 0 到 999 之间' });
    assert.throws(() => f.parse('1000', '排序号'), { message: '排序号应在 0 到 999 之间' });
  });

  it('refuses non-integers and empty input', () => {
    for (const raw of ['1.5', '1e2', 'abc', '0x10', 1.5])
      assert.throws(() => f.parse(raw, '排序号'), { message: '排序号应为整数' });
    assert.throws(() => f.parse('', '排序号'), { message: '请填写排序号' });
    assert.throws(() => f.parse(undefined, '排序号'), { message: '请填写排序号' });
  });

  it('accepts exactly the integers within [min, max] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -3000, max: 3000 }),
        (a, b, n) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const s = object({ n: integer('数量', min, max) });
          if (n >= min && n <= max) assert.deepEqual(s.parse({ n: String(n) }), { n });
          else
            assert.deepEqual(validationError(() => s.parse({ n })).fields, [
              { field: 'n', message: `数量应在 ${min} 到 ${max} 之间` },
            ]);
        },
      ),
    );
  });
});

describe('date', () => {
  const d = object({ day: date('生效日期') });
  it('accepts a real calendar date', () => {
    assert.deepEqual(d.parse({ day: '2024-02-29' }), { day: '2024-02-29' });
  });
  it('refuses dates that do not exist, naming the field', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10']) {
      const e = validationError(() => d.parse({ day: bad }));
      assert.equal(e.fields[0]!.field, 'day');
      assert.match(e.fields[0]!.message, /生效日期“.*”不是有效日期/);
    }
  });
  it('refuses other shapes with the expected format', () => {
    const e = validationError(() => d.parse({ day: '2024/02/01' }));
    assert.match(e.fields[0]!.message, /生效日期应为 YYYY-MM-DD/);
  });
  it('accepts every real day (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const iso = at.toISOString().slice(0, 10);
          assert.equal(d.parse({ day: iso }).day, iso);
        },
      ),
    );
  });
});

describe('object().json', () => {
  it('produces a JSON Schema with properties and the required list', () => {
    const schema = agencyInput.json();
    assert.equal(schema.type, 'object');
    assert.deepEqual(schema.required, ['name', 'code', 'level', 'sortOrder']);
    const props = schema.properties as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props), ['name', 'code', 'level', 'sortOrder', 'phone', 'email']);
    assert.deepEqual(props.name, { type: 'string', description: '机构名称', maxLength: 10 });
    assert.deepEqual(props.level, { type: 'string', enum: ['county', 'township'], description: '层级' });
    assert.deepEqual(props.sortOrder, { type: 'integer', minimum: 0, maximum: 999, description: '排序号' });
    assert.equal(props.phone!.type, 'string');
  });
});
