/**
 * The fields of a resident's record as a coordinator enters them (proxy registration and the
 * resident page share them through the ResidentFields component): their names, labels, and
 * reading them from a posted form so a re-rendered form keeps what was typed.
 */
import type { AccountPage } from './page.ts';

/** The resident fields, in form order. */
export const RESIDENT_FIELDS = ['displayName', 'nameKana', 'phone', 'districtId', 'supportNeeds'] as const;
/** One resident field. */
export type ResidentField = (typeof RESIDENT_FIELDS)[number];
/** The values of the resident fields (as typed, or as stored). */
export type ResidentFieldValues = Record<ResidentField, string>;

/** Empty values (a new registration). */
export const EMPTY_RESIDENT_FIELDS: ResidentFieldValues = {
  displayName: '',
  nameKana: '',
  phone: '',
  districtId: '',
  supportNeeds: '',
};

/** The label of each field, for the fields and for the error summary's links. */
export function residentFieldLabels(t: AccountPage['t']): Record<ResidentField, string> {
  return {
    displayName: t('accounts.field.displayName'),
    nameKana: t('accounts.field.nameKana'),
    phone: t('accounts.field.phone'),
    districtId: t('accounts.field.district'),
    supportNeeds: t('accounts.field.supportNeeds'),
  };
}

/** The resident fields of a posted form. */
export function readResidentFields(form: { get: (name: string) => string }): ResidentFieldValues {
  return Object.fromEntries(RESIDENT_FIELDS.map((name) => [name, form.get(name)])) as ResidentFieldValues;
}
