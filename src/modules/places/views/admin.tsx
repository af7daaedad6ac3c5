import type { FieldError } from '../../../platform/errors.js';
import { formatDateTime } from '../../../platform/clock.js';
import {
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
  Table,
  TextArea,
  TextField,
  SpreadsheetUpload,
} from '../../../platform/ui/components.js';
import { agencyOptions } from '../../agencies/index.js';
import { coordSystemLabels } from '../coords.js';
import {
  coordSourceLabels,
  placeAccessibilityLabels,
  placeKindLabels,
  placeServiceLabels,
} from '../places.js';
import { placeFields } from '../places.schemas.js';

type Values = Record<string, string | string[] | undefined>;
const str = (v: Values, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const many = (v: Values, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

function Checks(p: {
  name: string;
  legend: string;
  labels: Record<string, string>;
  values: string[];
  errors: FieldError[];
}) {
  const error = p.errors.find((e) => e.field === p.name);
  return (
    <fieldset class="gk-fieldset" id={`f-${p.name}`}>
      <legend>{p.legend}</legend>
      {error ? <p class="gk-error-message">{error.message}</p> : null}
      {Object.entries(p.labels).map(([value, label]) => (
        <label class="gk-checkbox">
          <input type="checkbox" name={p.name} value={value} checked={p.values.includes(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

export interface PlaceFormProps {
  action: string;
  csrf: string;
  values: Values;
  errors: FieldError[];
  /** Agencies the member may add places to (a new place only). */
  agencies?: Array<{ id: string; name: string; depth: number }>;
  /** 天地图's browser key ('' without one): the picker's basemap and its address lookup. */
  tiandituKey: string;
  /** The places already registered in the member's scope: landmarks on the picker's map. */
  reference: Array<{ id: string; name: string; lat: number; lng: number }>;
  submit: string;
}

/** The place's form: the point by clicking the map (or typed, or by address with 天地图), the hours as written on the door. */
export function PlaceForm(p: PlaceFormProps) {
  const v = p.values;
  return (
    <form class="gk-form" method="post" action={p.action} novalidate>
      <link rel="stylesheet" href="/places/assets/maplibre-gl.css" />
      <link rel="stylesheet" href="/places/assets/places.css" />
      <CsrfField token={p.csrf} />
      <ErrorSummary errors={p.errors} />
      {p.agencies ? (
        <SelectField
          name="agency"
          label="所属机构"
          options={agencyOptions(p.agencies)}
          value={str(v, 'agency')}
          errors={p.errors}
        />
      ) : null}
      <SelectField
        name="kind"
        field={placeFields.kind}
        options={options(placeKindLabels)}
        value={str(v, 'kind')}
        errors={p.errors}
      />
      <TextField
        name="name"
        field={placeFields.name}
        value={str(v, 'name')}
        errors={p.errors}
        hint="例如 磁灶镇政务公开查阅点、大埔村村务公开栏"
      />
      <label class="gk-checkbox">
        <input type="checkbox" name="electronic" value="true" checked={str(v, 'electronic') === 'true'} />{' '}
        这是电子屏（信息化宣传屏）
      </label>
      <TextField
        name="venue"
        field={placeFields.venue}
        value={str(v, 'venue')}
        errors={p.errors}
        hint="例如 市档案馆、市图书馆、镇便民服务中心、村委会"
      />
      <TextField
        name="address"
        field={placeFields.address}
        value={str(v, 'address')}
        errors={p.errors}
        hint="写到门牌号，群众照着能找到"
      />
      <fieldset class="gk-fieldset">
        <legend>位置</legend>
        {p.tiandituKey ? (
          <p class="gk-hint">
            在下面的天地图上点一下即可填入坐标，也可以按地址查找；在现场可以用“使用我现在的位置”；也可以填写从其他地图拾取的坐标并选择它的坐标系，保存时统一换算为
            WGS-84。
          </p>
        ) : (
          <p class="gk-hint">
            本站未配置天地图，下面的示意图没有道路，只标出已登记的地点作参照，可点选大致位置。最准确的办法是在现场用手机打开本页，点“使用我现在的位置”；也可以从高德、百度、腾讯地图拾取坐标填入，并选择对应的坐标系，保存时统一换算为
            WGS-84。
          </p>
        )}
        <p>
          <button class="gk-button gk-button--secondary" type="button" id="gk-locate" hidden>
            使用我现在的位置
          </button>{' '}
          <span id="gk-locate-status" role="status" aria-live="polite"></span>
        </p>
        {p.tiandituKey ? (
          <p>
            <button class="gk-button gk-button--secondary" type="button" id="gk-geocode" hidden>
              按地址查找
            </button>{' '}
            <span id="gk-geocode-status" role="status" aria-live="polite"></span>
          </p>
        ) : null}
        <div
          id="gk-map"
          class="gk-map gk-map--pick"
          hidden
          data-map={JSON.stringify({
            workerUrl: '/places/assets/maplibre-gl-csp-worker.js',
            pick: true,
            basemap: p.tiandituKey ? { kind: 'tianditu', key: p.tiandituKey } : { kind: 'schematic' },
            tiandituKey: p.tiandituKey,
            places: p.reference.map((r, i) => ({ ...r, no: i + 1, kind: '', address: '', today: '' })),
          })}
          role="region"
          aria-label="点选位置的地图"
        ></div>
        <TextField
          name="lat"
          field={placeFields.lat}
          value={str(v, 'lat')}
          errors={p.errors}
          inputmode="text"
          hint="例如 24.812345"
        />
        <TextField
          name="lng"
          field={placeFields.lng}
          value={str(v, 'lng')}
          errors={p.errors}
          inputmode="text"
          hint="例如 118.512345"
        />
        <SelectField
          name="coordSystem"
          field={placeFields.coordSystem}
          options={options(coordSystemLabels)}
          value={str(v, 'coordSystem') || 'wgs84'}
          errors={p.errors}
          hint="从高德、腾讯地图拾取的坐标选 GCJ-02，从百度地图拾取的选 BD-09"
        />
        <SelectField
          name="coordSource"
          field={placeFields.coordSource}
          options={options(coordSourceLabels)}
          value={str(v, 'coordSource') || 'map'}
          errors={p.errors}
        />
      </fieldset>
      <TextField
        name="phone"
        field={placeFields.phone}
        value={str(v, 'phone')}
        errors={p.errors}
        type="tel"
        hint="办公电话，例如 0595-85681234"
      />
      <Checks
        name="services"
        legend="提供服务"
        labels={placeServiceLabels}
        values={many(v, 'services')}
        errors={p.errors}
      />
      <Checks
        name="accessibility"
        legend="无障碍设施"
        labels={placeAccessibilityLabels}
        values={many(v, 'accessibility')}
        errors={p.errors}
      />
      <TextField
        name="weekly"
        field={placeFields.weekly}
        value={str(v, 'weekly')}
        errors={p.errors}
        hint="照门口的牌子写，例如 周一至周五 08:30-12:00,14:30-17:30；周六 09:00-12:00。没写到的日子不开放；全天开放写“每天 全天”"
      />
      <label class="gk-checkbox">
        <input
          type="checkbox"
          name="followCalendar"
          value="true"
          checked={str(v, 'followCalendar') === 'true'}
        />{' '}
        按国家法定节假日和调休安排（节假日不开放，调休上班日按周一的时间开放）
      </label>
      <TextArea
        name="exceptions"
        field={placeFields.exceptions}
        value={str(v, 'exceptions')}
        errors={p.errors}
        rows={3}
        hint="每行一项，例如 2026-10-08 闭馆 设备检修，或 2026-02-14 09:00-12:00 春节前半天开放"
      />
      <TextArea
        name="description"
        field={placeFields.description}
        value={str(v, 'description')}
        errors={p.errors}
        rows={3}
        hint="例如 在服务中心一楼东侧，设有 2 台自助查询机"
      />
      <p>
        <button class="gk-button" type="submit">
          {p.submit}
        </button>
      </p>
      <script src="/places/assets/maplibre-gl.js" defer></script>
      <script src="/places/assets/places-map.js" defer></script>
    </form>
  );
}

export interface AdminListRow {
  id: string;
  name: string;
  kindLabel: string;
  agencyName: string;
  address: string;
  open: boolean;
  mayManage: boolean;
  updatedAt: string;
}

export function PlacesAdminList(p: {
  rows: AdminListRow[];
  csrf: string;
  mayAdd: boolean;
  importErrors: FieldError[];
}) {
  return (
    <>
      <p>
        <a href="/places">查看门户网站上的地图和列表</a>
        {p.mayAdd ? (
          <>
            {' · '}
            <a class="gk-button" href="/admin/places/new">
              新增地点
            </a>
          </>
        ) : null}
      </p>
      {p.rows.length === 0 ? (
        <p class="gk-muted">还没有登记地点。</p>
      ) : (
        <Table
          caption="查阅点和公开栏"
          head={['名称', '类型', '所属机构', '地址', '状态', '修改时间', '门户']}
        >
          {p.rows.map((r) => (
            <tr>
              <td>{r.mayManage ? <a href={`/admin/places/${r.id}`}>{r.name}</a> : r.name}</td>
              <td>{r.kindLabel}</td>
              <td>{r.agencyName}</td>
              <td>{r.address}</td>
              <td>{r.open ? '开放' : '已撤销'}</td>
              <td>{formatDateTime(r.updatedAt)}</td>
              <td>{r.open ? <a href={`/places/${r.id}`}>门户页面</a> : null}</td>
            </tr>
          ))}
        </Table>
      )}
      {p.mayAdd ? (
        <section class="gk-section">
          <h2 class="gk-section__title">从表格导入（CSV 或 Excel）</h2>
          <p class="gk-hint">
            第一行为表头：所属机构、类型、名称、电子屏、所在场所、地址、纬度、经度、坐标系、坐标来源、联系电话、提供服务、无障碍设施、开放时间、按法定节假日和调休安排、特别安排、说明。同一机构已有的同名地点按新数据更新；有一处错误则整个文件不导入，并列出出错的行和列。
          </p>
          <SpreadsheetUpload
            action="/admin/places/import"
            csrf={p.csrf}
            errors={p.importErrors}
            label="地点表格"
          />
        </section>
      ) : null}
    </>
  );
}

export function PhotoSection(p: {
  id: string;
  csrf: string;
  photos: Array<{ id: string; caption: string }>;
  errors: FieldError[];
}) {
  return (
    <section class="gk-section">
      <h2 class="gk-section__title">照片</h2>
      {p.photos.length ? (
        <div class="gk-place__photos">
          {p.photos.map((f) => (
            <figure>
              <img src={`/places/photos/${f.id}`} alt={f.caption} />
              <figcaption>
                {f.caption}{' '}
                <PostButton
                  action={`/admin/places/${p.id}/photos/${f.id}/delete`}
                  csrf={p.csrf}
                  label="删除"
                  kind="link"
                />
              </figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <p class="gk-muted">还没有照片。</p>
      )}
      <form
        class="gk-form"
        method="post"
        action={`/admin/places/${p.id}/photos`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} />
        <label class="gk-label" for="f-photo">
          上传照片（JPEG 或 PNG，不超过 5 MB）
        </label>
        <input class="gk-input" id="f-photo" type="file" name="photo" accept="image/jpeg,image/png" />
        <label class="gk-label" for="f-caption">
          照片说明
        </label>
        <input class="gk-input" id="f-caption" type="text" name="caption" maxlength={100} />
        <p>
          <button class="gk-button" type="submit">
            上传
          </button>
        </p>
      </form>
    </section>
  );
}
