import { agencyOptions } from '../../agencies/index.js';
import { placeKindLabels, type PlaceKind } from '../places.js';
import type { PlacesPage, PublicPlace } from '../places.service.js';
import { PlaceCard } from './place-card.js';

/** What the map script needs, and nothing personal: the places' public fields. */
function mapData(p: PlacesPage) {
  return {
    workerUrl: '/places/assets/maplibre-gl-csp-worker.js',
    basemap:
      p.basemap.kind === 'tianditu'
        ? { kind: 'tianditu', key: p.basemap.key, reviewNumber: p.basemap.reviewNumber }
        : { kind: 'schematic' },
    near: p.near,
    places: p.places.map((x, i) => ({
      id: x.id,
      no: i + 1,
      name: x.name,
      kind: x.kindLabel,
      address: x.address,
      today: x.today.state,
      lat: x.lat,
      lng: x.lng,
    })),
  };
}

function BasemapNote({ p }: { p: PlacesPage }) {
  if (p.basemap.kind === 'tianditu')
    return (
      <p class="gk-hint">
        底图来源：天地图（国家地理信息公共服务平台）
        {p.basemap.reviewNumber ? `，审图号：${p.basemap.reviewNumber}` : ''}。
      </p>
    );
  return (
    <p class="gk-hint">
      示意图：只标出各地点之间的相对位置，不含底图，不能作为地图使用；到达方式请用各地点的导航按钮。
    </p>
  );
}

/** The public list and map of 查阅点 and 公开栏: the list is the page, the map an addition. */
export function PlacesPageView({ p }: { p: PlacesPage }) {
  const where = !p.agency || p.agency.id === p.rootId ? '全市' : p.agency.name;
  return (
    <>
      <link rel="stylesheet" href="/places/assets/maplibre-gl.css" />
      <link rel="stylesheet" href="/places/assets/places.css" />
      <h1 class="gk-title">政务公开查阅点和公开栏</h1>
      <p class="gk-lead">
        {where}的政府信息公开查阅点、政务公开专区、公开栏和便民服务站，共 {p.places.length}{' '}
        处。可在查阅点免费查阅主动公开的政府信息、提交信息公开申请。每处都列出今天是否开放，点“高德地图”“百度地图”“腾讯地图”可在手机上导航前往。
      </p>
      <form class="gk-filters gk-places-filter" method="get" action="/places">
        <label class="gk-label" for="f-agency">
          地区或机构
        </label>
        <select class="gk-select" id="f-agency" name="agency">
          {agencyOptions(p.agencies).map((o) => (
            <option value={o.value} selected={o.value === p.agency?.id}>
              {o.label}
            </option>
          ))}
        </select>
        <label class="gk-label" for="f-kind">
          类型
        </label>
        <select class="gk-select" id="f-kind" name="kind">
          <option value="">全部类型</option>
          {(Object.keys(placeKindLabels) as PlaceKind[]).map((k) => (
            <option value={k} selected={k === p.kind}>
              {placeKindLabels[k]}
            </option>
          ))}
        </select>
        {p.near ? <input type="hidden" name="near" value={`${p.near.lat},${p.near.lng}`} /> : null}
        <button class="gk-button" type="submit">
          查看
        </button>
        <button class="gk-button gk-button--secondary" type="button" id="gk-near" hidden>
          离我最近
        </button>
      </form>
      <p class="gk-hint" id="gk-near-status" role="status" aria-live="polite">
        {p.near ? '已按与您所在位置的距离排序，最近的在前。' : ''}
      </p>
      <section class="gk-section" aria-label="地图">
        <div
          id="gk-map"
          class="gk-map"
          hidden
          data-map={JSON.stringify(mapData(p))}
          role="region"
          aria-label={`${where}查阅点和公开栏分布图，地点与下方列表编号对应`}
        ></div>
        <BasemapNote p={p} />
      </section>
      <section class="gk-section">
        <h2 class="gk-section__title">地点列表</h2>
        {p.places.length === 0 ? (
          <p>这里还没有登记查阅点或公开栏。</p>
        ) : (
          <ol class="gk-places" id="gk-places">
            {p.places.map((x: PublicPlace, i) => (
              <li class="gk-place" id={`place-${x.id}`}>
                <PlaceCard p={x} index={i + 1} link={true} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <script src="/places/assets/maplibre-gl.js" defer></script>
      <script src="/places/assets/places-map.js" defer></script>
    </>
  );
}

/** A place's own page: everything the list shows, with its photos and notes. */
export function PlaceView({ p }: { p: PublicPlace }) {
  return (
    <>
      <link rel="stylesheet" href="/places/assets/places.css" />
      <article class="gk-place gk-place--page">
        <PlaceCard p={p} link={false} />
        {p.description ? <p class="gk-prewrap">{p.description}</p> : null}
        <p class="gk-muted">
          坐标（WGS-84）：纬度 {p.lat.toFixed(6)}，经度 {p.lng.toFixed(6)}
        </p>
        {p.photos.length ? (
          <section class="gk-section">
            <h2 class="gk-section__title">照片</h2>
            <div class="gk-place__photos">
              {p.photos.map((f) => (
                <figure>
                  <img src={`/places/photos/${f.id}`} alt={f.caption} loading="lazy" />
                  <figcaption>{f.caption}</figcaption>
                </figure>
              ))}
            </div>
          </section>
        ) : null}
        <p>
          <a href={`/places?agency=${encodeURIComponent(p.agencyId)}`}>查看{p.agencyName}的全部地点</a>
        </p>
      </article>
    </>
  );
}
