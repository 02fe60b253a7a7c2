/** Words of the today screen. */
export const today = {
  sv: {},
  en: {},
};
