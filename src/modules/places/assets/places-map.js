// The places' map (issue 16 §2), an addition to the list the page already is: without this
// script, or without WebGL, the page stays a list with addresses, hours and navigation links.
// The basemap is 天地图 when the site has a key, otherwise a schematic view with no tiles at all
// (no third-party map may be shown on a government site without a 审图号). Points are WGS-84,
// which is what 天地图 (CGCS2000) and the browser's geolocation use: nothing is converted here.
// On the back-office form the map is a picker: a click fills in the latitude and longitude.
(function () {
  'use strict';
  var el = document.getElementById('gk-map');
  if (!el) return;
  var data = JSON.parse(el.getAttribute('data-map') || '{}');

  // "离我最近": the browser's position (WGS-84), sent to the server, which sorts the list.
  var nearButton = document.getElementById('gk-near');
  var nearStatus = document.getElementById('gk-near-status');
  if (nearButton && navigator.geolocation) {
    nearButton.hidden = false;
    nearButton.addEventListener('click', function () {
      if (nearStatus) nearStatus.textContent = '正在获取您的位置……';
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          var url = new URL(window.location.href);
          url.searchParams.set(
            'near',
            pos.coords.latitude.toFixed(6) + ',' + pos.coords.longitude.toFixed(6),
          );
          window.location.assign(url.toString() + '#gk-places');
        },
        function () {
          if (nearStatus)
            nearStatus.textContent =
              '无法获取您的位置，请在上方选择所在的镇（街道），或允许浏览器使用位置信息后再试。';
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
      );
    });
  }

  function webgl() {
    try {
      var c = document.createElement('canvas');
      return !!(c.getContext('webgl2') || c.getContext('webgl'));
    } catch {
      return false;
    }
  }
  if (!window.maplibregl || !webgl()) return;
  var gl = window.maplibregl;
  gl.setWorkerUrl(data.workerUrl);

  var tianditu = data.basemap ? data.basemap.kind === 'tianditu' : !!data.tianditu;
  var key = data.basemap && data.basemap.key;
  function tiles(layer) {
    var list = [];
    for (var i = 0; i < 8; i++)
      list.push(
        'https://t' +
          i +
          '.tianditu.gov.cn/' +
          layer +
          '_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=' +
          layer +
          '&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=' +
          key,
      );
    return list;
  }
  var style = {
    version: 8,
    sources: {},
    layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f6' } }],
  };
  if (tianditu && key) {
    style.sources.vec = { type: 'raster', tiles: tiles('vec'), tileSize: 256, maxzoom: 18 };
    style.sources.cva = { type: 'raster', tiles: tiles('cva'), tileSize: 256, maxzoom: 18 };
    style.layers.push(
      { id: 'vec', type: 'raster', source: 'vec' },
      { id: 'cva', type: 'raster', source: 'cva' },
    );
  }

  var places = data.places || [];
  var bounds = null;
  // Asked for the nearest: the person and the three nearest places; otherwise every place.
  var framed = data.near ? [{ lat: data.near.lat, lng: data.near.lng }].concat(places.slice(0, 3)) : places;
  framed.forEach(function (p) {
    bounds = bounds ? bounds.extend([p.lng, p.lat]) : new gl.LngLatBounds([p.lng, p.lat], [p.lng, p.lat]);
  });
  var picked = null;
  if (data.pick) {
    var lat = parseFloat(document.getElementById('f-lat').value);
    var lng = parseFloat(document.getElementById('f-lng').value);
    if (isFinite(lat) && isFinite(lng)) picked = [lng, lat];
  }
  el.hidden = false;
  // 天地图's tiles carry their source and 审图号 on the map itself (地图管理条例第二十二条).
  var review = data.basemap && data.basemap.reviewNumber;
  var options = {
    container: el,
    style: style,
    maxZoom: 18,
    attributionControl:
      tianditu && key
        ? { compact: false, customAttribution: '天地图' + (review ? ' 审图号：' + review : '') }
        : false,
    cooperativeGestures: !data.pick,
  };
  if (bounds && framed.length > 1) options.bounds = bounds;
  else {
    options.center = picked || (places[0] ? [places[0].lng, places[0].lat] : [118.552, 24.781]);
    options.zoom = picked || places[0] ? 15 : 10;
  }
  if (bounds && framed.length > 1) options.fitBoundsOptions = { padding: 40, maxZoom: 15 };
  var map;
  try {
    map = new gl.Map(options);
  } catch {
    el.hidden = true;
    return;
  }
  map.addControl(new gl.NavigationControl({ showCompass: false }));
  map.addControl(new gl.ScaleControl({ unit: 'metric' }));

  function text(tag, value, cls) {
    var n = document.createElement(tag);
    n.textContent = value;
    if (cls) n.className = cls;
    return n;
  }

  places.forEach(function (p) {
    var m = document.createElement('button');
    m.type = 'button';
    m.className = 'gk-map-marker';
    m.textContent = String(p.no);
    m.setAttribute('aria-label', p.no + '. ' + p.name);
    var box = document.createElement('div');
    box.appendChild(text('strong', p.name));
    // On the picker the registered places are landmarks only: their names.
    if (!data.pick) {
      box.appendChild(text('p', p.kind));
      box.appendChild(text('p', p.address));
      box.appendChild(text('p', p.today));
      var link = text('a', '查看详情和导航');
      link.href = '#place-' + p.id;
      box.appendChild(link);
    }
    var popup = new gl.Popup({ offset: 18, maxWidth: '260px' }).setDOMContent(box);
    new gl.Marker({ element: m }).setLngLat([p.lng, p.lat]).setPopup(popup).addTo(map);
  });
  if (data.near) {
    var me = text('span', '', 'gk-map-me');
    me.setAttribute('aria-label', '您的位置');
    new gl.Marker({ element: me }).setLngLat([data.near.lng, data.near.lat]).addTo(map);
  }

  if (data.pick) {
    var pin = null;
    var locate = document.getElementById('gk-locate');
    var locateStatus = document.getElementById('gk-locate-status');
    var latInput = document.getElementById('f-lat');
    var lngInput = document.getElementById('f-lng');
    var system = document.getElementById('f-coordSystem');
    var source = document.getElementById('f-coordSource');
    var place = function (lngLat) {
      if (!pin) pin = new gl.Marker({ color: '#b3261e' }).setLngLat(lngLat).addTo(map);
      else pin.setLngLat(lngLat);
    };
    if (picked) place(picked);
    // At the place itself, on a phone: the device's position (WGS-84), recorded as 现场定位.
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener('click', function () {
        locateStatus.textContent = '正在获取位置……';
        navigator.geolocation.getCurrentPosition(
          function (pos) {
            var ll = [pos.coords.longitude, pos.coords.latitude];
            latInput.value = ll[1].toFixed(6);
            lngInput.value = ll[0].toFixed(6);
            if (system) system.value = 'wgs84';
            if (source) source.value = 'survey';
            place(ll);
            map.flyTo({ center: ll, zoom: 16 });
            locateStatus.textContent =
              '已填入您现在的位置（精度约 ' + Math.round(pos.coords.accuracy) + ' 米）';
          },
          function () {
            locateStatus.textContent = '无法获取位置，请允许浏览器使用位置信息，或在地图上点选';
          },
          { enableHighAccuracy: true, timeout: 20000, maximumAge: 0 },
        );
      });
    }
    map.on('click', function (e) {
      latInput.value = e.lngLat.lat.toFixed(6);
      lngInput.value = e.lngLat.lng.toFixed(6);
      if (system) system.value = 'wgs84';
      if (source) source.value = 'map';
      place(e.lngLat);
    });
    // 按地址查找 with 天地图's geocoder, only where the site has a key (the page allows its host).
    var geocode = document.getElementById('gk-geocode');
    var status = document.getElementById('gk-geocode-status');
    if (geocode && data.tiandituKey) {
      geocode.hidden = false;
      geocode.addEventListener('click', function () {
        var address = document.getElementById('f-address').value.trim();
        if (!address) {
          status.textContent = '请先填写地址';
          return;
        }
        status.textContent = '正在查找……';
        fetch(
          'https://api.tianditu.gov.cn/geocoder?ds=' +
            encodeURIComponent(JSON.stringify({ keyWord: address })) +
            '&tk=' +
            data.tiandituKey,
        )
          .then(function (r) {
            return r.json();
          })
          .then(function (j) {
            if (!j || !j.location) throw new Error('none');
            var ll = [Number(j.location.lon), Number(j.location.lat)];
            latInput.value = ll[1].toFixed(6);
            lngInput.value = ll[0].toFixed(6);
            if (system) system.value = 'wgs84';
            if (source) source.value = 'address';
            place(ll);
            map.flyTo({ center: ll, zoom: 16 });
            status.textContent = '已按地址找到位置，请在地图上核对，必要时点选更准确的位置';
          })
          .catch(function () {
            status.textContent = '没有找到这个地址，请在地图上点选';
          });
      });
    }
  }
})();
