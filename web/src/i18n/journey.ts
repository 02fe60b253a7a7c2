/** Words of the journey screen. */
export const journey = {
  sv: {},
  en: {},
};
