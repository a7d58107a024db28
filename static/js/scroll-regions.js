// A table too wide for its column scrolls inside its .table-responsive region: while it
// overflows, the region is reachable by the keyboard (to scroll it with the arrows) and named
// after the table's caption, or the heading before it (RGAA 7.3, WCAG 2.1.1).
(function () {
  "use strict";
  var fallback = document.body.getAttribute("data-scroll-label") || "";

  function nameOf(region) {
    var caption = region.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = region;
    while (node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return previous.textContent.trim();
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return fallback;
  }

  // Regions the page itself made focusable (with their own name) are left as they are.
  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (region) {
      var managed = region.hasAttribute("data-scroll-region");
      if (!managed && region.hasAttribute("tabindex")) {
        return;
      }
      if (region.scrollWidth > region.clientWidth + 1) {
        if (!managed) {
          region.setAttribute("data-scroll-region", "");
          region.setAttribute("tabindex", "0");
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", nameOf(region));
        }
      } else if (managed) {
        ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) {
          region.removeAttribute(name);
        });
      }
    });
  }

  update();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
})();
