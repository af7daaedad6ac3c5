import { tick, list } from '../../platform/import/index.js';
import { FieldProblem, object, oneOf, optional, text, type Field } from '../../platform/schema.js';
import { coordSystemLabels, type CoordSystem } from './coords.js';
import { HoursProblem, parseExceptions, parseWeekly, type HoursException, type Interval } from './hours.js';
import {
  coordSourceLabels,
  coordSources,
  placeAccessibility,
  placeAccessibilityLabels,
  placeKindLabels,
  placeKinds,
  placeServiceLabels,
  placeServices,
} from './places.js';

/** A latitude or longitude in decimal degrees (118.5523), within `limit`. */
function degrees(label: string, limit: 90 | 180): Field<number> {
  return {
    label,
    optional: false,
    json: { type: 'number', minimum: -limit, maximum: limit, description: label },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).normalize('NFKC').trim();
      if (!v) throw new FieldProblem(`请填写${l}（可在地图上点选）`);
      if (!/^-?\d{1,3}(\.\d+)?$/.test(v))
        throw new FieldProblem(`${l}“${v}”应为十进制度数，例如 ${limit === 90 ? '24.781234' : '118.552301'}`);
      const n = Number(v);
      if (Math.abs(n) > limit) throw new FieldProblem(`${l}应在 -${limit} 到 ${limit} 之间`);
      return n;
    },
  };
}

function hoursField(label: string, parse: (s: string) => Interval[][]): Field<Interval[][]> {
  return {
    label,
    optional: false,
    json: {
      type: 'string',
      description: `${label}，例如 周一至周五 08:30-12:00,14:30-17:30；周六 09:00-12:00`,
    },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).trim();
      if (!v) throw new FieldProblem(`请填写${l}，例如 周一至周五 08:30-12:00,14:30-17:30`);
      try {
        return parse(v);
      } catch (e) {
        if (e instanceof HoursProblem) throw new FieldProblem(`${l}：${e.message}`);
        throw e;
      }
    },
  };
}

function exceptionsField(label: string): Field<HoursException[]> {
  return {
    label,
    optional: true,
    json: { type: 'string', description: `${label}，每行一项，例如 2026-10-01 至 2026-10-07 闭馆 国庆节` },
    parse(raw, l) {
      const v = raw === undefined || raw === null ? '' : String(raw).trim();
      try {
        return v ? parseExceptions(v) : [];
      } catch (e) {
        if (e instanceof HoursProblem) throw new FieldProblem(`${l}：${e.message}`);
        throw e;
      }
    },
  };
}

/** Several codes written by their Chinese labels (a form's checkboxes send the codes). */
function codes<const V extends string>(
  label: string,
  values: readonly V[],
  labels: Record<V, string>,
): Field<V[]> {
  const inner = list(label, { min: 0, maxItems: values.length });
  return {
    label,
    optional: true,
    json: { type: 'array', items: { type: 'string', enum: [...values] }, description: label },
    parse(raw, l) {
      const out: V[] = [];
      for (const item of inner.parse(raw, l)) {
        const v = values.find((x) => x === item || labels[x] === item);
        if (!v)
          throw new FieldProblem(`${l}中的“${item}”不认识，应为${values.map((x) => labels[x]).join('、')}`);
        if (!out.includes(v)) out.push(v);
      }
      return out;
    },
  };
}

/** A tick whose column a sheet may leave out (then: not ticked). */
const optionalTick = (label: string): Field<boolean> => ({ ...tick(label), optional: true });

const phone = optional(
  text('联系电话', {
    max: 40,
    pattern: /^[0-9０-９()（）\-－\s,，、转]+$/,
    patternMessage: '联系电话只能包含数字、括号、短横线和“转”，例如 0595-85681234',
  }),
);

/** What a clerk fills in for a place (the form and each row of the spreadsheet). */
export const placeFields = {
  kind: oneOf('类型', placeKinds, placeKindLabels),
  name: text('名称', { max: 100 }),
  electronic: optionalTick('电子屏'),
  venue: optional(text('所在场所', { max: 100 })),
  address: text('地址', { max: 200 }),
  lat: degrees('纬度', 90),
  lng: degrees('经度', 180),
  coordSystem: oneOf(
    '坐标系',
    ['wgs84', 'gcj02', 'bd09'] as const satisfies readonly CoordSystem[],
    coordSystemLabels,
  ),
  coordSource: oneOf('坐标来源', coordSources, coordSourceLabels),
  phone,
  services: codes('提供服务', placeServices, placeServiceLabels),
  accessibility: codes('无障碍设施', placeAccessibility, placeAccessibilityLabels),
  weekly: hoursField('开放时间', parseWeekly),
  followCalendar: optionalTick('按法定节假日和调休安排'),
  exceptions: exceptionsField('特别安排'),
  description: optional(text('说明', { max: 1000 })),
};

export const placeSchema = object(placeFields);
export type PlaceInput = ReturnType<typeof placeSchema.parse>;
