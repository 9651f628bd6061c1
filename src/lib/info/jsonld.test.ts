/** Structured data keeps to confirmed facts: no sample phone numbers, the right service type. */
import { describe, expect, it } from 'vitest';
import { readContentJson } from './content-files.ts';
import { internationalPhone, windowJsonLd } from './jsonld.ts';
import { windowSchema } from './schema.ts';

const site = new URL('https://sasaeai.example.jp');
const load = (id: string) => windowSchema.parse(readContentJson(`windows/${id}.json`));

describe('windowJsonLd', () => {
  it('describes a city window as a GovernmentService without its sample phone number', () => {
    const data = windowJsonLd(load('hita-seikatsu'), 'ja', site);
    expect(data['@type']).toBe('GovernmentService');
    expect(data.url).toBe('https://sasaeai.example.jp/windows/hita-seikatsu');
    expect(JSON.stringify(data)).not.toContain('0973-00');
    expect(JSON.stringify(data)).not.toContain('telephone');
  });

  it('describes the Social Welfare Council window as a Service provided by an Organization', () => {
    const data = windowJsonLd(load('shakyo'), 'en', site);
    expect(data['@type']).toBe('Service');
    expect(data.provider).toMatchObject({ '@type': 'Organization', url: 'http://hitashakyo.jp/' });
    expect(data.url).toBe('https://sasaeai.example.jp/en/windows/shakyo');
  });

  it('includes a phone number only when it is verified', () => {
    const window = { ...load('shiyakusho'), phoneStatus: 'verified' as const };
    const data = windowJsonLd(window, 'ja', site) as { availableChannel: { servicePhone?: { telephone: string } } };
    expect(data.availableChannel.servicePhone?.telephone).toBe('+81-973-23-3111');
    expect(internationalPhone('0120-279-338')).toBe('+81-120-279-338');
  });
});
