/* What a person sees on a page, measured in the page itself (tests/test_looks.py).
   Takes the catalog's identifiers (slugs that must never stand where a label belongs)
   and returns every fault found, each with the text it concerns. */
(identifiers) => {
  const faults = { overflow: 0, words: [], small: [], overlaps: [], zoneless: [], ids: [] };
  const root = document.documentElement;
  faults.overflow = root.scrollWidth - root.clientWidth;

  const hiddenAlways = "script, style, noscript, template, [hidden], .headerlink";
  // Code, addresses and checksums are shown as they are, on purpose.
  const literal = "code, pre, kbd, samp, input, textarea, .phobien-hash, .phobien-address";
  const shown = (el) =>
    el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  const onScreen = (rect) =>
    rect.width > 1 && rect.height > 1 && rect.right > 0 && rect.left < root.scrollWidth;
  const slugs = identifiers.map((id) => new RegExp(`(^|[^\\w/.-])${id}($|[^\\w/.-])`));
  const periodCode = /\b\d{4}-(?:q[1-4]|h[12]|\d{1,2}-[a-z]+)\b/;
  const snake = /\b[a-z]+_[a-z0-9_]+\b/;
  const bad = /(^|\W)(None|null|undefined|NaN)(\W|$)|¶/;

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\s+/g, " ").trim();
    const el = node.parentElement;
    if (!text || !el || el.closest(hiddenAlways)) continue;
    // Words that are never a label, shown or in a closed menu alike.
    if (bad.test(text)) faults.words.push(text.slice(0, 120));
    if (!el.closest(literal)) {
      if (periodCode.test(text) || snake.test(text) || slugs.some((re) => re.test(text))) {
        faults.ids.push(text.slice(0, 120));
      }
    }
    if (!shown(el)) continue;
    // Text for screen readers only sits in a box of a pixel (clipped): nobody sees it.
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(onScreen);
    if (!rects.length) continue;
    // The size the eye gets: an SVG's text is scaled with its drawing.
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      if (m) size *= Math.hypot(m.a, m.b);
    }
    if (size < 11.95) faults.small.push(`${size.toFixed(1)}px: ${text.slice(0, 60)}`);
  }

  // Chart labels: no two boxes overlap.
  for (const svg of document.querySelectorAll("figure svg")) {
    const boxes = [...svg.querySelectorAll("text")]
      .filter((t) => t.textContent.trim() && shown(t))
      .map((t) => [t.textContent.trim(), t.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i];
        const [b, rb] = boxes[j];
        const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (x > 0.5 && y > 0.5) faults.overlaps.push(`${a} × ${b}`);
      }
    }
  }

  // Every time of day shown says its zone (UTC+7 in Vietnam): within the words after it.
  // Search results quote other pages: those pages are checked themselves.
  const article = document.querySelector("article") || document.body;
  const prose = [...article.children]
    .filter((e) => !e.matches(".phobien-search-results"))
    .map((e) => e.innerText).join("\n");
  for (const match of prose.matchAll(/\b\d{1,2}:\d{2}\b/g)) {
    const after = prose.slice(match.index, match.index + 45);
    if (!/UTC[+\-−]\d/.test(after)) faults.zoneless.push(after.replace(/\s+/g, " "));
  }
  return faults;
}
