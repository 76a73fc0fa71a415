// The clerk's page: choose or drop files, send them to /api/report, show the progress as each file is
// checked, then the verdicts, the reviewer's table, the downloads and the report itself. No external asset.
"use strict";

const settings = JSON.parse(document.body.dataset.settings);
const $ = (id) => document.getElementById(id);
const VERDICT = { fail: "不合格", revise: "需修改", pass: "通过" };
let chosen = [];
let sent = []; // the files of the last check, in the order the server numbered them
let report = null;

function megabytes(bytes) {
  return (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1) + " MB";
}

function element(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props || {});
  node.append(...children);
  return node;
}

function showChosen() {
  $("chosen").replaceChildren(...chosen.map((f) => element("li", { textContent: `${f.name}（${megabytes(f.size)}）` })));
}

function add(files) {
  for (const file of files) {
    if (!chosen.some((f) => f.name === file.name && f.size === file.size)) chosen.push(file);
  }
  showChosen();
}

function problem(text) {
  $("problem").textContent = text;
  $("problem").hidden = !text;
}

function progress(text, fraction) {
  $("progress").hidden = false;
  $("progress-text").textContent = text;
  if (fraction === null) $("bar").removeAttribute("value");
  else $("bar").value = Math.round(fraction * 100);
}

function fields() {
  const form = new FormData();
  const year = $("year").value.trim();
  const published = $("published").value;
  if (year) form.append("year", year);
  if (published) form.append("published", published);
  return form;
}

function headers() {
  const token = $("token").value.trim();
  return token ? { Authorization: "Bearer " + token } : {};
}

function refusal(status, text) {
  if (status === 401) $("token-field").hidden = false;
  try {
    return JSON.parse(text).error;
  } catch (e) {
    return `检查服务出错（${status}），请稍后再试`;
  }
}

function start(event) {
  event.preventDefault();
  problem("");
  if (!chosen.length) return problem("请先选择要检查的报告文件。");
  const total = chosen.reduce((sum, f) => sum + f.size, 0);
  if (total > settings.upload) {
    return problem(`所选文件共 ${megabytes(total)}，超过一次上传 ${megabytes(settings.upload)} 的上限，请分几次检查。`);
  }
  const form = fields();
  sent = chosen.slice();
  for (const file of sent) form.append("file", file, file.name);
  const request = new XMLHttpRequest();
  const began = Date.now();
  let seen = 0;
  let checking = "正在检查……";
  const clock = setInterval(() => {
    if (request.readyState >= 2) progress(`${checking}（已用时 ${Math.round((Date.now() - began) / 1000)} 秒）`, null);
  }, 1000);
  const finish = () => {
    clearInterval(clock);
    $("start").disabled = false;
    $("progress").hidden = true;
  };
  const lines = () => {
    const text = request.responseText;
    const end = text.lastIndexOf("\n");
    if (end < seen) return;
    for (const line of text.slice(seen, end).split("\n")) {
      if (!line) continue;
      const message = JSON.parse(line);
      if (message.report) show(message.report);
      else if (message.total) {
        checking = `正在检查：已完成 ${message.done} / ${message.total} 个文件`;
        progress(checking, message.done / message.total);
      }
    }
    seen = end + 1;
  };
  request.upload.onprogress = (e) => {
    if (e.lengthComputable) progress(`正在上传：${Math.round((e.loaded / e.total) * 100)}%`, e.loaded / e.total);
  };
  request.upload.onload = () => progress("上传完成，正在检查……", null);
  request.onprogress = () => request.status === 200 && lines();
  request.onload = () => {
    finish();
    if (request.status !== 200) return problem(refusal(request.status, request.responseText));
    lines();
    if (!report) problem("检查没有完成，请重试；若一再出现，请联系管理员查看服务日志。");
  };
  request.onerror = () => {
    finish();
    problem("无法连接检查服务：请确认服务仍在运行，或文件是否过大。");
  };
  request.open("POST", "/api/report");
  for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
  report = null;
  $("results").hidden = true;
  $("start").disabled = true;
  progress("正在上传……", 0);
  request.send(form);
}

function verdictBadge(verdict) {
  return element("span", { className: "verdict " + verdict, textContent: VERDICT[verdict] });
}

function show(data) {
  report = data;
  $("files").replaceChildren(
    ...data.files.map((file) => {
      const counts = `错误 ${file.error} 条 · 警告 ${file.warning} 条 · 提示 ${file.info} 条`;
      const item = element("li", {}, element("span", { className: "name", textContent: file.name }));
      item.append(verdictBadge(file.verdict), element("span", { className: "hint", textContent: counts }));
      if (file.word) {
        const button = element("button", { type: "button", className: "word", textContent: "下载批注版 Word（含批注和修订）" });
        button.onclick = () => reviewed(file, button);
        item.append(button);
      }
      return item;
    })
  );
  $("skipped").hidden = !data.skipped.length;
  $("skipped").textContent = data.skipped.length ? `已跳过 ${data.skipped.length} 个不能检查的文件：${data.skipped.join("、")}` : "";
  $("review").hidden = !data.table;
  $("save-csv").hidden = !data.csv;
  if (data.table) {
    const [head, ...rows] = data.table;
    const row = (cells, tag) => element("tr", {}, ...cells.map((c) => element(tag, { textContent: c })));
    $("review-table").replaceChildren(row(head, "th"), ...rows.map((r) => row(r, "td")));
  }
  $("report").srcdoc = data.html;
  $("results").hidden = false;
}

function save(blob, name) {
  const link = element("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

async function reviewed(file, button) {
  const form = fields();
  const source = sent[file.upload];
  form.append("file", source, source.name);
  if (file.member) form.append("member", file.member);
  button.disabled = true;
  const label = button.textContent;
  button.textContent = "正在生成批注版……";
  try {
    const response = await fetch("/api/reviewed", { method: "POST", body: form, headers: headers() });
    if (!response.ok) return problem(refusal(response.status, await response.text()));
    const stem = file.name.split("/").pop().replace(/\.[^.]*$/, "");
    save(await response.blob(), `${stem}（审阅）.docx`);
  } catch (e) {
    problem("无法连接检查服务：请确认服务仍在运行。");
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

$("drop").onclick = () => $("file").click();
$("drop").onkeydown = (e) => (e.key === "Enter" || e.key === " ") && $("file").click();
$("drop").ondragover = (e) => {
  e.preventDefault();
  $("drop").classList.add("over");
};
$("drop").ondragleave = () => $("drop").classList.remove("over");
$("drop").ondrop = (e) => {
  e.preventDefault();
  $("drop").classList.remove("over");
  add(e.dataTransfer.files);
};
$("file").onchange = () => {
  add($("file").files);
  $("file").value = "";
};
$("clear").onclick = () => {
  chosen = [];
  showChosen();
  problem("");
};
$("save-csv").onclick = () => save(new Blob([report.csv], { type: "text/csv;charset=utf-8" }), "汇总表.csv");
$("save-html").onclick = () => save(new Blob([report.html], { type: "text/html;charset=utf-8" }), "检查报告.html");
$("form").onsubmit = start;
$("token-field").hidden = !settings.token;
const fromLink = new URLSearchParams(location.hash.slice(1)).get("token");
if (fromLink) $("token").value = fromLink;
