// The study viewer (templates/imaging/viewer.html): series from QIDO-RS, each slice as a
// WADO-RS rendered image (PS3.18 §10.4.1.1.3) with the window asked, over the page's
// session. Wheel and arrow keys move through slices, the presets and a drag set the window.
(function () {
  'use strict';
  var root = document.getElementById('viewer');
  var base = root.dataset.base;
  var study = root.dataset.study;
  var frame = document.getElementById('frame');
  var box = document.getElementById('frame-box');
  var seriesNav = document.getElementById('series');
  var state = { series: null, slices: [], index: 0, window: null, objectWindow: null };
  var VIEWPORT = '512,512';

  function value(item, tag) {
    var element = item[tag];
    return element && element.Value ? element.Value[0] : null;
  }

  function query(path) {
    return fetch(base + path, { headers: { Accept: 'application/dicom+json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status === 403 ? 'You may not view this study.' : 'The study could not be read (' + response.status + ').');
        }
        return response.json();
      });
  }

  function fail(message) {
    var error = document.getElementById('viewer-error');
    error.textContent = message;
    error.hidden = false;
  }

  function sliceUrl(slice) {
    var url = base + '/studies/' + study + '/series/' + slice.series + '/instances/' + slice.instance;
    url += slice.frames > 1 ? '/frames/' + slice.frame + '/rendered' : '/rendered';
    url += '?viewport=' + VIEWPORT;
    if (state.window) {
      url += '&window=' + Math.round(state.window.center) + ',' + Math.max(1, Math.round(state.window.width)) + ',linear';
    }
    return url;
  }

  function show(index) {
    if (state.slices.length === 0) {
      return;
    }
    state.index = Math.max(0, Math.min(state.slices.length - 1, index));
    frame.src = sliceUrl(state.slices[state.index]);
    frame.dataset.index = String(state.index);
    document.getElementById('slice-position').textContent = 'Slice ' + (state.index + 1) + ' / ' + state.slices.length;
    var preload = state.slices[state.index + 1];
    if (preload) {
      new Image().src = sliceUrl(preload);
    }
  }

  function showWindow() {
    var text = state.window
      ? 'W ' + Math.round(state.window.width) + ' L ' + Math.round(state.window.center)
      : 'W/L as stored';
    document.getElementById('window-level').textContent = text;
  }

  function selectSeries(uid, button) {
    Array.prototype.forEach.call(seriesNav.querySelectorAll('button'), function (b) {
      b.classList.toggle('selected', b === button);
    });
    return query('/studies/' + study + '/series/' + uid + '/instances')
      .then(function (instances) {
        instances.sort(function (a, b) { return (value(a, '00200013') || 0) - (value(b, '00200013') || 0); });
        var slices = [];
        instances.forEach(function (item) {
          if (value(item, '00280010') === null) {
            return;
          }
          var frames = value(item, '00280008') || 1;
          for (var f = 1; f <= frames; f++) {
            slices.push({ series: uid, instance: value(item, '00080018'), frame: f, frames: frames });
          }
        });
        state.series = uid;
        state.slices = slices;
        show(0);
      });
  }

  function loadSeries() {
    query('/studies/' + study + '/series').then(function (series) {
      if (series.length === 0) {
        fail('No images of this study are available here.');
        return;
      }
      series.sort(function (a, b) { return (value(a, '00200011') || 0) - (value(b, '00200011') || 0); });
      series.forEach(function (item) {
        var uid = value(item, '0020000E');
        var button = document.createElement('button');
        button.type = 'button';
        button.id = 'series-' + (value(item, '00200011') || uid);
        button.dataset.series = uid;
        var img = document.createElement('img');
        img.alt = 'Series ' + (value(item, '00200011') || '');
        img.src = base + '/studies/' + study + '/series/' + uid + '/thumbnail';
        var label = document.createElement('span');
        label.textContent = [value(item, '00080060'), value(item, '00200011'), value(item, '0008103E')]
          .filter(function (v) { return v !== null; }).join(' · ') + ' (' + (value(item, '00201209') || 0) + ')';
        button.appendChild(img);
        button.appendChild(label);
        button.addEventListener('click', function () { selectSeries(uid, button); box.focus(); });
        seriesNav.appendChild(button);
      });
      var first = seriesNav.querySelector('button');
      return selectSeries(first.dataset.series, first);
    }).catch(function (error) { fail(error.message); });
    query('/studies?StudyInstanceUID=' + study).then(function (studies) {
      var s = studies[0];
      if (!s) {
        document.getElementById('study-summary').textContent = '';
        return;
      }
      var name = value(s, '00100010');
      var date = value(s, '00080020') || '';
      document.getElementById('study-summary').textContent = [name ? name.Alphabetic : null,
        date.replace(/^(\d{4})(\d{2})(\d{2})$/, '$3/$2/$1'), value(s, '00080050')]
        .filter(function (v) { return v; }).join(' · ');
    }).catch(function () { /* the series query reports the failure */ });
  }

  box.addEventListener('wheel', function (event) {
    event.preventDefault();
    show(state.index + (event.deltaY > 0 ? 1 : -1));
  }, { passive: false });

  box.addEventListener('keydown', function (event) {
    var moves = { ArrowDown: 1, ArrowRight: 1, PageDown: 10, ArrowUp: -1, ArrowLeft: -1, PageUp: -10 };
    if (event.key in moves) {
      event.preventDefault();
      show(state.index + moves[event.key]);
    }
    else if (event.key === 'Home') {
      show(0);
    }
    else if (event.key === 'End') {
      show(state.slices.length - 1);
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-window]'), function (button) {
    button.addEventListener('click', function () {
      var w = button.dataset.window;
      state.window = w ? { center: Number(w.split(',')[0]), width: Number(w.split(',')[1]) } : null;
      showWindow();
      show(state.index);
      box.focus();
    });
  });

  // Dragging sets the window: right widens it, down raises the level, as on a workstation.
  var drag = null;
  var pending = null;
  box.addEventListener('mousedown', function (event) {
    event.preventDefault();
    box.focus();
    drag = { x: event.clientX, y: event.clientY, start: state.window || { center: 40, width: 400 } };
  });
  window.addEventListener('mousemove', function (event) {
    if (!drag) {
      return;
    }
    var scale = Math.max(1, drag.start.width / 256);
    state.window = {
      center: drag.start.center + (event.clientY - drag.y) * scale,
      width: Math.max(1, drag.start.width + (event.clientX - drag.x) * scale)
    };
    showWindow();
    if (!pending) {
      pending = setTimeout(function () { pending = null; show(state.index); }, 120);
    }
  });
  window.addEventListener('mouseup', function () {
    if (drag) {
      drag = null;
      show(state.index);
    }
  });

  loadSeries();
}());
