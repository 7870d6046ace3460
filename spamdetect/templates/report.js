// The table of pages of the spamdetect HTML report. Reads the JSON block "report-data" (written by
// spamdetect/report.py) and renders 100 rows at a time; a page's paragraphs only when opened.
// Untrusted page text is inserted with textContent only, never as HTML.
//
// Data layout (interned strings and columns, to keep 10,000 pages small):
//   locators: [css locator, ...]   texts: [paragraph text, ...]   referenced by index
//   pages:    [path, verdict, paragraphs, spam, max_score, encoding, error, bytes, paras]
//     paras:  [[locator index, ...], [text index, ...], [score in thousandths or -1, ...],
//              flags: one digit a paragraph, 1 hidden + 2 spam + 4 text cut by the scan,
//              optional {paragraph number: [[piece, is_spam], ...]}: the spam spans of a
//              paragraph, cut by report.py; highlighted whatever the paragraph's label]
//   groups:   [[page index, ...], ...]    the pages of each recurring location, in table order
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var PAGE_SIZE = 100;
  var SEVERITY = { spam_page: 0, infected: 1, error: 2, clean: 3 };
  var state = { verdict: "all", query: "", group: null, key: null, dir: 1, start: 0, open: {} };
  var rowsEl = document.getElementById("rows");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmtScore(s) { return s === null || s === undefined ? "" : Number(s).toFixed(3); }

  // Default order: the worst pages first (spam pages, infected, errors, clean), most spam first.
  function defaultOrder(a, b) {
    var pa = D.pages[a], pb = D.pages[b];
    return (SEVERITY[pa[1]] - SEVERITY[pb[1]]) || (pb[3] - pa[3]) || (pa[0] < pb[0] ? -1 : pa[0] > pb[0] ? 1 : 0);
  }

  function compare(a, b) {
    if (state.key === null) return defaultOrder(a, b);
    var k = state.key, va = D.pages[a][k], vb = D.pages[b][k];
    if (k === 1) { va = SEVERITY[va]; vb = SEVERITY[vb]; }
    if (va === null) va = -1; if (vb === null) vb = -1;
    return (va < vb ? -1 : va > vb ? 1 : 0) * state.dir || defaultOrder(a, b);
  }

  function selected() {
    var keep = null;
    if (state.group !== null) {
      keep = {};
      D.groups[state.group].forEach(function (i) { keep[i] = true; });
    }
    var q = state.query.toLowerCase(), out = [];
    for (var i = 0; i < D.pages.length; i++) {
      var p = D.pages[i];
      if (state.verdict !== "all" && p[1] !== state.verdict) continue;
      if (keep && !keep[i]) continue;
      if (q && p[0].toLowerCase().indexOf(q) < 0) continue;
      out.push(i);
    }
    return out.sort(compare);
  }

  function paragraphView(paras, n) {
    var flags = Number(paras[3].charAt(n)), hidden = flags & 1, spam = flags & 2, cut = flags & 4;
    var score = paras[2][n], segments = paras[4] && paras[4][n];
    var box = el("div", spam ? "para spam" : segments ? "para mixed" : "para");
    box.appendChild(el("span", "idx", "#" + n));
    var info = el("div", "info");
    info.appendChild(el("code", null, D.locators[paras[0][n]]));
    if (hidden) info.appendChild(el("span", "tag hidden", "hidden"));
    if (spam) info.appendChild(el("span", "tag spam", "spam"));
    info.appendChild(document.createTextNode(" score " + (score < 0 ? "?" : (score / 1000).toFixed(3)) +
                                             (cut ? " · text cut in the report" : "")));
    box.appendChild(info);
    var text;
    if (segments) {  // spam spans inside a mixed paragraph: highlight exactly those
      text = el("div", "text");
      segments.forEach(function (seg) {
        text.appendChild(seg[1] ? el("mark", null, seg[0]) : document.createTextNode(seg[0]));
      });
    } else {
      text = el("div", spam ? "text whole" : "text", D.texts[paras[1][n]]);
    }
    box.appendChild(text);
    return box;
  }

  function detailRow(i) {
    var p = D.pages[i], paras = p[8], tr = el("tr", "detail"), td = el("td");
    td.colSpan = 6;
    if (p[6]) td.appendChild(el("p", "note", "error: " + p[6]));
    for (var n = 0; n < paras[0].length; n++) td.appendChild(paragraphView(paras, n));
    if (!paras[0].length && !p[6]) td.appendChild(el("p", "note", "no paragraphs"));
    tr.appendChild(td);
    return tr;
  }

  function pageRow(i) {
    var p = D.pages[i], tr = el("tr", "page-row" + (state.open[i] ? " open" : ""));
    tr.dataset.index = i;
    tr.appendChild(el("td", "path", p[0]));
    tr.appendChild(el("td", "verdict " + p[1], p[1].replace("_", " ")));
    tr.appendChild(el("td", "n", p[3]));
    tr.appendChild(el("td", "n", p[2]));
    tr.appendChild(el("td", "n", fmtScore(p[4])));
    tr.appendChild(el("td", null, p[6] ? "—" : p[5]));
    tr.tabIndex = 0;  // reachable with Tab; Enter or Space opens and closes it
    tr.setAttribute("aria-expanded", state.open[i] ? "true" : "false");
    function toggle() {
      if (state.open[i]) delete state.open[i]; else state.open[i] = true;
      render();
      var again = rowsEl.querySelector('tr.page-row[data-index="' + i + '"]');
      if (again) again.focus();
    }
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
    return tr;
  }

  function render() {
    var idx = selected();
    if (state.start >= idx.length) state.start = Math.max(0, Math.floor((idx.length - 1) / PAGE_SIZE) * PAGE_SIZE);
    var end = Math.min(idx.length, state.start + PAGE_SIZE);
    rowsEl.textContent = "";
    var frag = document.createDocumentFragment();
    for (var k = state.start; k < end; k++) {
      frag.appendChild(pageRow(idx[k]));
      if (state.open[idx[k]]) frag.appendChild(detailRow(idx[k]));
    }
    rowsEl.appendChild(frag);
    document.getElementById("range").textContent = idx.length
      ? "pages " + (state.start + 1) + "–" + end + " of " + idx.length : "no pages match";
    document.getElementById("prev").disabled = state.start === 0;
    document.getElementById("next").disabled = end >= idx.length;
  }

  document.querySelectorAll("button.filter").forEach(function (b) {
    b.addEventListener("click", function () {
      document.querySelectorAll("button.filter").forEach(function (o) { o.classList.remove("active"); });
      b.classList.add("active");
      state.verdict = b.dataset.verdict; state.start = 0; render();
    });
  });
  document.querySelectorAll("button.sort").forEach(function (b) {
    b.addEventListener("click", function () {
      var key = Number(b.dataset.key);
      state.dir = state.key === key ? -state.dir : (key === 0 ? 1 : -1);
      state.key = key; state.start = 0;
      document.querySelectorAll("button.sort").forEach(function (o) { o.classList.remove("asc", "desc"); });
      b.classList.add(state.dir > 0 ? "asc" : "desc");
      render();
    });
  });
  document.getElementById("search").addEventListener("input", function (e) {
    state.query = e.target.value; state.start = 0; render();
  });
  document.querySelectorAll("button.show-group").forEach(function (b) {
    b.addEventListener("click", function () {
      state.group = Number(b.dataset.group); state.start = 0;
      var code = b.closest("tr").querySelector("code");
      document.getElementById("group-locator").textContent = code ? code.textContent : "";
      document.getElementById("group-filter").hidden = false;
      render();
      document.getElementById("pages").scrollIntoView();
    });
  });
  document.getElementById("clear-group").addEventListener("click", function () {
    state.group = null; state.start = 0;
    document.getElementById("group-filter").hidden = true;
    render();
  });
  document.getElementById("prev").addEventListener("click", function () { state.start = Math.max(0, state.start - PAGE_SIZE); render(); });
  document.getElementById("next").addEventListener("click", function () { state.start += PAGE_SIZE; render(); });
  render();
})();
