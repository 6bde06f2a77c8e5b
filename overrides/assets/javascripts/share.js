/* Sharing and printing a page, with nothing but the browser: no third-party script.

   The share button opens the phone's share sheet (Web Share API: Zalo, Messenger, mail…)
   with the page's address; where there is none (most desktop browsers) it copies the
   address and says so. The page's title and address are its Open Graph values
   (overrides/main.html), the same a chat app shows in the preview.

   Each section's heading gets its link (¶), as the theme would print it.

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

  // A link to each section, the ¶ the theme shows beside a heading that is pointed at or
  // focused: added here, not printed in every page (bench/PAGE-SIZE.md; the table of contents
  // links to the same sections without JavaScript). Not on the page's title: that is the page.
  var headings = document.querySelectorAll(".md-content__inner h2[id], .md-content__inner h3[id], .md-content__inner h4[id], .md-content__inner h5[id], .md-content__inner h6[id]");
  Array.prototype.forEach.call(headings, function (heading) {
    var permalink = document.createElement("a");
    permalink.className = "headerlink";
    permalink.href = "#" + heading.id;
    permalink.title = "Liên kết đến mục này";
    permalink.textContent = "¶";
    heading.appendChild(permalink);
  });

  var links = document.querySelectorAll(".md-content__inner a[href]");
  Array.prototype.forEach.call(links, function (link) {
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#" || link.classList.contains("headerlink")) return;
    try {
      var full = new URL(href, url);
      if (full.protocol === "https:" || full.protocol === "http:") link.setAttribute("data-cchc-href", full.href);
    } catch (error) { /* not an address: printed as it is */ }
  });

  // The button, where the page has its place (overrides/main.html), and the line that says
  // what it did: made here, as it does nothing without this script.
  var place = document.querySelector("p.cchc-share");
  if (!place) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "cchc-share__button";
  button.setAttribute("data-cchc-share", "");
  button.textContent = "Chia sẻ trang này";
  var status = document.createElement("span");
  status.className = "cchc-share__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  place.appendChild(button);
  place.appendChild(status);

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
