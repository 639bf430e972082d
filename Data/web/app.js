// nomen's page: annotate and check an article, edit the glossary. Plain
// JavaScript over the HTTP API described at /openapi.json; no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { text: "", findings: [], entity: null, etag: null };

// ---- The API --------------------------------------------------------------

async function api(method, path, body, headers = {}) {
  const token = $("token").value.trim();
  const init = { method, headers: { ...headers } };
  if (token) init.headers["Authorization"] = "Bearer " + token;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const message = (data && data.error) || (typeof data === "string" && data) || response.statusText;
    const error = new Error(`${response.status}: ${message}`);
    error.status = response.status;
    throw error;
  }
  return { data, etag: response.headers.get("ETag") };
}

// A list from a response that is a list or an object holding one.
function listOf(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const key of keys) if (data && Array.isArray(data[key])) return data[key];
  return [];
}

async function showRevision() {
  try {
    const { data } = await api("GET", "/v1/revision");
    $("revision").textContent = "revision " + data.revision;
  } catch (error) {
    $("revision").textContent = "revision unknown";
  }
}

function say(where, message, isError = false) {
  $(where).textContent = message;
  $(where).classList.toggle("error", isError);
}

// ---- The article ----------------------------------------------------------

function articleRequest(extra = {}) {
  const request = { text: state.text, format: $("format").value, ...extra };
  if ($("lang").value) request.lang = $("lang").value;
  return request;
}

async function annotateAndCheck() {
  state.text = $("text").value;
  if (!state.text.trim()) { say("article-status", "Paste or choose an article first."); return; }
  say("article-status", "Working…");
  try {
    const [annotated, checked] = await Promise.all([
      api("POST", "/v1/annotate", articleRequest()),
      api("POST", "/v1/check", articleRequest()),
    ]);
    renderMentions(state.text, annotated.data.mentions || []);
    state.findings = checked.data.findings || [];
    renderFindings(state.findings);
    say("article-status", `Language: ${annotated.data.language}.`);
  } catch (error) {
    say("article-status", error.message, true);
  }
}

// Mentions carry Unicode scalar offsets; Array.from splits a string into scalars.
function renderMentions(text, mentions) {
  const scalars = Array.from(text);
  const view = $("annotated");
  view.replaceChildren();
  let at = 0;
  for (const mention of mentions) {
    if (mention.start < at) continue;
    view.append(scalars.slice(at, mention.start).join(""));
    const mark = document.createElement("mark");
    mark.textContent = scalars.slice(mention.start, mention.end).join("");
    mark.className = "m";
    if (mention.entity) {
      mark.classList.add("type-" + mention.type);
      mark.dataset.entity = mention.entity;
      mark.dataset.canonical = mention.canonical || "";
      mark.title = `${mention.canonical} — ${mention.entity} (${mention.type}, ${mention.tier}${mention.short ? ", short" : ""})`;
    } else {
      mark.classList.add("ambiguous");
      mark.dataset.candidates = mention.candidates.join(" ");
      mark.title = "ambiguous: " + mention.candidates.join(", ");
    }
    if (mention.short) mark.classList.add("short");
    mark.addEventListener("click", () => {
      const id = mention.entity || mention.candidates[0];
      if (id) { switchTab("glossary"); openEntity(id); }
    });
    view.append(mark);
    at = mention.end;
  }
  view.append(scalars.slice(at).join(""));
  $("mention-count").textContent = `(${mentions.length})`;
}

function renderFindings(findings) {
  const list = $("findings");
  list.replaceChildren();
  for (const finding of findings) {
    const item = document.createElement("li");
    item.dataset.rule = finding.rule;
    const severity = document.createElement("span");
    severity.className = "severity " + finding.severity;
    severity.textContent = finding.severity;
    const where = document.createElement("div");
    where.className = "where";
    where.textContent = `${finding.rule} · line ${finding.line}, column ${finding.column}`;
    item.append(severity, finding.message, where);
    if (finding.fix) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.textContent = `Fix: ${finding.fix.replacement}`;
      button.addEventListener("click", () => applyFix(finding.fix));
      item.append(button);
    }
    list.append(item);
  }
  $("finding-count").textContent = `(${findings.length})`;
  $("fix-all").disabled = !findings.some((finding) => finding.fix);
}

// A fix names UTF-8 byte offsets into the text as it was checked.
async function applyFix(fix) {
  const bytes = new TextEncoder().encode(state.text);
  const replacement = new TextEncoder().encode(fix.replacement);
  const fixed = new Uint8Array(bytes.length - (fix.end_utf8 - fix.start_utf8) + replacement.length);
  fixed.set(bytes.subarray(0, fix.start_utf8), 0);
  fixed.set(replacement, fix.start_utf8);
  fixed.set(bytes.subarray(fix.end_utf8), fix.start_utf8 + replacement.length);
  $("text").value = new TextDecoder().decode(fixed);
  await annotateAndCheck();
}

async function applyAllFixes() {
  try {
    const { data } = await api("POST", "/v1/check", articleRequest({ fix: true }));
    $("text").value = data.text;
    await annotateAndCheck();
  } catch (error) {
    say("article-status", error.message, true);
  }
}

// ---- The glossary ---------------------------------------------------------

const statuses = ["preferred", "admitted", "deprecated", "forbidden"];
const kinds = ["full", "short", "abbreviation", "alias", "misspelling", "generated"];
const cases = ["auto", "sensitive", "insensitive"];

