// Warns before leaving a page whose form (marked data-unsaved-warning) holds changes not yet
// sent: the browser asks before the text typed is lost. Served as a file, since the
// Content-Security-Policy allows no inline script; the form works the same without it.
(function () {
  var forms = document.querySelectorAll('form[data-unsaved-warning]');
  var dirty = false;
  var leaving = false;
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('input', function () {
      dirty = true;
    });
    form.addEventListener('submit', function () {
      leaving = true;
    });
  });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty || leaving) return undefined;
    event.preventDefault();
    event.returnValue = '';
    return '';
  });
})();
