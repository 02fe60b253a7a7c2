/** Words of the board screen. */
export const board = {
  sv: {},
  en: {},
};
