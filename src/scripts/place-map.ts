/**
 * `<place-map>`: a light custom element (no map code) that loads the map engine — and with it
 * maplibre-gl — only when the user presses "show the map", or, with `data-open-for-place`, at
 * once when the URL names a place (`?place=<id>`). A static overview in the element
 * (`[data-map-overview]`) gives way to the map while it is shown. It keeps a list of `[data-place]` items in the page in sync with the
 * map: each item gets a "show on map" button (the keyboard way to select a marker), and selecting
 * a marker highlights its item.
 */
import type { MapController, MapPlace } from './place-map-engine';

class PlaceMap extends HTMLElement {
  private controller: MapController | undefined;
  private opening = false;

  connectedCallback(): void {
    this.find('[data-map-nojs]')?.remove();
    const wanted = new URLSearchParams(location.search).get('place');
    if (this.hasAttribute('data-open-for-place') && wanted) {
      void this.open();
      return;
    }
    const button = this.find<HTMLButtonElement>('[data-map-open]');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => void this.open());
  }

  private find<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.querySelector<T>(selector);
  }

  private announce(text: string): void {
    const status = this.find('[data-map-status]');
    if (status) status.textContent = text;
  }

  private items(): HTMLElement[] {
    const list = document.getElementById(this.dataset.list ?? '');
    return list ? [...list.querySelectorAll<HTMLElement>('[data-place]')] : [];
  }

  private places(): MapPlace[] {
    return this.items().map((item) => ({
      id: item.dataset.place ?? '',
      name: item.dataset.name ?? '',
      kind: item.dataset.kind ?? '',
      href: item.dataset.href ?? '',
      lng: Number(item.dataset.lng),
      lat: Number(item.dataset.lat),
      sample: item.dataset.sample ?? null,
    }));
  }

  /** Load the engine and show the map. */
  async open(): Promise<void> {
    if (this.opening || this.controller) return;
    this.opening = true;
    this.find('[data-map-open]')?.setAttribute('hidden', '');
    this.announce(this.dataset.loading ?? '');
    const frame = this.find('[data-map-frame]');
    const canvas = this.find('[data-map-canvas]');
    if (!frame || !canvas) return;
    const overview = this.find('[data-map-overview]');
    overview?.setAttribute('hidden', '');
    frame.hidden = false;
    try {
      const { mountMap } = await import('./place-map-engine');
      this.controller = await mountMap({
        container: canvas,
        places: this.places(),
        openPageLabel: this.dataset.openPage ?? '',
        onSelect: (id) => this.highlight(id),
        onFallback: () => {
          this.dataset.fallback = 'true';
        },
      });
    } catch (error) {
      console.error(error);
      frame.hidden = true;
      overview?.removeAttribute('hidden');
      this.dataset.state = 'failed';
      this.announce(this.dataset.failed ?? '');
      this.opening = false;
      return;
    }
    this.addListButtons();
    this.dataset.state = 'ready';
    const note = this.dataset.fallback === 'true' ? ` ${this.dataset.offline ?? ''}` : '';
    this.announce(`${this.dataset.ready ?? ''}${note}`);
    const wanted = new URLSearchParams(location.search).get('place');
    if (wanted && this.places().some((place) => place.id === wanted)) this.select(wanted);
  }

  private addListButtons(): void {
    for (const item of this.items()) {
      const slot = item.querySelector('[data-map-actions]') ?? item;
      if (slot.querySelector('[data-show-on-map]')) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.dataset.showOnMap = item.dataset.place ?? '';
      button.textContent = this.dataset.showOnMap ?? '';
      button.setAttribute('aria-label', `${item.dataset.name ?? ''}: ${this.dataset.showOnMap ?? ''}`);
      button.addEventListener('click', () => this.select(item.dataset.place ?? ''));
      slot.append(button);
    }
  }

  /** Select a place on the map (from the list or the URL). */
  select(id: string): void {
    if (!this.controller) return;
    this.controller.select(id);
    this.find('[data-map-frame]')?.scrollIntoView({ block: 'nearest' });
  }

  private highlight(id: string): void {
    let name = '';
    for (const item of this.items()) {
      const selected = item.dataset.place === id;
      item.classList.toggle('is-selected', selected);
      if (selected) name = item.dataset.name ?? '';
    }
    this.announce((this.dataset.selected ?? '{name}').replace('{name}', name));
  }
}

if (!customElements.get('place-map')) customElements.define('place-map', PlaceMap);
