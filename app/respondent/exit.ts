/** Where "leave quickly" goes: a neutral, everyday site (Swedish weather). */
export const QUICK_EXIT_URL = "https://www.smhi.se/";
