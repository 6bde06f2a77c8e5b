/* Search box (Pagefind, loaded on first use) and the keyboard-usable menu button.
   Queries typed without tone marks or with d for đ find the page: Pagefind folds tone
   marks, and the index carries each page's đ-words written with d (generator/search.py). */
(function () {
  "use strict";
  var FOLD_MARKER = "zzdfixzz";
  var box = document.querySelector("[data-cchc-search]");

  // The menu: a real button that opens Material's drawer (a checkbox toggle).
  var menu = document.querySelector("[data-cchc-menu]");
  var drawer = document.getElementById("__drawer");
  if (menu && drawer) {
    // While the drawer is closed on a narrow screen its links are off-screen: keep them out
    // of the Tab order so keyboard focus never disappears.
    var sidebar = document.querySelector(".md-sidebar--primary");
    var narrow = window.matchMedia("(max-width: 76.2344em)");
    var sync = function () {
      menu.setAttribute("aria-expanded", String(drawer.checked));
      if (sidebar) sidebar.inert = narrow.matches && !drawer.checked;
    };
    menu.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change"));
      sync();
    });
    drawer.addEventListener("change", sync);
    narrow.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) { drawer.checked = false; sync(); menu.focus(); }
    });
    sync();
  }
  if (!box) return;

  var input = box.querySelector("input");
  var type = box.querySelector("[data-cchc-type]");
  var panel = box.querySelector(".cchc-search__panel");
  var status = box.querySelector(".cchc-search__status");
  var list = box.querySelector(".cchc-search__list");
  // The site's root, absolute: a relative import() would resolve against this script's URL.
  var base = new URL(box.getAttribute("data-base"), document.baseURI).pathname.replace(/\/*$/, "/");
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(base + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: base, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  // An excerpt from the page's own text when Pagefind's would show the folded words.
  function excerpt(data, query) {
    var text = data.content.split(FOLD_MARKER)[0];
    var plain = data.excerpt.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
    if (plain && text.replace(/\s+/g, " ").indexOf(plain.slice(0, 40)) !== -1) return data.excerpt;
    var words = fold(query).split(/\s+/).filter(Boolean);
    // Fold letter by letter so positions in the folded text are positions in the text.
    var folded = text.split("").map(fold).map(function (c) { return c.charAt(0) || " "; }).join("");
    var at = words.length ? folded.indexOf(words[0]) : -1;
    var start = Math.max(0, at - 60);
    while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;  // begin on a whole word
    var piece = text.slice(start, start + 180);
    var escaped = piece.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
    words.forEach(function (w) {
      var re = new RegExp("([\\p{L}\\p{M}]*)", "gu");
      escaped = escaped.replace(re, function (word) { return word && fold(word) === w ? "<mark>" + word + "</mark>" : word; });
    });
    return (start > 0 ? "… " : "") + escaped + " …";
  }

  function render(results, query) {
    list.innerHTML = "";
    results.forEach(function (data) {
      var li = document.createElement("li");
      li.className = "cchc-search__result";
      var a = document.createElement("a");
      a.href = data.url;
      a.textContent = (data.meta && data.meta.title) || data.url;
      var kind = document.createElement("span");
      kind.className = "cchc-search__kind";
      kind.textContent = (data.meta && data.meta.loai) || "";
      var p = document.createElement("p");
      p.innerHTML = excerpt(data, query);  // Pagefind escapes page text; only <mark> is added
      li.appendChild(kind);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function search() {
    var query = input.value.normalize("NFC").trim();
    var ticket = ++latest;
    if (!query) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    status.textContent = "Đang tìm…";
    // A type narrows the search through the hidden word its pages carry (generator/search.py).
    var narrowed = type.value ? query + " zzloai" + fold(type.value).replace(/[^a-z]/g, "") : query;
    load().then(function (pf) {
      return pf.debouncedSearch(narrowed, {}, 150);
    }).then(function (found) {
      if (found === null || ticket !== latest) return null;  // superseded by newer typing
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) return;
        status.textContent = found.results.length
          ? "Tìm thấy " + found.results.length + " kết quả" + (found.results.length > 10 ? ", hiện 10 kết quả đầu" : "")
          : "Không tìm thấy kết quả nào. Hãy thử từ khóa khác.";
        render(data, query);
      });
    }).catch(function () {
      status.textContent = "Chưa tải được công cụ tìm kiếm. Hãy thử lại.";
    });
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", function () { load(); if (input.value) search(); });
  type.addEventListener("change", search);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) panel.hidden = true;
  });
  var params = new URLSearchParams(location.search);
  if (params.get("q")) { input.value = params.get("q"); search(); }
})();
