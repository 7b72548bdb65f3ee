/* phobien: the search page, over Pagefind's index (this site's own files only).
   The query is folded like the index (diacritics dropped, đ read as d); pairs of
   neighbouring syllables are looked up first, so that "chi so gia" puts the page
   named "Chỉ số giá tiêu dùng" first, then the loose syllables.
   The first results are then ordered by what the build knows of each page
   (generator/search.py): released items before announcements of future ones, pages
   named by the query before those that mention it, products, datasets, then
   releases (the latest first), then Pagefind's own order. */
const results = document.getElementById("phobien-search-results");
const form = document.getElementById("phobien-search-form");
const input = document.getElementById("phobien-search-q");
const status = document.getElementById("phobien-search-status");

const SHOWN = 20;        // results listed
const CANDIDATES = 40;   // results read (one small file each) of each kind of part
const EXCERPT = 30;      // words in an excerpt
const INDEX_ANCHOR = "phobien-index";  // the page's own text ends there
const KINDS = ["product", "dataset", "release", "page", "listing"];
const STATUSES = ["published", "announced", "cancelled"];

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

function tokens(text) {
  return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
}

function pairs(words) {
  const out = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(words[i] + "_" + words[i + 1]);
  return out;
}

// A release page is indexed by its title alone: short pages must not outrank the
// product's own page on length alone. Every part is ranked alike.
const RANKING = { pageLength: 0.1 };
const PARTS = "phobien-parts.json";  // the parts of the index, by language and kind
// Filters every page of a part carries (Pagefind's mergeFilter): the kind of its part,
// and the part itself.
const KIND = "phobien_kind";
const PART = "phobien_part";
const MAIN = "main";  // the part in the bundle's own folder

// The index is built in parts (generator/outputs/pages/search_index.py), each of one
// kind of pages (releases; the other pages) and one language: the bundle's own folder
// holds the first part of each language, and the other parts of this page's language
// are merged into it, so that one search looks through them all.
async function load() {
  const bundle = new URL(results.dataset.bundle, document.baseURI);
  const lang = (document.documentElement.lang || "unknown").toLowerCase();
  // Never a search of some parts only: without the list, no search at all.
  const listed = await fetch(new URL(PARTS, bundle), { cache: "no-cache" });
  if (!listed.ok) throw new Error(`${PARTS}: ${listed.status}`);
  const { languages } = await listed.json();
  const parts = languages[lang] || languages[lang.split("-")[0]] || {};
  const kinds = Object.keys(parts).sort();
  const main = kinds.find((kind) => parts[kind].includes(""));
  const pf = await import(bundle);
  await pf.options({ ranking: RANKING, mergeFilter: { [KIND]: main, [PART]: MAIN } });
  await pf.init();
  await Promise.all(kinds.flatMap((kind) => parts[kind].filter((path) => path).map(
    (path) => pf.mergeIndex(new URL(path, bundle).pathname, {
      language: lang, ranking: RANKING, mergeFilter: { [KIND]: kind, [PART]: path } }))));
  return { pf, kinds };
}

let loading = null;
function engine() {
  if (!loading) loading = load();
  return loading;
}

// How well the title names the query: 0 it starts with the query's words, 1 it holds
// them side by side, then 2 plus the number of the query's words it lacks.
function titleScore(title, words) {
  const have = tokens(title);
  const query = words.join(" ");
  const text = " " + have.join(" ") + " ";
  if (text.startsWith(" " + query + " ")) return 0;
  if (text.includes(" " + query + " ")) return 1;
  return 2 + words.filter((w) => !have.includes(w)).length;
}

