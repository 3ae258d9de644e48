// The page's only script beyond htmx: the pause box (ignore pushed updates while checked), a
// refresh when un-pausing, the connection indicator, spread-out reconnects and the live region's
// replay guard. Kept here because the CSP forbids inline JS.
(function () {
  'use strict';
  // Reconnects spread out. A dropped stream is reopened by EventSource itself after the `retry:`
  // delay the page sent, which the page draws at random per browser (1-5 s). But a reconnect
  // answered with an error (a proxy's 502 while the page restarts) closes the EventSource, and
  // htmx's SSE extension then retries after a fixed backoff (0.5 s, 1 s, 2 s...), the same in
  // every browser: each such retry is held back a random 0-3 s more, so the crowd comes back
  // spread out. Deferred scripts run before htmx opens the stream, so this is in place first.
  var htmx = window.htmx;
  if (htmx && typeof htmx.createEventSource === 'function' && typeof EventSource === 'function') {
    var create = htmx.createEventSource;
    htmx.createEventSource = function (url) {
      var source = create(url);
      var handler = null;
      // The extension sets onerror; keep its handler and call it ourselves (an own property
      // hides the browser's event-handler attribute, so the browser does not call it too).
      Object.defineProperty(source, 'onerror', {
        configurable: true,
        get: function () { return handler; },
        set: function (fn) { handler = fn; },
      });
      source.addEventListener('error', function (event) {
        if (typeof handler !== 'function') return;
        if (source.readyState !== EventSource.CLOSED) { handler.call(source, event); return; }
        setTimeout(function () { handler.call(source, event); }, Math.random() * 3000);
      });
      return source;
    };
  }

  var pause = document.getElementById('pause');
  var live = document.getElementById('live');
  // The main stream's events; a sorted regions table has a stream of its own (#regions-view).
  var fromMain = function (event) { return event.target === live; };
  var refresh = document.getElementById('refresh');
  var connection = document.getElementById('connection');
  var paused = function () { return pause !== null && pause.checked; };

  // On (re)connecting, the server sends the whole state, the live region's last text with it: that
  // text is what is already on screen (and may be a while old), not news, so it is not spoken.
  var announceIsReplay = false;
  document.body.addEventListener('htmx:sseOpen', function (event) { if (fromMain(event)) announceIsReplay = true; });

  // Pushed panel swaps.
  document.body.addEventListener('htmx:sseBeforeMessage', function (event) {
    if (event.target && event.target.id === 'announce' && announceIsReplay) {
      announceIsReplay = false;
      event.preventDefault();
      return;
    }
    if (paused()) event.preventDefault();
  });
  if (pause !== null && refresh !== null) {
    pause.addEventListener('change', function () {
      if (connection !== null) connection.textContent = paused() ? 'Paused' : 'Live';
      if (!paused()) refresh.click();
    });
  }
  if (connection !== null) {
    document.body.addEventListener('htmx:sseOpen', function (event) {
      if (!fromMain(event)) return;
      connection.textContent = paused() ? 'Paused' : 'Live';
      connection.className = 'connection live';
    });
    document.body.addEventListener('htmx:sseError', function (event) {
      if (!fromMain(event)) return;
      connection.textContent = 'Reconnecting…';
      connection.className = 'connection lost';
    });
  }
})();