async function search() {
  const query = $("query").value.trim();
  if (!query) return;
  say("glossary-status", "Searching…");
  try {
    const { data } = await api("GET", "/v1/entities?limit=20&q=" + encodeURIComponent(query));
    const results = listOf(data, "results", "entities");
    const list = $("results");
    list.replaceChildren();
    for (const result of results) {
      const entity = result.entity || result;
      const item = document.createElement("li");
      item.dataset.entity = entity.id;
      const preferred = (entity.names || []).find((name) => name.status === "preferred");
      item.textContent = `${preferred ? preferred.text : entity.id} — ${entity.id} (${entity.type})`;
      item.addEventListener("click", () => openEntity(entity.id));
      list.append(item);
    }
    say("glossary-status", results.length ? `${results.length} found.` : "Nothing found.");
  } catch (error) {
    say("glossary-status", error.message, true);
  }
}

async function openEntity(id) {
  try {
    const { data, etag } = await api("GET", "/v1/entities/" + encodeURIComponent(id));
    state.entity = data.entity || data;
    state.etag = etag;
    for (const item of $("results").children) item.classList.toggle("open", item.dataset.entity === id);
    renderEntity();
    await renderHistory();
    say("glossary-status", "");
  } catch (error) {
    say("glossary-status", error.message, true);
  }
}

function select(options, value) {
  const element = document.createElement("select");
  for (const option of options) element.add(new Option(option, option, false, option === value));
  return element;
}

function nameRow(name) {
  const row = document.createElement("tr");
  const text = document.createElement("input");
  text.value = name.text || "";
  text.className = "name-text";
  const lang = document.createElement("input");
  lang.value = name.lang || "";
  lang.className = "name-lang";
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "Remove";
  remove.addEventListener("click", () => row.remove());
  const cells = [text, lang, select(statuses, name.status || "admitted"), select(kinds, name.kind || "full"),
                 select(cases, name.case || "auto"), remove];
  for (const cell of cells) {
    const td = document.createElement("td");
    td.append(cell);
    row.append(td);
  }
  row.original = name;
  return row;
}

function renderEntity() {
  const entity = state.entity;
  $("editor").hidden = false;
  $("entity-id").textContent = entity.id;
  $("entity-meta").textContent = [entity.type, entity.description].filter(Boolean).join(" · ");
  $("names").replaceChildren(...(entity.names || []).map(nameRow));
}

function editedEntity() {
  const names = [];
  for (const row of $("names").children) {
    const [text, lang, status, kind, casePolicy] = row.querySelectorAll("input, select");
    if (!text.value.trim()) continue;
    const name = { ...(row.original || {}), text: text.value.trim(), lang: lang.value.trim(),
                   status: status.value, kind: kind.value };
    if (casePolicy.value === "auto") delete name.case; else name.case = casePolicy.value;
    names.push(name);
  }
  return { ...state.entity, names };
}

async function save() {
  try {
    const { data, etag } = await api("PUT", "/v1/entities/" + encodeURIComponent(state.entity.id), editedEntity(),
                                     { "If-Match": state.etag || "" });
    state.entity = data.entity || data;
    state.etag = etag;
    renderEntity();
    await renderHistory();
    await showRevision();
    say("glossary-status", "Saved.");
  } catch (error) {
    const hint = error.status === 409 ? " Someone changed the glossary since you opened this entity: open it again." : "";
    say("glossary-status", error.message + hint, true);
  }
}

// Only the latest history request draws the list (an entity opened and then
// saved at once sends two).
let historyRequest = 0;

async function renderHistory() {
  const request = ++historyRequest;
  const { data } = await api("GET", "/v1/history?limit=20&entity=" + encodeURIComponent(state.entity.id));
  if (request !== historyRequest) return;
  const items = listOf(data, "changes", "history").map((change) => {
    const item = document.createElement("li");
    item.dataset.change = change.id;
    item.textContent = `#${change.id} ${change.at || ""} ${change.summary || change.command || ""}`;
    const revert = document.createElement("button");
    revert.type = "button";
    revert.className = "revert";
    revert.textContent = "Revert";
    revert.addEventListener("click", () => revertChange(change.id));
    item.append(" ", revert);
    return item;
  });
  $("history").replaceChildren(...items);
}

async function revertChange(id) {
  try {
    const { data: revision } = await api("GET", "/v1/revision");
    await api("POST", `/v1/changes/${id}/revert`, undefined, { "If-Match": `"r${revision.revision}"` });
    await openEntity(state.entity.id);
    await showRevision();
    say("glossary-status", `Change #${id} reverted.`);
  } catch (error) {
    say("glossary-status", error.message, true);
  }
}

// ---- Wiring ---------------------------------------------------------------

function switchTab(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  $("article").hidden = name !== "article";
  $("glossary").hidden = name !== "glossary";
}

for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => switchTab(tab.dataset.tab));
$("article-form").addEventListener("submit", (event) => { event.preventDefault(); annotateAndCheck(); });
$("fix-all").addEventListener("click", applyAllFixes);
$("search-form").addEventListener("submit", (event) => { event.preventDefault(); search(); });
$("add-name").addEventListener("click", () => $("names").append(nameRow({ lang: "en", status: "admitted" })));
$("save").addEventListener("click", save);
$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  if (!file) return;
  $("text").value = await file.text();
  const extension = file.name.split(".").pop().toLowerCase();
  $("format").value = ["html", "htm", "xhtml"].includes(extension) ? "html" : ["md", "markdown"].includes(extension) ? "markdown" : "text";
});
$("token").value = localStorage.getItem("nomen-token") || "";
$("token").addEventListener("change", () => localStorage.setItem("nomen-token", $("token").value));
showRevision();
