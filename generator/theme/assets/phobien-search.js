/* phobien: the search page, over Pagefind's index (this site's own files only).
   The query is folded like the index (diacritics dropped, đ read as d); pairs of
   neighbouring syllables are looked up first, so that "chi so gia" puts the page
   named "Chỉ số giá tiêu dùng" first, then the loose syllables. */
const results = document.getElementById("phobien-search-results");
const form = document.getElementById("phobien-search-form");
const input = document.getElementById("phobien-search-q");
const status = document.getElementById("phobien-search-status");

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

function pairs(words) {
  const out = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(words[i] + "_" + words[i + 1]);
  return out;
}

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL(results.dataset.bundle, document.baseURI));
    // A release page is indexed by its title alone: short pages must not outrank the
    // product's own page on length alone.
    await pagefind.options({ ranking: { pageLength: 0.1 } });
    await pagefind.init();
  }
  return pagefind;
}

async function run(query) {
  const words = fold(query).match(/[\p{L}\p{N}]+/gu) || [];
  results.replaceChildren();
  if (!words.length) { status.textContent = ""; return; }
  const pf = await engine();
  const seen = new Set();
  const found = [];
  const attempts = words.length > 1 ? [pairs(words).join(" "), words.join(" ")] : [words[0]];
  for (const attempt of attempts) {
    const search = await pf.search(attempt);
    for (const hit of search.results) {
      if (!seen.has(hit.id)) { seen.add(hit.id); found.push(hit); }
    }
  }
  const shown = await Promise.all(found.slice(0, 20).map((hit) => hit.data()));
  for (const data of shown) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const excerpt = document.createElement("p");
    excerpt.textContent = data.excerpt.replace(/<[^>]+>/g, "");  // plain text only
    item.append(link, excerpt);
    results.append(item);
  }
  status.textContent = found.length
    ? results.dataset.count.replace("{n}", String(found.length))
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
