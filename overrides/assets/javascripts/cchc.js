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
  var unit = null;  // a family's root: the filter by unit, once its units are searched (owners)
  var panel = box.querySelector(".cchc-search__panel");
  var status = box.querySelector(".cchc-search__status");
  var list = box.querySelector(".cchc-search__list");
  // The site's root, absolute: a relative import() would resolve against this script's URL.
  var base = new URL(box.getAttribute("data-base"), document.baseURI).pathname.replace(/\/*$/, "/");

  // What the header's box does not print on every page (bench/PAGE-SIZE.md), added here: the
  // search needs this script anyway. The tip on typing, the box's ties to its results, the
  // content types: the search's own (generator/search.py: page_type; a test checks them), in
  // the order citizens look for them.
  input.title = "Gõ có dấu hoặc không dấu; đặt cụm từ trong ngoặc kép để tìm đúng cụm";
  input.setAttribute("aria-describedby", status.id);  // the count of results is read with the box
  input.setAttribute("aria-controls", panel.id);
  var TYPES = ["Thủ tục", "Tin tức", "Kế hoạch", "Văn bản", "Đường dây nóng", "Chương trình", "Hoạt động", "Phản ánh, kiến nghị"];
  TYPES.forEach(function (name) {
    var option = document.createElement("option");
    option.textContent = name;
    type.appendChild(option);
  });
  // Shown when there are few or no results: where a citizen can go instead, and the hotline
  // numbers of the block above the footer, as that block shows them (a sample number is
  // never a call link there either).
  var help = document.createElement("div");
  help.className = "cchc-search__help";
  help.hidden = true;
  help.innerHTML = "<p>Chưa thấy điều bạn cần? Bạn có thể:</p><ul>" + [
    ["thu-tuc/", "Xem danh sách thủ tục hành chính"],
    ["duong-day-nong/", "Gọi đường dây nóng để được hướng dẫn"],
    ["phan-anh/", "Gửi phản ánh, kiến nghị"],
    ["tim-kiem/tu-khoa/", "Xem những từ khóa ô tìm kiếm hiểu được"]
  ].map(function (way) { return '<li><a href="' + base + way[0] + '">' + way[1] + "</a></li>"; }).join("") + "</ul>";
  var numbers = document.querySelector(".cchc-hotline-block__list");
  if (numbers) help.appendChild(numbers.cloneNode(true));
  panel.appendChild(help);
  var engine = null;
  var latest = 0;
  var SHOWN = 8;  // each shown result downloads its page text (1–7 kB)

  // Ranking: a long procedure page should not lose to a short news item that names it
  // once (pageLength), and repeating a word matters less than where it is (the titles'
  // and key terms' weights, set in the index by generator/search.py).
  var RANKING = { pageLength: 0.1, termFrequency: 0.6, termSaturation: 1.6, metaWeights: { dichvu: 10, chuyenmuc: 7, title: 5 } };
  // A family's root searches its units' indexes too (generator/family_search.py): each index
  // carries its portal's name as a filter, and only the pages a portal owns carry this word.
  var OWN = "zzrieng";
  // A root with many units (a province: about 100 communes) searches its own index first:
  // every unit's index merged costs megabytes on the first query (bench/FAMILY.md). The
  // units are searched too when the root finds little, or when the reader asks.
  var EAGER_UNITS = 10;
  var units = { all: false, waiting: 0, box: null };

  // Nothing is fetched before the box is used: Pagefind (on the main thread: no worker file to
  // download) and the portal's list of citizen words (generator/search_words.py), which names
  // the family's other indexes when this portal searches them.
  function load() {
    if (!engine) {
      var pf = import(base + "pagefind/pagefind.js");
      var terms = fetch(base + "tim-kiem/tu-khoa.json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
      engine = Promise.all([pf, terms]).then(function (both) {
        var portals = family(both[1].portals || []);
        var eager = Number(box.getAttribute("data-eager-units") || EAGER_UNITS);
        units.waiting = !units.all && portals.length - 1 > eager ? portals.length - 1 : 0;
        return start(both[0], units.waiting ? portals.slice(0, 1) : portals).then(function (portals) {
          return { pf: both[0], terms: prepareTerms(both[1]), portals: portals, owner: {} };
        });
      }).then(function (engine) {
        return engine.portals.length ? owners(engine) : engine;
      });
    }
    return engine;
  }

  // The family's portals as this page reaches them: this portal first, each with the base of
  // its pages' addresses and of its index (the list's addresses are relative to this portal).
  function family(list) {
    return list.map(function (p) {
      var at = new URL(p.url, location.origin + base);
      var home = at.origin === location.origin ? at.pathname : at.href;
      return { name: p.name, unit: p.unit, base: home, index: home + "pagefind/" };
    });
  }

  // Pagefind with this portal's index and the others' merged in. An index that cannot be read
  // (its portal not yet published, or its host not answering this one) would make every search
  // fail: Pagefind starts again without it, and the others are searched.
  function start(pf, portals) {
    var options = { baseUrl: base, noWorker: true, ranking: RANKING };
    if (portals.length) options.mergeFilter = { donvi: portals[0].name };
    return pf.options(options).then(function () {
      return Promise.all(portals.slice(1).map(function (p) {
        return pf.mergeIndex(p.index, { baseUrl: p.base, mergeFilter: { donvi: p.name }, ranking: RANKING })
          .then(function () { return true; }, function () { return false; });
      }));
    }).then(function (merged) {
      if (merged.every(Boolean)) return portals;
      var kept = portals.filter(function (p, n) { return n === 0 || merged[n - 1]; });
      return pf.destroy().then(function () { return start(pf, kept); });
    });
  }

  // Which portal each page of the merged indexes belongs to, read once: per-index ranking
  // needs it (see `interleaved`). One filtered listing per bit of the portals' numbers, not
  // one per portal: every search runs in every index (100 units: 7 listings, not 101).
  function owners(engine) {
    var bits = [];
    for (var b = 0; (1 << b) < engine.portals.length; b++) {
      bits.push(engine.portals.filter(function (p, n) { return n & (1 << b); }).map(function (p) { return p.name; }));
    }
    return Promise.all(bits.map(function (names, b) {
      return engine.pf.search(null, { filters: { donvi: { any: names } } }).then(function (found) {
        found.results.forEach(function (r) { engine.owner[r.id] = (engine.owner[r.id] || 0) | (1 << b); });
      });
    })).then(function () {
      if (engine.portals.length > 1) {  // a portal that searches only itself has no units to choose
        if (!unit) {
          unit = document.createElement("select");
          unit.className = "cchc-search__type cchc-search__unit";
          unit.setAttribute("aria-label", "Đơn vị");
          unit.setAttribute("data-cchc-unit", "");
          type.parentNode.insertBefore(unit, type.nextSibling);
          unit.addEventListener("change", search);
        }
        unit.innerHTML = '<option value="">Mọi đơn vị</option>';
        engine.portals.forEach(function (p) {
          var option = document.createElement("option");
          option.value = p.name;
          option.textContent = p.unit;
          unit.appendChild(option);
        });
        unit.hidden = false;
      }
      return engine;
    });
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function tokens(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // {terms: [{words: [...], means: "..."}], ignore: [...]} as folded token lists.
  function prepareTerms(data) {
    var rules = [];
    (data.terms || []).forEach(function (entry) {
      entry.words.forEach(function (w) { rules.push({ from: tokens(w), to: entry.means }); });
    });
    (data.ignore || []).forEach(function (w) { rules.push({ from: tokens(w), to: "" }); });
    rules.sort(function (a, b) { return b.from.length - a.from.length; });  // longest first
    return { rules: rules };
  }

  // The queries to run for what the citizen typed: the words as typed, and the same with
  // abbreviations and everyday words replaced by the words the pages use ("sdt" → "đường dây
  // nóng"), both without question words ("ở đâu", "là gì") that pages do not contain.
  function variants(query, terms) {
    if (query.indexOf('"') !== -1) return [query];  // a quoted phrase is searched as typed
    var words = tokens(query);
    var rewrite = function (expand) {
      var out = [];
      var i = 0;
      while (i < words.length) {
        var rule = null;
        for (var r = 0; r < terms.rules.length && !rule; r++) {
          var one = terms.rules[r];
          if ((expand || !one.to) && one.from.length && one.from.every(function (w, k) { return words[i + k] === w; })) rule = one;
        }
        if (rule) { if (rule.to) out.push(rule.to); i += rule.from.length; } else { out.push(words[i]); i += 1; }
      }
      return (out.length ? out : words).join(" ");
    };
    var expanded = rewrite(true);
    var plain = rewrite(false);
    return expanded === plain ? [plain] : [expanded, plain];
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // Older news (generator/search_archive.py). A large portal's main index holds its recent
  // news and everything else; older news have an index per year, listed with the month the
  // main index starts at in pagefind/luu-tru.json (a portal without them lists no year). They
  // are searched in a Pagefind instance of their own, after the main results are shown: at
  // once when those are few, else when the reader asks ("Tìm cả tin cũ", kept for the later
  // searches), and listed below the main results as older news.
  var older = { manifest: null, pf: null, asked: false, box: null, last: null };

  function olderManifest() {
    if (!older.manifest) {
      older.manifest = fetch(base + "pagefind/luu-tru.json").then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    }
    return older.manifest;
  }

  function olderIndex(years) {
    if (!older.pf) {
      var at = function (year) { return base + "pagefind/luu-tru/" + year + "/"; };
      older.pf = import(base + "pagefind/pagefind.js").then(function (pf) {
        var archive = pf.createInstance({ basePath: at(years[0]), baseUrl: base, noWorker: true, ranking: RANKING });
        return Promise.all(years.slice(1).map(function (year) { return archive.mergeIndex(at(year), { baseUrl: base, ranking: RANKING }); }))
          .then(function () { return archive; });
      });
    }
    return older.pf;
  }

  // Its part of the panel, below the main results: a status line, the results, the button.
  function olderBox() {
    if (!older.box) {
      var box = document.createElement("div");
      box.className = "cchc-search__older";
      box.innerHTML = '<p class="cchc-search__status" tabindex="-1" aria-live="polite"></p><ol class="cchc-search__list"></ol>' +
        '<button type="button" class="cchc-search__older-button"></button>';
      list.parentNode.insertBefore(box, list.nextSibling);
      box.querySelector("button").addEventListener("click", function () {
        older.asked = true;
        box.querySelector("p").focus();
        olderNews.apply(null, older.last);
      });
      older.box = box;
    }
    return older.box;
  }

  // Below the results of a root that has not searched its units yet: the button to do so.
  function unitsOffer(ticket, count) {
    if (!units.box) {
      units.box = document.createElement("button");
      units.box.type = "button";
      units.box.className = "cchc-search__older-button cchc-search__units-button";
      list.parentNode.insertBefore(units.box, list.nextSibling);
      units.box.addEventListener("click", everyUnit);
    }
    units.box.hidden = !units.waiting || ticket !== latest;
    if (units.box.hidden) return;
    if (count < 3) return everyUnit();  // little found here: the units may have it
    units.box.textContent = "Tìm cả trong cổng của " + units.waiting + " đơn vị cấp dưới";
  }

  function everyUnit() {
    var before = engine;
    if (document.activeElement === units.box) {  // the button goes: the reader is taken to the new count
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
    units.all = true;
    units.waiting = 0;
    units.box.hidden = true;
    engine = null;
    before.then(function (e) { return e.pf.destroy(); }).then(search);
  }

  function olderNews(ticket, query, narrow, count, wanted) {
    older.last = [ticket, query, narrow, count, wanted];
    var box = olderBox();
    var note = box.querySelector("p");
    var found = box.querySelector("ol");
    var button = box.querySelector("button");
    found.innerHTML = "";
    note.textContent = "";
    button.hidden = true;
    box.hidden = true;
    box.removeAttribute("data-query");
    var done = function () { if (ticket === latest) box.setAttribute("data-query", query); };
    olderManifest().then(function (manifest) {
      // Older news are news: a search narrowed to another type has none to find there.
      if (ticket !== latest || !manifest || !(manifest.years || []).length || (type.value && type.value !== "Tin tức")) return done();
      var since = "tháng " + manifest.before.slice(5) + "/" + manifest.before.slice(0, 4);
      box.hidden = false;
      if (count >= 3 && !older.asked) {
        button.textContent = "Tìm cả tin cũ (đăng trước " + since + ")";
        button.hidden = false;
        return done();
      }
      note.textContent = "Đang tìm trong tin cũ…";
      return load().then(function (engine) {
        var queries = variants(query, engine.terms);
        return olderIndex(manifest.years).then(function (pf) {
          return Promise.all(queries.map(function (q) { return pf.search(q + narrow); }));
        });
      }).then(function (all) {
        var results = merged(all);
        return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
          if (ticket !== latest) return;
          note.textContent = results.length
            ? "Tin cũ, đăng trước " + since + ": " + results.length + " kết quả" + (results.length > SHOWN ? ", hiện " + SHOWN + " kết quả đầu" : "")
            : "Không có tin cũ (đăng trước " + since + ") nào có đủ các từ này.";
          data.forEach(function (page) {
            var li = document.createElement("li");
            li.className = "cchc-search__result";
            li.innerHTML = '<span class="cchc-search__kind">Tin cũ</span><a></a><p></p>';
            li.querySelector("a").href = page.url;
            li.querySelector("a").textContent = (page.meta && page.meta.title) || page.url;
            li.querySelector("p").innerHTML = excerpt(page, wanted);  // escaped page text; only <mark> is added
            found.appendChild(li);
          });
          done();
        });
      });
    }).catch(function () {
      note.textContent = "Chưa tìm được trong tin cũ. Hãy thử lại.";
      done();
    });
  }

  // The search runs once typing pauses: Pagefind would otherwise fetch the index chunks of
  // every prefix typed on the way ("đ", "đư", "đườ"…), which at scale cost more than the
  // query itself (bench/search-notes.md).
  function afterPause(run, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(run, ms);
    };
  }

  // The excerpt, always cut from the page's visible text (what comes before the marker of the
  // hidden index words): the stretch of about 24 words holding the most query words.
  function excerpt(data, wanted) {
    var text = data.content.split(FOLD_MARKER)[0].replace(/\s+/g, " ").trim();
    var parts = text.split(" ");
    var hits = parts.map(function (part) {
      var f = tokens(part);
      for (var k = 0; k < f.length; k++) {
        for (var j = 0; j < wanted.length; j++) if (f[k].indexOf(wanted[j]) === 0) return j;
      }
      return -1;
    });
    var size = 24;
    var best = 0, bestScore = -1;
    for (var s = 0; s < Math.max(1, parts.length - size + 1); s++) {
      var seen = {};
      var score = 0;
      for (var t = s; t < Math.min(parts.length, s + size); t++) {
        if (hits[t] >= 0) { score += seen[hits[t]] ? 0.1 : 1; seen[hits[t]] = true; }
      }
      if (score > bestScore) { bestScore = score; best = s; }
    }
    var first = best;
    while (first < parts.length - 1 && hits[first] < 0) first++;
    var start = Math.max(0, Math.min(best, first - 8));  // a few words of context before the match
    var piece = parts.slice(start, start + size).map(function (part, n) {
      var html = escapeHtml(part);
      return hits[start + n] >= 0 ? "<mark>" + html + "</mark>" : html;
    }).join(" ");
    return (start > 0 ? "… " : "") + piece + (start + size < parts.length ? " …" : "");
  }

  function render(results, wanted, labels) {
    list.innerHTML = "";
    results.forEach(function (data, n) {
      var li = document.createElement("li");
      li.className = "cchc-search__result";
      var a = document.createElement("a");
      a.href = data.url;
      a.textContent = (data.meta && data.meta.title) || data.url;
      var kind = document.createElement("span");
      kind.className = "cchc-search__kind";
      kind.textContent = (data.meta && data.meta.loai) || "";
      var p = document.createElement("p");
      p.innerHTML = excerpt(data, wanted);  // escaped page text; only <mark> is added
      li.appendChild(kind);
      if (labels) {  // the portal the result is from (a family's root)
        var from = document.createElement("span");
        from.className = "cchc-search__portal";
        from.textContent = labels[n];
        li.appendChild(from);
      }
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  // Several queries, one list: each page once, at its best score.
  function merged(found) {
    var byUrl = {};
    found.forEach(function (one, n) {
      (one ? one.results : []).forEach(function (r) {
        var score = r.score * (n === 0 ? 1 : 0.8);  // the citizen's own words after the expansion
        if (!byUrl[r.id] || byUrl[r.id].score < score) byUrl[r.id] = { result: r, score: score };
      });
    });
    return Object.keys(byUrl).map(function (k) { return byUrl[k]; })
      .sort(function (a, b) { return b.score - a.score; })
      .map(function (x) { return x.result; });
  }

  // A family's indexes ranked each by itself, then interleaved: Pagefind scores each index
  // with its own statistics (how many of its pages hold a word, their mean length), so a
  // small unit's score does not compare with the root's (the browser test measures it).
  // Round by round, each portal's next best result: this portal's first, the others' by
  // score (a tie-break only). `only`: one portal's results (the unit filter).
  function interleaved(found, engine, only) {
    var lists = engine.portals.map(function (p, n) {
      if (only !== "" && p.name !== only) return [];
      return merged(found.map(function (one) {
        return one && { results: one.results.filter(function (r) { return ownerOf(engine, r) === n; }) };
      }));
    });
    var out = [];
    for (var rank = 0; ; rank++) {
      var round = [];
      lists.forEach(function (results, n) { if (results[rank]) round.push({ result: results[rank], n: n }); });
      if (!round.length) return out;
      round.sort(function (a, b) { return (a.n === 0 ? -1 : 0) - (b.n === 0 ? -1 : 0) || b.result.score - a.result.score; });
      round.forEach(function (x) { x.result.portal = x.n; out.push(x.result); });
    }
  }

  function ownerOf(engine, result) {
    return engine.owner[result.id] || 0;  // the searching portal's pages are in no listing
  }

  // Pagefind leaves out of a query the words its index lacks: an index that has none of the
  // citizen's words would answer for the hidden words alone (every page of the type, every
  // page a unit owns). Only the indexes where the words searched without the hidden ones
  // find something keep their results.
  function known(one, plain, engine) {
    if (!one) return one;
    if (!engine.portals.length) return plain.results.length ? one : { results: [] };
    var knows = {};
    plain.results.forEach(function (r) { knows[ownerOf(engine, r)] = true; });
    return { results: one.results.filter(function (r) { return knows[ownerOf(engine, r)]; }) };
  }

  function keepInAddress(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function search() {
    var query = input.value.normalize("NFC").trim();
    var ticket = ++latest;
    keepInAddress(query);
    if (!query) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    panel.removeAttribute("data-query");
    status.textContent = "Đang tìm…";
    // A type narrows the search through the hidden word its pages carry (generator/search.py).
    var narrow = type.value ? " zzloai" + fold(type.value).replace(/[^a-z]/g, "") : "";
    var wanted;
    var portals = [];
    load().then(function (engine) {
      var queries = variants(query, engine.terms);
      wanted = [];
      queries.forEach(function (q) { tokens(q).forEach(function (w) { if (wanted.indexOf(w) === -1) wanted.push(w); }); });
      // In a family, only pages a portal owns: not each unit's copy of the root's procedures.
      var hidden = narrow + (engine.portals.length ? " " + OWN : "");
      portals = engine.portals;
      return engine.pf.debouncedSearch(queries[0] + hidden, {}, 200).then(function (first) {
        if (first === null || ticket !== latest) return null;  // superseded by newer typing
        var more = queries.slice(1).map(function (q) { return engine.pf.search(q + hidden); });
        var plain = hidden ? queries.map(function (q) { return engine.pf.search(q); }) : [];
        return Promise.all(more.concat(plain)).then(function (rest) {
          var found = [first].concat(rest.slice(0, more.length));
          if (hidden) found = found.map(function (one, i) { return known(one, rest[more.length + i], engine); });
          return portals.length ? interleaved(found, engine, unit ? unit.value : "") : merged(found);
        });
      });
    }).then(function (results) {
      if (results === null || ticket !== latest) return null;
      return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) return;
        status.textContent = results.length
          ? "Tìm thấy " + results.length + " kết quả" + (results.length > SHOWN ? ", hiện " + SHOWN + " kết quả đầu" : "")
          : "Không tìm thấy trang nào có đủ các từ này.";
        render(data, wanted, portals.length ? results.slice(0, SHOWN).map(function (r) { return portals[r.portal].unit; }) : null);
        if (help) help.hidden = results.length >= 3;  // few or no results: where to go instead
        if (units.waiting) {  // the units' turn first
          unitsOffer(ticket, results.length);
          if (!units.waiting) return;  // the search runs again, over every unit too
        } else if (units.box) {
          units.box.hidden = true;
        }
        panel.setAttribute("data-query", query);
        olderNews(ticket, query, narrow, results.length, wanted);  // the archive's turn
      });
    }).catch(function () {
      status.textContent = "Chưa tải được công cụ tìm kiếm. Hãy thử lại.";
    });
  }

  input.addEventListener("input", afterPause(search, 250));
  input.addEventListener("focus", function () { load(); if (input.value) search(); });
  type.addEventListener("change", search);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) panel.hidden = true;
  });
  // A link or form with ?q= (the search page /tim-kiem/, the home page's and 404's forms), and
  // Back to a page whose address kept the query, open the search with it.
  function fromAddress() {
    var q = new URLSearchParams(location.search).get("q");
    if (q && q !== input.value) { input.value = q; search(); }
  }
  fromAddress();
  window.addEventListener("pageshow", function (event) { if (event.persisted) fromAddress(); });
})();
