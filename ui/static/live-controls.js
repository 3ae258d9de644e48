// The page's only script beyond htmx: the pause box (ignore pushed updates while checked), a
// refresh when un-pausing, and the connection indicator. Kept here because the CSP forbids inline JS.
(function () {
  'use strict';
  var pause = document.getElementById('pause');
  var refresh = document.getElementById('refresh');
  var connection = document.getElementById('connection');
  var paused = function () { return pause !== null && pause.checked; };

  // Pushed panel swaps.
  document.body.addEventListener('htmx:sseBeforeMessage', function (event) {
    if (paused()) event.preventDefault();
  });
  // Re-fetches triggered by a pushed event (the regions table).
  document.body.addEventListener('htmx:beforeRequest', function (event) {
    var trigger = event.detail && event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (paused() && trigger && typeof trigger.type === 'string' && trigger.type.indexOf('sse:') === 0) event.preventDefault();
  });
  if (pause !== null && refresh !== null) {
    pause.addEventListener('change', function () {
      if (connection !== null) connection.textContent = paused() ? 'Paused' : 'Live';
      if (!paused()) refresh.click();
    });
  }
  if (connection !== null) {
    document.body.addEventListener('htmx:sseOpen', function () {
      connection.textContent = paused() ? 'Paused' : 'Live';
      connection.className = 'connection live';
    });
    document.body.addEventListener('htmx:sseError', function () {
      connection.textContent = 'Reconnecting…';
      connection.className = 'connection lost';
    });
  }
})();
