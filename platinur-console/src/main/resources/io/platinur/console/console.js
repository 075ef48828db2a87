// Promotions console: reload the page when the lane changes, and never post a form twice.
(function () {
  'use strict';
  var version = document.body.getAttribute('data-version');
  var every = parseInt(document.body.getAttribute('data-poll-ms'), 10);
  var submitting = false;

  function typing() {
    var active = document.activeElement;
    return active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function poll() {
    if (submitting) {
      return;
    }
    if (typing()) {
      setTimeout(poll, every);
      return;
    }
    fetch('version', { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : version; })
      .then(function (current) {
        if (submitting) {
          return;
        }
        if (current.trim() !== version) {
          location.reload();
        } else {
          setTimeout(poll, every);
        }
      })
      .catch(function () { setTimeout(poll, every * 5); });
  }

  if (every > 0) {
    setTimeout(poll, every);
  }

  // A form on its way answers with the page itself: stop polling, and never post it twice.
  document.addEventListener('submit', function (event) {
    submitting = true;
    var buttons = event.target.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
    }
  });
})();