function orderKey(data, words, rank) {
  const meta = data.meta || {};
  const kind = KINDS.indexOf(meta.kind);
  return [
    Math.max(STATUSES.indexOf(meta.status), 0),
    titleScore(meta.title || "", words),
    kind < 0 ? KINDS.indexOf("page") : kind,
    meta.period || "",
    rank,
  ];
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (i === 3) return a[i] < b[i] ? 1 : -1;  // the latest period first
    return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// The page's own words (what follows INDEX_ANCHOR is for the index only), as written,
// after its title (shown above it) unless the title is all there is: EXCERPT words from
// just before the first place that holds the query's words side by side (else the first
// that holds one of them); each word found marked.
function excerpt(data, words) {
  const all = data.content.split(/[\r\n\s]+/g);
  const anchor = (data.anchors || []).find((a) => a.id === INDEX_ANCHOR);
  const page = anchor ? all.slice(0, anchor.location) : all;
  const title = ((data.meta && data.meta.title) || "").split(/\s+/).length;
  const own = page.length > title ? page.slice(title) : page;
  const folded = own.map((w) => tokens(w).join(""));
  const wanted = new Set(words);
  const hit = folded.map((w) => wanted.has(w));
  const whole = folded.findIndex((_, i) => words.every((w, k) => folded[i + k] === w));
  const first = whole >= 0 ? whole : Math.max(hit.indexOf(true), 0);
  const best = Math.max(Math.min(first - 5, own.length - EXCERPT), 0);
  const out = document.createElement("p");
  if (best > 0) out.append("… ");
  own.slice(best, best + EXCERPT).forEach((word, i) => {
    if (i) out.append(" ");
    if (hit[best + i]) {
      const mark = document.createElement("mark");
      mark.textContent = word;
      out.append(mark);
    } else {
      out.append(word);
    }
  });
  if (best + EXCERPT < own.length) out.append(" …");
  return out;
}

// Where Pagefind reads ``word`` as the whole index would: the parts that hold it or a
// word that begins with it. Pagefind looks a word up in each part on its own, and a
// part that holds neither reads it as the longest word it holds that begins ``word``
// (for a pair, its first syllable), and finds pages the whole index never would. Such
// a part finds as many pages for ``word`` as for ``word`` + END, which begins no word
// and so is read there the same way; a part holding ``word`` itself is never in doubt.
const END = "\u203f";
async function partsReading(pf, word) {
  const counts = async (term) => ((await pf.search(term)).filters || {})[PART] || {};
  const found = await counts(word);
  const holding = await counts(`"${word}"`);
  const parts = Object.keys(found).filter((part) => found[part] > 0);
  const unsure = parts.filter((part) => !(holding[part] > 0));
  const shorter = unsure.length ? await counts(word + END) : {};
  return parts.filter((part) => holding[part] > 0 || found[part] !== shorter[part]);
}

// The parts where Pagefind reads every one of ``words`` as the whole index would.
async function partsReadingAll(pf, words) {
  let out = null;
  for (const word of new Set(words)) {
    const parts = await partsReading(pf, word);
    out = out ? out.filter((part) => parts.includes(part)) : parts;
  }
  return out || [];
}

async function run(query) {
  const words = tokens(query);
  results.replaceChildren();
  if (!words.length) { status.textContent = ""; return; }
  const { pf, kinds } = await engine();
  const attempts = [{ terms: words.join(" "), parts: await partsReadingAll(pf, words) }];
  if (words.length > 1) {
    const paired = pairs(words);
    attempts.unshift({ terms: paired.join(" "), parts: await partsReadingAll(pf, paired) });
  }
  const seen = new Set();
  const candidates = [];
  // Scores compare within a part (Pagefind weighs a word by the pages of its part that
  // hold it), and parts of a kind are alike: the CANDIDATES first of each kind, each in
  // Pagefind's order, are ordered below by what the build knows of them.
  for (const kind of kinds) {
    const found = [];
    for (const { terms, parts } of attempts) {
      if (!parts.length) continue;
      const filters = { [KIND]: kind, [PART]: { any: parts } };
      for (const hit of (await pf.search(terms, { filters })).results) {
        if (!seen.has(hit.id)) { seen.add(hit.id); found.push(hit); }
      }
    }
    found.slice(0, CANDIDATES).forEach((hit, rank) => candidates.push({ hit, rank }));
  }
  const read = await Promise.all(candidates.map(({ hit }) => hit.data()));
  const ordered = read.map((data, i) => ({ data, key: orderKey(data, words, candidates[i].rank) }))
    .sort((a, b) => compare(a.key, b.key));
  for (const { data } of ordered.slice(0, SHOWN)) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    item.append(link, excerpt(data, words));
    results.append(item);
  }
  status.textContent = seen.size
    ? results.dataset.count.replace("{n}", String(seen.size))
    : results.dataset.none;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(window.location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) { input.value = initial; run(initial); }
