/* phobien: the keyword filter of a calendar page. Typing narrows the releases listed on
   the page to those whose product, period or unit holds every word typed, without regard
   to case or diacritics ("chi so gia" finds "Chỉ số giá"); a day, a month or a list left
   with no release hides too, and a live region says how many match. Without JavaScript
   the box stays hidden and the page is the whole list. */
(() => {
  const box = document.querySelector(".phobien-filter");
  if (!box) return;
  const input = box.querySelector("input");
  const count = box.querySelector(".phobien-filter-count");
  // Vietnamese without its marks: the combining marks go, and đ (not a composed letter).
  const plain = text => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  const rows = [...document.querySelectorAll("article tr.phobien-release[data-filter]")]
    .map(row => ({row, text: plain(row.dataset.filter)}));
  const groups = [...new Set(rows.map(({row}) => row.closest("tbody")))];
  const lists = [...new Set(rows.map(({row}) => row.closest(".phobien-releases")))];
  const heading = list => {
    // A month's heading stands just before its list (Material may wrap the table).
    const before = list.previousElementSibling;
    return before && before.tagName === "H3" ? before : null;
  };
  const apply = () => {
    const query = input.value.trim();
    const words = plain(query).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const {row, text} of rows) {
      const match = words.every(word => text.includes(word));
      row.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of groups) {
      group.hidden = !group.querySelector("tr.phobien-release:not([hidden])");
    }
    for (const list of lists) {
      const empty = !list.querySelector("tr.phobien-release:not([hidden])");
      list.hidden = empty;
      const title = heading(list);
      if (title) title.hidden = empty;
    }
    if (!words.length) count.textContent = "";
    else if (!shown) count.textContent = count.dataset.none.replace("{q}", query);
    else count.textContent = (shown === 1 ? count.dataset.one : count.dataset.many)
      .replace("{n}", String(shown));
  };
  box.hidden = false;
  input.addEventListener("input", apply);
  // A query the browser kept (back to the page) applies at once.
  if (input.value) apply();
})();
