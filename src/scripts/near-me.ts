/**
 * `<near-me>`: sorts a list of places by distance from the user's position, entirely in the
 * browser. The position is read once with the user's permission and is never sent anywhere.
 */
import { distanceMetres } from '../../api/places/geo';

class NearMe extends HTMLElement {
  connectedCallback(): void {
    const box = this.querySelector<HTMLElement>('[data-near-me]');
    const button = box?.querySelector('button');
    if (!box || !button) return;
    box.hidden = false;
    button.addEventListener('click', () => this.locate());
  }

  private status(text: string): void {
    const status = this.querySelector('[data-near-status]');
    if (status) status.textContent = text;
  }

  private locate(): void {
    if (!('geolocation' in navigator)) {
      this.status(this.dataset.unsupported ?? '');
      return;
    }
    this.status(this.dataset.working ?? '');
    navigator.geolocation.getCurrentPosition(
      (position) => this.sort([position.coords.longitude, position.coords.latitude]),
      () => this.status(this.dataset.denied ?? ''),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  }

  private sort(here: [number, number]): void {
    const list = document.getElementById(this.dataset.list ?? '');
    if (!list) return;
    const items = [...list.querySelectorAll<HTMLElement>(':scope > [data-place]')].map((item) => ({
      item,
      distance: distanceMetres(here, [Number(item.dataset.lng), Number(item.dataset.lat)]),
    }));
    items.sort((a, b) => a.distance - b.distance);
    for (const { item, distance } of items) {
      const label = item.querySelector<HTMLElement>('[data-distance]');
      if (label) {
        label.textContent = (this.dataset.distance ?? '{km}').replace('{km}', (distance / 1000).toFixed(1));
        label.hidden = false;
      }
      list.append(item);
    }
    this.status(this.dataset.done ?? '');
  }
}

if (!customElements.get('near-me')) customElements.define('near-me', NearMe);
