/* Sharing and printing a page, with nothing but the browser: no third-party script.

   The share button opens the phone's share sheet (Web Share API: Zalo, Messenger, mail…)
   with the page's address; where there is none (most desktop browsers) it copies the
   address and says so. The page's title and address are its Open Graph values
   (overrides/main.html), the same a chat app shows in the preview.

   For paper, every link in the text gets its full address in data-cchc-href, printed
   after the link (print rules in cchc.css): a relative address means nothing on paper. */
(function () {
  "use strict";

  function meta(property) {
    var tag = document.querySelector('meta[property="' + property + '"]');
    return tag ? tag.getAttribute("content") : "";
  }

  // The portal's own address of the page (og:url), not the one it is read from: a copy
  // opened from disk or a preview server must print and share the public addresses.
  var url = meta("og:url") || location.href;
  var title = meta("og:title") || document.title;

  var links = document.querySelectorAll(".md-content__inner a[href]");
  Array.prototype.forEach.call(links, function (link) {
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
    try {
      var full = new URL(href, url);
      if (full.protocol === "https:" || full.protocol === "http:") link.setAttribute("data-cchc-href", full.href);
    } catch (error) { /* not an address: printed as it is */ }
  });

  var button = document.querySelector("button[data-cchc-share]");
  if (!button) return;
  var status = button.parentNode.querySelector(".cchc-share__status");

  function say(text) {
    status.textContent = "";
    // A fresh text node each time, so screen readers announce a second copy too.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copy() {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(url).then(
        function () { say("Đã sao chép liên kết"); },
        function () { say("Không sao chép được, hãy chép liên kết: " + url); }
      );
    }
    say("Hãy chép liên kết: " + url);
    return Promise.resolve();
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function (error) {
        if (!error || error.name !== "AbortError") copy();  // closing the share sheet is not a failure
      });
    } else {
      copy();
    }
  });
})();
