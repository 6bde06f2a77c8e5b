/* List filters (procedures, documents) and the print button of procedure guides.
   Progressive enhancement: without JavaScript the whole list shows and the
   filter form stays hidden. */
(function () {
  "use strict";

  function setupFilter(form) {
    var list = document.getElementById(form.getAttribute("aria-controls"));
    var count = document.getElementById(form.getAttribute("data-count"));
    if (!list || !count) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var noun = form.getAttribute("data-noun") || "thủ tục";
    // The items are the entries that carry every filter's attribute (not "no entries yet").
    var items = Array.prototype.filter.call(list.children, function (item) {
      return selects.every(function (select) { return item.hasAttribute("data-" + select.getAttribute("data-filter")); });
    });

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var match = selects.every(function (select) {
          return !select.value || item.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
        });
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (shown === items.length) {
        count.textContent = items.length + " " + noun;
      } else if (shown === 0) {
        count.textContent = "Không có " + noun + " nào phù hợp. Hãy bỏ bớt điều kiện lọc.";
      } else {
        count.textContent = "Đang hiển thị " + shown + "/" + items.length + " " + noun;
      }
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    // Behind one button on phones (a <details>, closed), open where the screen has room.
    var box = form.closest("details.cchc-filter-box");
    if (box) {
      box.hidden = false;
      box.open = window.matchMedia("(min-width: 45em)").matches;
    }
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-cchc-filter]"), setupFilter);
  Array.prototype.forEach.call(document.querySelectorAll("button[data-cchc-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
