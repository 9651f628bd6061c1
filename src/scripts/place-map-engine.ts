/**
 * The map engine, loaded only by `<place-map>` when the map is opened: maplibre-gl (ESM, its
 * worker served as a same-origin hashed file), the basemap from GET /api/places/map-config
 * (GSI vector tiles through the `pmtiles` protocol in production), and the offline style
 * (city boundary + 地区 points, no glyphs or sprites) when none is configured or the basemap
 * fails. Places are clustered circles; selecting one opens a popup with name, kind and link.
 */
import {
  addProtocol,
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapLayerMouseEvent,
  NavigationControl,
  Popup,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl';
// The CSS is linked when the map opens (a `?url` import): a plain CSS import would be hoisted into
// every page that can open the map, adding maplibre's styles to the first load of the list.
import cssUrl from 'maplibre-gl/dist/maplibre-gl.css?url';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/** A place as the map needs it (read from the synced list). */
export interface MapPlace {
  id: string;
  name: string;
  kind: string;
  href: string;
  lng: number;
  lat: number;
  /** The 「サンプル」 badge text when the place is sample data, else null. */
  sample: string | null;
}

/** What `<place-map>` can do with a mounted map. */
export interface MapController {
  select(id: string): void;
  /** The maplibre map (tests and debugging). */
  map: MapLibreMap;
}

interface MountOptions {
  container: HTMLElement;
  places: MapPlace[];
  openPageLabel: string;
  onSelect: (id: string) => void;
  onFallback: () => void;
}

interface MapConfig {
  styleUrl: string | null;
  offlineStyleUrl: string;
}

const SOURCE = 'places';
const CITY_BOUNDS: [number, number, number, number] = [130.82475, 33.02377, 131.09069, 33.45762];
const KEY_COLOUR = '#0031d8';

setWorkerUrl(workerUrl);

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function placesGeoJson(places: MapPlace[]) {
  return {
    type: 'FeatureCollection' as const,
    features: places.map((place) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [place.lng, place.lat] },
      properties: { id: place.id },
    })),
  };
}

/** Add the places source and layers on top of whatever style is loaded. */
function addPlaceLayers(map: MapLibreMap, places: MapPlace[], withLabels: boolean): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, {
    type: 'geojson',
    data: placesGeoJson(places),
    cluster: true,
    clusterRadius: 40,
    clusterMaxZoom: 14,
    attribution: '集いの場：ささえあい日田（一部サンプル）',
  });
  map.addLayer({
    id: 'place-clusters',
    type: 'circle',
    source: SOURCE,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': KEY_COLOUR,
      'circle-opacity': 0.85,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
      'circle-radius': ['step', ['get', 'point_count'], 14, 5, 18, 15, 24],
    },
  });
  if (withLabels) {
    // Counts need glyphs: only with a basemap style that has them (never in the offline style).
    map.addLayer({
      id: 'place-cluster-count',
      type: 'symbol',
      source: SOURCE,
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 14 },
      paint: { 'text-color': '#ffffff' },
    });
  }
  map.addLayer({
    id: 'place-points',
    type: 'circle',
    source: SOURCE,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': '#c20000',
      'circle-radius': 9,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'place-selected',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'id'], ''],
    paint: {
      'circle-color': '#ffd43d',
      'circle-radius': 12,
      'circle-stroke-color': '#000000',
      'circle-stroke-width': 3,
    },
  });
}

function popupContent(place: MapPlace, openPageLabel: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'place-popup';
  const name = document.createElement('p');
  name.className = 'place-popup-name';
  name.textContent = place.name;
  if (place.sample) {
    const badge = document.createElement('span');
    badge.className = 'badge-sample';
    badge.textContent = place.sample;
    name.append(' ', badge);
  }
  const kind = document.createElement('p');
  kind.textContent = place.kind;
  const link = document.createElement('a');
  link.href = place.href;
  link.textContent = `${openPageLabel}：${place.name}`;
  box.append(name, kind, link);
  return box;
}

function loadCss(): Promise<void> {
  if (document.querySelector(`link[href="${cssUrl}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = cssUrl;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => resolve());
    document.head.append(link);
  });
}

/** Create the map in `container` and resolve when it has rendered. */
export async function mountMap(options: MountOptions): Promise<MapController> {
  const { container, places, openPageLabel, onSelect, onFallback } = options;
  await loadCss();
  const config = await fetchJson<MapConfig>('/api/places/map-config');
  const offlineStyle = () => fetchJson<StyleSpecification>(config.offlineStyleUrl);
  let usingOffline = config.styleUrl === null;
  if (!usingOffline) {
    const { Protocol } = await import('pmtiles');
    addProtocol('pmtiles', new Protocol().tile);
  }
  const map = new MapLibreMap({
    container,
    style: config.styleUrl ?? (await offlineStyle()),
    bounds: CITY_BOUNDS,
    fitBoundsOptions: { padding: 16 },
    attributionControl: { compact: false },
    cooperativeGestures: false,
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');

  const switchToOffline = async () => {
    if (usingOffline) return;
    usingOffline = true;
    onFallback();
    map.setStyle(await offlineStyle());
  };
  let tileLoaded = false;
  map.on('sourcedata', (event) => {
    if (event.sourceId !== SOURCE && event.isSourceLoaded) tileLoaded = true;
  });
  map.on('error', (event) => {
    // A basemap that fails before anything of it has loaded (no network, blocked, gone): fall back.
    const sourceId = (event as { sourceId?: string }).sourceId;
    if (!usingOffline && !tileLoaded && sourceId !== SOURCE) void switchToOffline();
  });
  const fallbackTimer = window.setTimeout(() => {
    if (!tileLoaded) void switchToOffline();
  }, 10_000);

  map.on('style.load', () => {
    addPlaceLayers(map, places, !usingOffline && Boolean(map.getStyle().glyphs));
  });

  const popup = new Popup({ closeButton: true, maxWidth: '18rem', offset: 12 });
  const byId = new Map(places.map((place) => [place.id, place]));
  const select = (id: string) => {
    const place = byId.get(id);
    if (!place) return;
    if (map.getLayer('place-selected')) map.setFilter('place-selected', ['==', ['get', 'id'], id]);
    map.easeTo({ center: [place.lng, place.lat], zoom: Math.max(map.getZoom(), 13), duration: 0 });
    popup.setLngLat([place.lng, place.lat]).setDOMContent(popupContent(place, openPageLabel)).addTo(map);
    onSelect(id);
  };

  map.on('click', 'place-points', (event: MapLayerMouseEvent) => {
    const id = event.features?.[0]?.properties?.id as string | undefined;
    if (id) select(id);
  });
  map.on('click', 'place-clusters', (event: MapLayerMouseEvent) => {
    const clusterId = event.features?.[0]?.properties?.cluster_id as number | undefined;
    const source = map.getSource<GeoJSONSource>(SOURCE);
    if (clusterId === undefined || !source) return;
    const center = event.lngLat;
    void source.getClusterExpansionZoom(clusterId).then((zoom) => map.easeTo({ center, zoom }));
  });
  for (const layer of ['place-points', 'place-clusters']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }

  await new Promise<void>((resolve) => {
    if (map.loaded()) resolve();
    else map.once('idle', () => resolve());
  });
  window.clearTimeout(fallbackTimer);
  return { select, map };
}
