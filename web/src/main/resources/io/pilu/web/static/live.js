// Keeps /live current: asks /live/feed every few seconds and rebuilds the rows from its JSON with DOM text nodes
// (never innerHTML), marking rows that were not there before.
(function () {
  'use strict';
  var table = document.getElementById('live');
  var status = document.getElementById('live-status');
  if (!table || !status) {
    return;
  }
  var body = table.tBodies[0];
  var every = parseInt(status.getAttribute('data-poll-ms'), 10) || 3000;
  var known = {};
  Array.prototype.forEach.call(body.rows, function (r) { known[r.getAttribute('data-id')] = true; });

  function link(href, text) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    return a;
  }
  function cell(row, child) {
    var td = document.createElement('td');
    if (child) {
      td.appendChild(child);
    }
    row.appendChild(td);
    return td;
  }
  function render(feed) {
    var fresh = {};
    var rows = document.createDocumentFragment();
    feed.items.forEach(function (it) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-id', it.id);
      if (!known[it.id]) {
        tr.className = 'new';
      }
      fresh[it.id] = true;
      var time = document.createElement('time');
      time.textContent = it.publishDate;
      cell(tr, time);
      cell(tr, it.companyCode
        ? link('/companies/' + encodeURIComponent(it.companyCode), it.companyName ? it.companyName + ' (' + it.companyCode + ')' : it.companyCode)
        : document.createTextNode(it.companyName));
      cell(tr, link('/announcements/' + encodeURIComponent(it.id), it.title || '(无标题)'));
      cell(tr, document.createTextNode(it.documentClass));
      var original = null;
      if (it.documentUrl) {
        original = link(it.documentUrl, '原文');
        original.className = 'original';
        original.rel = 'noopener noreferrer';
        original.target = '_blank';
      }
      cell(tr, original);
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    known = fresh;
    status.textContent = '共 ' + feed.total + ' 条 · 自动更新 · ' + new Date().toLocaleTimeString('zh-CN', { hour12: false });
  }
  function poll() {
    fetch('/live/feed', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(render)
      .catch(function (e) { status.textContent = '更新失败（' + e.message + '），稍后重试'; })
      .then(function () { setTimeout(poll, every); });
  }
  setTimeout(poll, every);
})();
