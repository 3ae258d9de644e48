// The page's only script beyond htmx: the pause box (ignore pushed updates while checked), a
// refresh when un-pausing, the connection indicator, and the live region's replay guard. Kept here because the CSP forbids inline JS.
(function () {
  'use strict';
  var pause = document.getElementById('pause');
  var refresh = document.getElementById('refresh');
  var connection = document.getElementById('connection');
  var paused = function () { return pause !== null && pause.checked; };

  // On (re)connecting, the server sends the whole state, the live region's last text with it: that
  // text is what is already on screen (and may be a while old), not news, so it is not spoken.
  var announceIsReplay = false;
  document.body.addEventListener('htmx:sseOpen', function () { announceIsReplay = true; });

  // Pushed panel swaps.
  document.body.addEventListener('htmx:sseBeforeMessage', function (event) {
    if (event.target && event.target.id === 'announce' && announceIsReplay) {
      announceIsReplay = false;
      event.preventDefault();
      return;
    }
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
