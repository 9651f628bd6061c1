/**
 * 法人番号 (Japanese corporate number): 13 digits, the first being a check digit computed from the
 * other 12 (国税庁「法人番号の指定」): check = 9 − (Σ Pn × Qn mod 9), where Pn is the n-th digit of the
 * 12-digit base counted from the right and Qn is 1 for odd n, 2 for even n.
 */

/** Turn full-width digits into ASCII and drop spaces and hyphens people type. */
export function normaliseCorporateNumber(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '');
}

/** The check digit for a 12-digit base number. */
export function corporateNumberCheckDigit(base: string): number {
  if (!/^\d{12}$/.test(base)) throw new Error('A corporate number base has 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** Whether a value is a valid 法人番号 (after normalising). */
export function isValidCorporateNumber(value: string): boolean {
  const number = normaliseCorporateNumber(value);
  if (!/^\d{13}$/.test(number)) return false;
  return Number(number[0]) === corporateNumberCheckDigit(number.slice(1));
}
