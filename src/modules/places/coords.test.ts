import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allSystems, convert, distanceMetres } from './coords.js';
import { navLinks, telHref } from './nav-links.js';

// The conversions (issue 16 §2) against the reference transformation, written here from the
// published algorithm (the Krasovsky-ellipsoid GCJ-02 offset and Baidu's BD-09 rotation, as in
// the coordtransform and eviltransform implementations) independently of gcoord, which the
// platform uses. Points outside China's box stay as they are, as the standard does.

const PI = Math.PI;
const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (PI * 3000.0) / 180.0;
const outOfChina = (lng: number, lat: number) =>
  lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
function tLat(x: number, y: number) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * PI) + 320 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  return r;
}
function tLng(x: number, y: number) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  return r;
}
function refGcj(lng: number, lat: number): [number, number] {
  if (outOfChina(lng, lat)) return [lng, lat];
  let dLat = tLat(lng - 105.0, lat - 35.0);
  let dLng = tLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  return [lng + dLng, lat + dLat];
}
function refBd(lng: number, lat: number): [number, number] {
  if (outOfChina(lng, lat)) return [lng, lat];
  const [x, y] = refGcj(lng, lat);
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

const points: Array<[string, number, number]> = [
  ['晋江市行政服务中心', 24.8068, 118.5697],
  ['北京天安门', 39.908692, 116.397477],
  ['上海外滩', 31.240018, 121.490317],
  ['乌鲁木齐', 43.825592, 87.616848],
  ['拉萨', 29.652491, 91.172112],
  ['哈尔滨', 45.803775, 126.534967],
  ['三亚', 18.252847, 109.511909],
];
const TOL = 1e-6;

describe('coordinate conversion (WGS-84 → GCJ-02, BD-09)', () => {
  for (const [name, lat, lng] of points)
    it(`agrees with the reference transformation within 1e-6° at ${name}`, () => {
      const all = allSystems({ lat, lng });
      const [gLng, gLat] = refGcj(lng, lat);
      const [bLng, bLat] = refBd(lng, lat);
      assert.ok(
        Math.abs(all.gcj02.lat - gLat) < TOL && Math.abs(all.gcj02.lng - gLng) < TOL,
        JSON.stringify(all.gcj02),
      );
      assert.ok(
        Math.abs(all.bd09.lat - bLat) < TOL && Math.abs(all.bd09.lng - bLng) < TOL,
        JSON.stringify(all.bd09),
      );
      // The offsets are the few hundred metres the standard is known for, not zero.
      const off = distanceMetres({ lat, lng }, all.gcj02);
      assert.ok(off > 100 && off < 1000, `${name}: GCJ-02 offset ${off} m`);
      assert.deepEqual(all.wgs84, { lat, lng });
    });

  it('leaves points outside China’s box unchanged (Tokyo, London, Sydney, Moscow, the south Indian Ocean)', () => {
    for (const [lat, lng] of [
      [35.681236, 139.767125],
      [51.507351, -0.127758],
      [-33.86882, 151.20929],
      [55.755826, 37.6173],
      [-20, 80],
    ] as const) {
      const all = allSystems({ lat, lng });
      assert.deepEqual(all.gcj02, { lat, lng });
      assert.deepEqual(all.bd09, { lat, lng });
    }
    // The box is the standard's, not a border: Seoul lies inside it and is shifted, as every
    // implementation of the standard shifts it.
    const seoul = allSystems({ lat: 37.566535, lng: 126.977969 });
    const [rLng, rLat] = refGcj(126.977969, 37.566535);
    assert.ok(Math.abs(seoul.gcj02.lat - rLat) < TOL && Math.abs(seoul.gcj02.lng - rLng) < TOL);
    assert.notEqual(seoul.gcj02.lat, 37.566535);
  });

  it('agrees with the reference anywhere in the box, and converts back to within 1e-6°', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 18, max: 53, noNaN: true }),
        fc.double({ min: 74, max: 134, noNaN: true }),
        (lat, lng) => {
          const g = convert({ lat, lng }, 'wgs84', 'gcj02');
          const [rLng, rLat] = refGcj(lng, lat);
          assert.ok(Math.abs(g.lat - rLat) < TOL && Math.abs(g.lng - rLng) < TOL);
          const back = convert(g, 'gcj02', 'wgs84');
          assert.ok(Math.abs(back.lat - lat) < 1e-5 && Math.abs(back.lng - lng) < 1e-5);
          const b = convert({ lat, lng }, 'wgs84', 'bd09');
          const [sLng, sLat] = refBd(lng, lat);
          assert.ok(Math.abs(b.lat - sLat) < TOL && Math.abs(b.lng - sLng) < TOL);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('navigation links', () => {
  it('carry the converted point, each in the order and with the coordinate type its provider reads', () => {
    const p = {
      lat: 24.8511,
      lng: 118.5053,
      name: '磁灶镇综合便民服务中心',
      address: '磁灶镇镇区中心路 1 号',
    };
    const [gLng, gLat] = refGcj(p.lng, p.lat);
    const [bLng, bLat] = refBd(p.lng, p.lat);
    const links = Object.fromEntries(navLinks(p, {}).map((l) => [l.provider, new URL(l.href)]));
    const f = (x: number) => x.toFixed(6);
    // 高德: lng,lat in GCJ-02, coordinate=gaode.
    assert.equal(links.amap!.searchParams.get('position'), `${f(gLng)},${f(gLat)}`);
    assert.equal(links.amap!.searchParams.get('coordinate'), 'gaode');
    assert.equal(links.amap!.searchParams.get('name'), p.name);
    // 百度: lat,lng in BD-09, coord_type=bd09ll.
    assert.equal(links.baidu!.searchParams.get('location'), `${f(bLat)},${f(bLng)}`);
    assert.equal(links.baidu!.searchParams.get('coord_type'), 'bd09ll');
    // 腾讯: coord:lat,lng in GCJ-02, coord_type=2.
    assert.match(
      links.tencent!.searchParams.get('marker')!,
      new RegExp(`^coord:${f(gLat)},${f(gLng)};title:`),
    );
    assert.equal(links.tencent!.searchParams.get('coord_type'), '2');
    // geo: WGS-84 as stored.
    assert.match(links.geo!.href, /^geo:24\.851100,118\.505300\?q=/);
  });
});

describe('telephone links', () => {
  it('dial the first number, an extension after a pause, full-width digits as digits', () => {
    assert.equal(telHref('0595-85681234'), 'tel:059585681234');
    assert.equal(telHref('0595-85681234转8001'), 'tel:059585681234,8001');
    assert.equal(telHref('０５９５－８５６８１２３４'), 'tel:059585681234');
    assert.equal(telHref('0595-85681234、0595-85681235'), 'tel:059585681234');
    assert.equal(telHref('无'), null);
  });
});
