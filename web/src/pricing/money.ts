/** Money on the pricing screens: always with its öre, and signed where it changes a price. */
import { price } from '../products/format.ts';

export const money = price;
/** +50,00 kr, −12,50 kr: an adjustment per unit. */
export const signed = (minor: number, currency: string): string => (minor < 0 ? `−${price(-minor, currency)}` : `+${price(minor, currency)}`);
