// Runs in headless Chromium after speedscope's own bundle (patched only to expose its importer):
// imports window.__pipescopeTrace as speedscope does for a dropped file and reports, as JSON in
// <script id="pipescope-result">, every warning or error the import logged and per profile
// (one per pid/tid) its name, number of frames and deepest nesting.
(function () {
  const result = {warnings: [], errors: [], profiles: []};
  const keep = console.warn;
  const keepError = console.error;
  console.warn = (...args) => result.warnings.push(args.map(String).join(' '));
  console.error = (...args) => result.errors.push(args.map(String).join(' '));
  try {
    const speedscope = window.__pipescopeSpeedscope;
    if (!speedscope) throw new Error('the patched speedscope bundle did not expose its importer');
    speedscope.init();
    const group = speedscope.importTrace(window.__pipescopeTrace);
    if (!group || !group.profiles) throw new Error('speedscope did not recognise the file as a trace');
    for (const profile of group.profiles) {
      let depth = 0;
      let deepest = 0;
      let frames = 0;
      profile.forEachCall(
        () => {
          depth += 1;
          frames += 1;
          deepest = Math.max(deepest, depth);
        },
        () => {
          depth -= 1;
        });
      result.profiles.push({name: profile.getName(), frames: frames, deepest: deepest});
    }
  } catch (e) {
    result.errors.push('import threw: ' + (e && e.stack ? e.stack : String(e)));
  }
  console.warn = keep;
  console.error = keepError;
  const out = document.createElement('script');
  out.type = 'application/json';
  out.id = 'pipescope-result';
  // "</" cannot end the element early: escape it inside the JSON text.
  out.textContent = JSON.stringify(result).replace(/<\//g, '<\\/');
  document.head.appendChild(out);
})();
