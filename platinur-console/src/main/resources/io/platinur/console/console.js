// Promotions console: reload the page when the lane changes, and never post a form twice.
// It asks every poll interval while the page is in use; while nobody touches it, less and less often,
// up to five intervals apart; a hidden page does not ask at all.
(function () {
  'use strict';
  var version = document.body.getAttribute('data-version');
  var every = parseInt(document.body.getAttribute('data-poll-ms'), 10);
  var longest = every * 5;
  var interval = every;
  var submitting = false;
  var waiting = null;
  var asking = false;

  // An answer is shown once: the address that carried it is put back to the page's own, so that a
  // reload (or the page reloading itself) does not ask for it again.
  if (window.location.search) {
    window.history.replaceState(null, '', window.location.pathname);
  }

  function typing() {
    var active = document.activeElement;
    return active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function later(delay) {
    clearTimeout(waiting);
    waiting = setTimeout(poll, delay);
  }

  // One conditional request: 304 (no body) while the lane is as this page shows it.
  function poll() {
    waiting = null;
    if (submitting || document.hidden) {
      return; // a hidden page asks again when it is shown
    }
    if (typing()) {
      later(every);
      return;
    }
    asking = true;
    fetch('/version', { cache: 'no-store', credentials: 'same-origin', headers: { 'If-None-Match': '"' + version + '"' } })
      .then(function (response) {
        if (response.status === 304) {
          return version;
        }
        return response.ok ? response.text() : version;
      })
      .then(function (current) {
        asking = false;
        if (submitting) {
          return;
        }
        if (current.trim() !== version) {
          window.location.reload();
        } else {
          interval = Math.min(longest, Math.round(interval * 1.5));
          later(interval);
        }
      })
      .catch(function () {
        asking = false;
        later(every * 5);
      });
  }

  // Someone is here again: back to asking every interval, starting now.
  function active() {
    if (document.hidden || submitting || interval === every) {
      return;
    }
    interval = every;
    if (!asking) {
      later(0);
    }
  }

  if (every > 0) {
    later(every);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && waiting === null && !asking && !submitting) {
        interval = every;
        poll();
      }
    });
    ['focus', 'pointerdown', 'keydown'].forEach(function (type) {
      window.addEventListener(type, active, true);
    });
  }

  // A form on its way answers with the page itself: stop polling, and never post it twice.
  // The buttons are disabled once the form's data is taken: a button disabled during the submit
  // event would drop its own name and value (the digest board's buttons name their target so).
  document.addEventListener('submit', function (event) {
    submitting = true;
    var elements = event.target.elements;
    setTimeout(function () {
      for (var i = 0; i < elements.length; i++) {
        if (elements[i].tagName === 'BUTTON') {
          elements[i].disabled = true;
        }
      }
    }, 0);
  });
})();
