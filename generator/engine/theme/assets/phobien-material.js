/* phobien: the small scripts mkdocs-material writes inline into each page, as one file
   of the site's own, so that the Content-Security-Policy can forbid inline script.
   Each <script src> of partials/javascripts/ names the part to run (data-run) where
   Material's inline script stood, and runs synchronously there as that script did. */
(function () {
  const script = document.currentScript;
  const run = script.dataset.run;
  if (run === "base") {
    // Globals Material's bundle and the other parts read: the site's scope (its root,
    // from this page) and its storage helpers, keyed by that scope.
    window.__md_scope = new URL(script.dataset.scope, location);
    window.__md_hash = (text) =>
      [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
    window.__md_get = (key, storage = localStorage, scope = window.__md_scope) =>
      JSON.parse(storage.getItem(scope.pathname + "." + key));
    window.__md_set = (key, value, storage = localStorage, scope = window.__md_scope) => {
      try {
        storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
      } catch (e) { /* storage full or refused: nothing to remember */ }
    };
  } else if (run === "content") {
    // Content tabs the reader chose on another page open here too (content.tabs.link).
    if (script.dataset.tabs) {
      const tabs = __md_get("__tabs");
      if (Array.isArray(tabs)) {
        for (const set of document.querySelectorAll(".tabbed-set")) {
          const labels = set.querySelector(".tabbed-labels");
          found: for (const tab of tabs) {
            for (const label of labels.getElementsByTagName("label")) {
              if (label.innerText.trim() === tab) {
                document.getElementById(label.htmlFor).checked = true;
                break found;
              }
            }
          }
        }
      }
    }
    // An address whose fragment names a content tab opens that tab.
    const target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  } else if (run === "announce") {
    // An announcement the reader dismissed stays hidden until its text changes.
    const el = document.querySelector("[data-md-component=announce]");
    if (el) {
      const content = el.querySelector(".md-typeset");
      if (__md_hash(content.innerHTML) === __md_get("__announce")) el.hidden = true;
    }
  } else if (run === "palette") {
    // The colour scheme the reader chose, before the page is first drawn.
    const palette = __md_get("__palette");
    if (palette && palette.color) {
      if (palette.color.media === "(prefers-color-scheme)") {
        const light = matchMedia("(prefers-color-scheme: light)").matches;
        const input = document.querySelector(light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        for (const key of ["media", "scheme", "primary", "accent"]) {
          palette.color[key] = input.getAttribute("data-md-color-" + key);
        }
      }
      for (const [key, value] of Object.entries(palette.color)) {
        document.body.setAttribute("data-md-color-" + key, value);
      }
    }
  } else if (run === "outdated") {
    const el = document.querySelector("[data-md-component=outdated]");
    const base = new URL(script.dataset.base, location);
    if (__md_get("__outdated", sessionStorage, base) === true && el) el.hidden = false;
  }
})();
