/* CPV picker: as the buyer types in a field marked data-cpv-picker, offer the matching codes
   of the vocabulary (data-cpv-search-url answers [{code, label}]). "single" fields take one
   code, "multiple" fields a list separated by spaces, the last word being searched. Without
   this script the field still takes a typed code, and the page lists matches on error. */
(function () {
  "use strict";

  var DELAY = 250;
  var MIN_LENGTH = 2;

  function lastWord(value) {
    var words = value.split(/[\s,;]+/);
    return words[words.length - 1];
  }

  function isCode(text) {
    return /^[0-9]{8}-[0-9]$/.test(text);
  }

  function setUp(input) {
    var multiple = input.dataset.cpvPicker === "multiple";
    var url = input.dataset.cpvSearchUrl;
    var timer = null;
    var controller = null;

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var list = document.createElement("ul");
    list.className = "list-group mt-1 mb-2";
    list.id = input.id + "-propositions";
    list.hidden = true;
    list.setAttribute("aria-label", "Codes CPV proposés");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    input.setAttribute("aria-controls", list.id);

    function clear() {
      list.replaceChildren();
      list.hidden = true;
    }

    function choose(code) {
      if (multiple) {
        var words = input.value.trim().split(/[\s,;]+/);
        words[words.length - 1] = code;
        input.value = words.join(" ") + " ";
      } else {
        input.value = code;
      }
      clear();
      status.textContent = "Code " + code + " choisi.";
      input.focus();
    }

    function show(codes) {
      clear();
      codes.forEach(function (item) {
        var entry = document.createElement("li");
        entry.className = "list-group-item p-0";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-link text-start w-100";
        button.textContent = item.code + " — " + item.label;
        button.addEventListener("click", function () { choose(item.code); });
        entry.appendChild(button);
        list.appendChild(entry);
      });
      list.hidden = codes.length === 0;
      status.textContent = codes.length === 0
        ? "Aucun code CPV ne correspond."
        : codes.length + " codes CPV proposés ; tabulation pour les parcourir.";
    }

    function search() {
      var query = multiple ? lastWord(input.value) : input.value.trim();
      if (query.length < MIN_LENGTH || isCode(query)) {
        clear();
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller.signal
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(show)
        .catch(function () { /* The typed code still goes to the server. */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        clear();
      } else if (event.key === "ArrowDown" && !list.hidden) {
        event.preventDefault();
        list.querySelector("button").focus();
      }
    });
    list.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        clear();
        input.focus();
      }
    });
  }

  document.querySelectorAll("input[data-cpv-picker]").forEach(setUp);
})();
