// Promotions console: reload the page when the lane changes, and never post a form twice.
(function () {
  'use strict';
  var version = document.body.getAttribute('data-version');
  var every = parseInt(document.body.getAttribute('data-poll-ms'), 10);

  function typing() {
    var active = document.activeElement;
    return active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function poll() {
    if (typing()) {
      setTimeout(poll, every);
      return;
    }
    fetch('version', { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : version; })
      .then(function (current) {
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

  document.addEventListener('submit', function (event) {
    var buttons = event.target.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
    }
  });
})();
