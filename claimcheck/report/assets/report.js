/* claimcheck HTML report: builds the finding cards, topics and documents from the JSON data island.
 *
 * Inlined by claimcheck/report/html.py and allowed by its SHA-256 hash. Every string from the
 * report is put on the page with textContent or createTextNode, never as markup, and no link is
 * ever made from a document's text. Cards are built a page at a time, so a report with 10,000
 * findings costs no more to open than one with 50. The records are shown in the order of the
 * report: filters only hide, they never reorder.
 */
(function () {
  "use strict";

  const PAGE = 50;
  const SEVERITIES = ["error", "warning", "note"];
  const SVG = "http://www.w3.org/2000/svg";
  const raw = JSON.parse(document.getElementById("report-data").textContent);

  /* Each list of the data island is a table: {"fields": [...], "rows": [[...], ...]}. */
  function records(table) {
    const fields = table.fields;
    return table.rows.map((row) => {
      const record = {};
      for (let i = 0; i < fields.length; i++) record[fields[i]] = row[i];
      return record;
    });
  }
  const data = {
    documents: records(raw.documents), claims: records(raw.claims), topics: records(raw.topics),
    findings: records(raw.findings), links: records(raw.links), suppressed: records(raw.suppressed),
    baselined: records(raw.baselined), languages: raw.languages, graph: raw.graph,
  };

  const claims = new Map(data.claims.map((c) => [c.id, c]));
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  const topics = new Map(data.topics.map((t) => [t.id, t]));
  for (const c of data.claims) {  // a null sentence is a slice of the document's text
    if (c.sentence === null) c.sentence = ((docs.get(c.doc) || {}).text || "").slice(c.sentence_start, c.sentence_end);
  }
  const links = new Map();
  const claimLinks = new Map();
  data.links.forEach((link, i) => {
    links.set(pairKey(link.claims[0], link.claims[1]), link);
    for (const id of link.claims) {
      if (!claimLinks.has(id)) claimLinks.set(id, []);
      claimLinks.get(id).push(i);
    }
  });
  const topicFindings = new Map();
  const claimSeverity = new Map();
  for (const f of data.findings) {
    if (!topicFindings.has(f.topic)) topicFindings.set(f.topic, []);
    topicFindings.get(f.topic).push(f);
    for (const id of f.claims) {
      const known = claimSeverity.get(id);
      if (known === undefined || rank(f.severity) < rank(known)) claimSeverity.set(id, f.severity);
    }
  }
  const docClaims = new Map();
  for (const c of data.claims) {
    if (!docClaims.has(c.doc)) docClaims.set(c.doc, []);
    docClaims.get(c.doc).push(c);
  }

  function pairKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }
  function rank(severity) { const i = SEVERITIES.indexOf(severity); return i < 0 ? SEVERITIES.length : i; }

  /* A new element with a class and text; the text is always text, never markup. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function badge(text, className) { return el("span", "badge " + (className || ""), text); }

  function worstSeverity(topicId) {
    const list = topicFindings.get(topicId) || [];
    let worst = null;
    for (const f of list) if (worst === null || rank(f.severity) < rank(worst)) worst = f.severity;
    return worst;
  }

  function formatNumber(value) {
    if (typeof value !== "number") return value === null || value === undefined ? "open" : String(value);
    return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
  }

  /* The claim's sentence with its cited text in a <mark>. */
  function quote(claim) {
    const block = el("blockquote");
    const sentence = claim.sentence || claim.text;
    let at = claim.start - claim.sentence_start;
    if (sentence.substr(at, claim.text.length) !== claim.text) at = sentence.indexOf(claim.text);
    if (at < 0) {
      block.append(document.createTextNode("\u201c" + sentence + "\u201d "), el("mark", null, claim.text));
      return block;
    }
    block.append(
      document.createTextNode("\u201c" + sentence.slice(0, at)),
      el("mark", null, sentence.slice(at, at + claim.text.length)),
      document.createTextNode(sentence.slice(at + claim.text.length) + "\u201d"),
    );
    return block;
  }

  function where(claim) {
    const doc = docs.get(claim.doc);
    const box = el("div", "where");
    const open = el("button", "linkish", (doc ? doc.path : claim.doc) + ":" + claim.line + ":" + claim.column);
    open.type = "button";
    open.title = "Show in the document";
    open.addEventListener("click", () => showClaim(claim.id));
    box.append(open, el("span", "lang-chip " + langClass(claim.lang), claim.lang || "?"));
    box.append(el("span", null, doc && doc.published ? "published " + doc.published : "publication date unknown"));
    return box;
  }

  const langClasses = new Map(data.languages.map((entry) => [entry.lang, entry.class]));
  function langClass(lang) { return langClasses.get(lang) || "lang-7"; }

  function details(claim) {
    const dl = el("dl");
    const scope = claim.scope || {};
    const rows = [
      ["value", formatNumber(claim.value) + (claim.unit ? " " + claim.unit : "")],
      ["qualifier", claim.qualifier + (claim.qualifier_text ? " (\u201c" + claim.qualifier_text + "\u201d)" : "")],
      ["bounds", formatNumber(claim.low) + " \u2026 " + formatNumber(claim.high)],
      ["kind", claim.kind],
      ["object", claim.object || "\u2014"],
      ["scope", scope.year !== undefined ? String(scope.year) + (scope.forecast ? " (forecast)" : "") : "unknown"],
    ];
    for (const [term, value] of rows) dl.append(el("dt", null, term), el("dd", null, value));
    return dl;
  }

  function claimFigure(id) {
    const claim = claims.get(id);
    const figure = el("figure", "quote");
    if (!claim) {
      figure.append(el("p", "empty", "claim " + id + " is not in the report"));
      return figure;
    }
    if (claim.lang) figure.setAttribute("lang", claim.lang);
    figure.append(where(claim), quote(claim), details(claim));
    return figure;
  }

  /* One finding: the claims' quotes side by side, the verdict, the confidence and why they were linked. */
  function findingCard(f, extra) {
    const card = el("article", "card finding sev-" + f.severity);
    card.dataset.finding = f.id;
    const head = el("div", "card-head");
    head.append(badge(f.severity, "sev-" + f.severity));
    if (extra) head.append(badge(extra, "plain"));
    head.append(badge(f.rule, "plain"), badge("verdict: " + f.verdict, "plain"),
      badge("confidence " + Number(f.confidence).toFixed(2), "plain"));
    const topic = topics.get(f.topic);
    const ident = el("span", "ident", f.id + " \u00b7 topic ");
    const topicButton = el("button", "linkish", f.topic + (topic ? " " + topic.label : ""));
    topicButton.type = "button";
    topicButton.addEventListener("click", () => showTopic(f.topic));
    ident.append(topicButton);
    head.append(ident);
    card.append(head, el("p", "message", f.message));
    const quotes = el("div", "quotes");
    for (const id of f.claims) quotes.append(claimFigure(id));
    card.append(quotes);
    const why = el("div", "why");
    why.append(el("h3", null, "Why these claims were linked"), el("p", null, f.explanation || "No explanation was given."));
    const reasons = el("ul", "reasons");
    for (let i = 0; i < f.claims.length; i++) {
      for (let j = i + 1; j < f.claims.length; j++) {
        const link = links.get(pairKey(f.claims[i], f.claims[j]));
        const pair = f.claims[i] + " \u2194 " + f.claims[j] + ": ";
        reasons.append(el("li", null, link
          ? pair + link.reason + " (weight " + Number(link.weight).toFixed(2) + ")"
          : pair + "not linked directly; both are in topic " + f.topic));
      }
    }
    why.append(reasons);
    card.append(why, el("div", "card-foot", "fingerprint " + f.fingerprint));
    return card;
  }

  /* One topic: every claim, agreements included, and its findings. */
  function topicCard(t) {
    const worst = worstSeverity(t.id);
    const status = worst || "consistent";
    const card = el("article", "card topic sev-" + status);
    card.dataset.topic = t.id;
    const head = el("div", "card-head");
    head.append(badge(worst ? worst : "consistent", "sev-" + status), el("strong", null, t.label),
      el("span", "ident", t.id + " \u00b7 " + t.claims.length + " claims"));
    card.append(head);
    const table = el("table", "claims-table");
    const header = el("tr");
    for (const name of ["where", "language", "quote", "value", "qualifier"]) header.append(el("th", null, name));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(header);
    for (const id of t.claims) {
      const claim = claims.get(id);
      const row = el("tr");
      if (!claim) {
        row.append(el("td", null, id), el("td"), el("td", null, "not in the report"), el("td"), el("td"));
      } else {
        const doc = docs.get(claim.doc);
        const open = el("button", "linkish", (doc ? doc.path : claim.doc) + ":" + claim.line);
        open.type = "button";
        open.addEventListener("click", () => showClaim(claim.id));
        const whereCell = el("td");
        whereCell.append(open);
        const langCell = el("td");
        langCell.append(el("span", "lang-chip " + langClass(claim.lang), claim.lang || "?"));
        const quoteCell = el("td", "quote-cell");
        if (claim.lang) quoteCell.setAttribute("lang", claim.lang);
        quoteCell.append(quote(claim));
        row.append(whereCell, langCell, quoteCell,
          el("td", "num", formatNumber(claim.value) + (claim.unit ? " " + claim.unit : "")),
          el("td", null, claim.qualifier));
      }
      table.tBodies[0].append(row);
    }
    card.append(table);
    const list = topicFindings.get(t.id) || [];
    if (list.length) {
      const ul = el("ul", "topic-findings");
      for (const f of list) ul.append(el("li", null, f.severity + " " + f.id + " (" + f.rule + "): " + f.message));
      card.append(ul);
    } else {
      card.append(el("p", "empty", "Consistent: these claims can all be true."));
    }
    const reasons = el("ul", "reasons");
    const members = new Set(t.claims);
    for (const link of data.links) {
      if (members.has(link.claims[0]) && members.has(link.claims[1])) {
        reasons.append(el("li", null, link.claims[0] + " \u2194 " + link.claims[1] + ": " + link.reason
          + " (weight " + Number(link.weight).toFixed(2) + ")"));
      }
    }
    if (reasons.childElementCount) {
      const why = el("details", "why");
      why.append(el("summary", null, "Why these claims were linked (" + reasons.childElementCount + " links)"), reasons);
      card.append(why);
    }
    return card;
  }

  /* A list shown a page at a time, with previous and next buttons, and a line saying what is shown. */
  function Pager(cards, controls, status, render, noun, total, size, renderAll) {
    const PAGE_SIZE = size || PAGE;
    let items = [];
    let page = 0;
    const previous = el("button", null, "\u2190 previous");
    const next = el("button", null, "next \u2192");
    const label = el("span");
    previous.type = next.type = "button";
    previous.addEventListener("click", () => { page -= 1; draw(true); });
    next.addEventListener("click", () => { page += 1; draw(true); });
    controls.append(previous, label, next);
    function pages() { return Math.max(1, Math.ceil(items.length / PAGE_SIZE)); }
    function describe() {
      if (!items.length) return "No " + noun + " to show" + (total ? " (" + total + " hidden by the filters)." : ".");
      const first = page * PAGE_SIZE + 1;
      const last = Math.min(items.length, first + PAGE_SIZE - 1);
      return "Showing " + first + "\u2013" + last + " of " + items.length + " " + noun
        + (items.length < total ? " (" + total + " in all)" : "") + ".";
    }
    function draw(scroll) {
      page = Math.min(Math.max(page, 0), pages() - 1);
      const shown = items.slice(page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE);
      cards.replaceChildren(...(renderAll ? renderAll(shown) : shown.map(render)));
      label.textContent = "page " + (page + 1) + " of " + pages();
      previous.disabled = page === 0;
      next.disabled = page >= pages() - 1;
      controls.hidden = items.length <= PAGE_SIZE;
      if (status) status.textContent = describe();
      if (scroll && cards.firstElementChild) cards.firstElementChild.scrollIntoView({ block: "start" });
    }
    return {
      set(list, message) {
        items = list;
        page = 0;
        draw(false);
        if (message && status) status.textContent = message;
      },
    };
  }

  /* Findings: filters and search over the data island; only the visible page is built. */
  const findingForm = document.getElementById("finding-filters");
  const findingPager = Pager(document.getElementById("finding-cards"), document.getElementById("finding-pager"),
    document.getElementById("finding-status"), (f) => findingCard(f), "findings", data.findings.length);
  const findingMeta = data.findings.map((f) => {
    const langs = new Set();
    const inDocs = new Set();
    for (const id of f.claims) {
      const claim = claims.get(id);
      if (claim) { langs.add(claim.lang); inDocs.add(claim.doc); }
    }
    return { langs: langs, docs: inDocs, text: null };
  });

  function findingText(i) {
    const meta = findingMeta[i];
    if (meta.text === null) {
      const f = data.findings[i];
      const topic = topics.get(f.topic);
      const parts = [f.id, f.rule, f.verdict, f.severity, f.message, f.explanation, f.fingerprint, f.topic,
        topic ? topic.label : ""];
      for (const id of f.claims) {
        const claim = claims.get(id);
        if (!claim) continue;
        const doc = docs.get(claim.doc);
        parts.push(claim.text, claim.sentence, claim.object, doc ? doc.path : "", doc && doc.title ? doc.title : "");
      }
      meta.text = parts.join("\n").toLowerCase();
    }
    return meta.text;
  }

  function applyFindingFilters() {
    const form = new FormData(findingForm);
    const severities = new Set(form.getAll("severity"));
    const lang = form.get("lang");
    const doc = form.get("doc");
    const rule = form.get("rule");
    const words = String(form.get("q") || "").toLowerCase().split(/\s+/).filter(Boolean);
    const shown = [];
    for (let i = 0; i < data.findings.length; i++) {
      const f = data.findings[i];
      const meta = findingMeta[i];
      if (!severities.has(f.severity)) continue;
      if (lang && !meta.langs.has(lang)) continue;
      if (doc && !meta.docs.has(doc)) continue;
      if (rule && f.rule !== rule) continue;
      if (words.length) {
        const text = findingText(i);
        if (!words.every((w) => text.includes(w))) continue;
      }
      shown.push(f);
    }
    findingPager.set(shown);
  }

  /* Topics: every topic, consistent ones included. */
  const topicForm = document.getElementById("topic-filters");
  const topicPager = Pager(document.getElementById("topic-cards"), document.getElementById("topic-pager"),
    document.getElementById("topic-status"), topicCard, "topics", data.topics.length);
  const topicText = new Map();

  function applyTopicFilters() {
    const form = new FormData(topicForm);
    const status = form.get("status");
    const query = String(form.get("q") || "").trim();
    if (topics.has(query)) {
      topicPager.set([topics.get(query)], "Topic " + query + " (clear the search to see every topic).");
      return;
    }
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = [];
    for (const t of data.topics) {
      const hasFindings = topicFindings.has(t.id);
      if (status === "findings" && !hasFindings) continue;
      if (status === "consistent" && hasFindings) continue;
      if (words.length) {
        if (!topicText.has(t.id)) {
          const parts = [t.id, t.label];
          for (const id of t.claims) {
            const claim = claims.get(id);
            if (claim) parts.push(claim.text, claim.sentence, claim.object, (docs.get(claim.doc) || {}).path || "");
          }
          topicText.set(t.id, parts.join("\n").toLowerCase());
        }
        const text = topicText.get(t.id);
        if (!words.every((w) => text.includes(w))) continue;
      }
      shown.push(t);
    }
    topicPager.set(shown);
  }

  /* The claim graph: a page of topics at a time, drawn where html.py's layout puts them. */
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const name of Object.keys(attributes || {})) node.setAttribute(name, String(attributes[name]));
    return node;
  }
  function titled(node, text) {
    const title = document.createElementNS(SVG, "title");
    title.textContent = text;
    node.append(title);
    return node;
  }
  function short(text, length) { return text.length <= length ? text : text.slice(0, length - 1) + "\u2026"; }

  function graphPage(indexes) {
    const layout = data.graph;
    const width = layout.columns * layout.cell[0];
    const height = Math.max(1, Math.ceil(indexes.length / layout.columns)) * layout.cell[1];
    const picture = svg("svg", { class: "graph", width: width, height: height, viewBox: "0 0 " + width + " " + height,
      role: "img" });
    const cells = svg("g");
    const lines = svg("g");
    const dots = svg("g");
    const position = new Map();
    for (const index of indexes) {
      const topic = data.topics[index];
      const [x, y, status, positions] = layout.topics[index];
      const cell = titled(svg("g", { class: "cell status-" + status, "data-topic": topic.id }), topic.id + ": " + topic.label);
      cell.append(svg("rect", { x: x + 4, y: y + 4, width: layout.cell[0] - 8, height: layout.cell[1] - 8, rx: 6 }));
      const label = svg("text", { x: x + 12, y: y + 22, class: "cell-label" });
      label.textContent = short(topic.id + " " + topic.label, 32);
      cell.append(label);
      cells.append(cell);
      topic.claims.forEach((id, k) => {
        const [cx, cy, labelY] = positions[k];
        position.set(id, [cx, cy]);
        const claim = claims.get(id);
        const text = claim ? claim.text : id;
        const dot = titled(svg("g", { class: "node", "data-topic": topic.id, "data-claim": id }),
          id + " [" + (claim ? claim.lang : "?") + "] " + text);
        dot.append(svg("circle", { cx: cx, cy: cy, r: 7, class: langClass(claim ? claim.lang : "") }));
        const name = svg("text", { x: cx, y: labelY, class: "node-label" });
        name.textContent = short(text, 13);
        dot.append(name);
        dots.append(dot);
      });
    }
    const drawn = new Set();
    for (const id of position.keys()) {
      for (const i of claimLinks.get(id) || []) {
        const link = data.links[i];
        const [a, b] = link.claims;
        if (drawn.has(i) || !position.has(a) || !position.has(b)) continue;
        drawn.add(i);
        const [x1, y1] = position.get(a);
        const [x2, y2] = position.get(b);
        const cross = (claims.get(a) || {}).topic !== (claims.get(b) || {}).topic;
        lines.append(titled(svg("line", { x1: x1, y1: y1, x2: x2, y2: y2,
          "stroke-width": (1 + 2 * Math.max(0, Math.min(1, Number(link.weight) || 0))).toFixed(2),
          class: "edge edge-" + layout.links[i] + (cross ? " cross" : "") }),
        a + " \u2013 " + b + " (" + Number(link.weight).toFixed(2) + "): " + link.reason));
      }
    }
    picture.append(cells, lines, dots);
    return [picture];
  }

  /* Documents: the text with its claims highlighted; offsets index the text. */
  const docPicker = document.getElementById("doc-picker");
  const docSelect = docPicker.elements.namedItem("doc");
  const docMeta = document.getElementById("doc-meta");
  const docText = document.getElementById("doc-text");
  let shownDoc = null;

  function renderDocument(id) {
    const doc = docs.get(id);
    shownDoc = id;
    if (!doc) { docMeta.replaceChildren(el("p", "empty", "No document.")); docText.replaceChildren(); return; }
    const list = docClaims.get(id) || [];
    docMeta.replaceChildren(el("h2", null, doc.title || doc.path),
      el("p", null, doc.path + " \u00b7 " + doc.lang + " \u00b7 " + doc.format + " \u00b7 "
        + (doc.published ? "published " + doc.published : "publication date unknown") + " \u00b7 "
        + list.length + " claims"));
    if (doc.format === "html") {
      docMeta.append(el("p", null, "Shown as the text claimcheck read: tags removed, entities decoded, whitespace collapsed."));
    }
    docText.setAttribute("lang", doc.lang || "");
    const text = doc.text || "";
    const parts = [];
    let at = 0;
    for (const claim of list) {
      if (claim.start < at || claim.end > text.length || text.slice(claim.start, claim.end) !== claim.text) continue;
      const before = text.slice(at, claim.start);
      parts.push(document.createTextNode(at === 0 ? before.trimStart() : before));
      const severity = claimSeverity.get(claim.id);
      const mark = el("mark", severity ? "sev-" + severity : claim.topic ? "linked" : "claim", claim.text);
      mark.id = "claim-" + claim.id;
      mark.dataset.claim = claim.id;
      mark.title = claim.id + ": " + claim.kind + " " + formatNumber(claim.value) + (claim.unit ? " " + claim.unit : "")
        + " (" + claim.qualifier + ")" + (claim.topic ? ", topic " + claim.topic : ", in no topic")
        + (severity ? ", in a finding (" + severity + ")" : "");
      parts.push(mark);
      at = claim.end;
    }
    parts.push(document.createTextNode(at === 0 ? text.trimStart() : text.slice(at)));
    docText.replaceChildren(...parts);
  }

  docSelect.addEventListener("change", () => renderDocument(docSelect.value));
  docText.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-claim]");
    const claim = mark && claims.get(mark.dataset.claim);
    if (claim && claim.topic) showTopic(claim.topic);
  });

  /* Views. */
  const views = ["findings", "topics", "graph", "documents"];
  const rendered = new Set();
  function show(view) {
    for (const name of views) document.getElementById("view-" + name).hidden = name !== view;
    for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    if (rendered.has(view)) return;
    rendered.add(view);
    if (view === "topics") applyTopicFilters();
    if (view === "graph") {
      Pager(document.getElementById("graph-box"), document.getElementById("graph-pager"),
        document.getElementById("graph-status"), null, "topics", data.topics.length, data.graph.per_page, graphPage)
        .set(data.topics.map((t, i) => i));
    }
    if (view === "documents" && shownDoc === null && docSelect.value) renderDocument(docSelect.value);
  }
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => show(tab.dataset.view));

  function showTopic(id) {
    topicForm.elements.namedItem("status").value = "";
    topicForm.elements.namedItem("q").value = id;
    show("topics");
    applyTopicFilters();
    document.getElementById("view-topics").scrollIntoView({ block: "start" });
  }

  function showDocument(id) {
    docSelect.value = id;
    show("documents");
    if (shownDoc !== id) renderDocument(id);
    document.getElementById("view-documents").scrollIntoView({ block: "start" });
  }

  function showClaim(id) {
    const claim = claims.get(id);
    if (!claim) return;
    showDocument(claim.doc);
    const mark = document.getElementById("claim-" + id);
    if (!mark) return;
    for (const old of docText.querySelectorAll("mark.flash")) old.classList.remove("flash");
    mark.classList.add("flash");
    mark.scrollIntoView({ block: "center" });
  }

  document.getElementById("graph-box").addEventListener("click", (event) => {
    const target = event.target.closest("[data-topic]");
    if (target) showTopic(target.dataset.topic);
  });
  for (const button of document.querySelectorAll(".open-doc")) {
    button.addEventListener("click", () => showDocument(button.dataset.doc));
  }

  /* Suppressed and baselined findings: built when their section is opened. */
  for (const section of document.querySelectorAll("details.lazy-findings")) {
    const list = data[section.dataset.list] || [];
    const label = section.dataset.list;
    let done = false;
    section.addEventListener("toggle", () => {
      if (!section.open || done || !list.length) return;
      done = true;
      Pager(section.querySelector(".cards"), section.querySelector(".pager"), null, (f) => findingCard(f, label),
        label, list.length).set(list);
    });
  }

  let pending = 0;
  function later(apply) { clearTimeout(pending); pending = setTimeout(apply, 120); }
  findingForm.addEventListener("change", applyFindingFilters);
  findingForm.addEventListener("input", (event) => { if (event.target.name === "q") later(applyFindingFilters); });
  findingForm.addEventListener("submit", (event) => { event.preventDefault(); applyFindingFilters(); });
  topicForm.addEventListener("change", applyTopicFilters);
  topicForm.addEventListener("input", (event) => { if (event.target.name === "q") later(applyTopicFilters); });
  topicForm.addEventListener("submit", (event) => { event.preventDefault(); applyTopicFilters(); });
  docPicker.addEventListener("submit", (event) => event.preventDefault());

  findingForm.reset();
  topicForm.reset();
  applyFindingFilters();
  document.documentElement.dataset.ready = "true";
})();
