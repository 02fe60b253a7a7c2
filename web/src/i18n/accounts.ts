/** Words of the accounts screen. */
export const accounts = {
  sv: {},
  en: {},
};
