// Starts the web editor at /admin/ (generator/cms.py copies this file there).
// The interface is Vietnamese unless the officer picked another language in its settings:
// Sveltia CMS reads the choice from its saved preferences before it starts.
const PREFERENCES = "sveltia-cms.prefs";
try {
  const prefs = JSON.parse(localStorage.getItem(PREFERENCES) || "{}") || {};
  if (!prefs.locale) {
    prefs.locale = "vi";
    localStorage.setItem(PREFERENCES, JSON.stringify(prefs));
  }
} catch (error) {
  // Storage refused (private window): the browser's language decides.
}
const { default: CMS } = await import("./cms/npm/index.js");
CMS.init();
