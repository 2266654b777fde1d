// Live preview of a contribution's Markdown body (progressive enhancement: the forms work without it).
// While the person types in the body, the text is sent (debounced) to the preview endpoint named by the
// form's data-preview-url, with the CSRF token of data-csrf in a `csrf-token` header; the HTML that comes
// back went through the same Markdown pipeline and sanitizer as a published practice.
(function () {
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  var form = document.querySelector('form.contribution-form[data-preview-url]');
  if (!form || !window.fetch) return;
  var body = form.querySelector('textarea[name="body"]');
  var section = form.querySelector('#preview');
  var target = form.querySelector('#preview-body');
  if (!body || !section || !target) return;

  var DELAY_MS = 400;
  var timer = null;
  var sent = 0;

  function update() {
    var mine = ++sent;
    fetch(form.getAttribute('data-preview-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'csrf-token': form.getAttribute('data-csrf') || '' },
      body: JSON.stringify({ body: body.value })
    })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (data) {
        // Only the latest answer counts (an older, slower one must not overwrite it).
        if (!data || mine !== sent || typeof data.html !== 'string') return;
        target.innerHTML = data.html;
        section.hidden = false;
        section.setAttribute('data-live', 'true');
      })
      .catch(function () { /* the Preview button still works */ });
  }

  body.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, DELAY_MS);
  });
})();
