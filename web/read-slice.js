// classweightsReadSlice copies bytes [start, end) of a File into the
// Uint8Array into and calls done with their number, or with -1 and the reason.
// The calculator's Go code calls it for each slice of a file it counts. No
// reference to a slice's own buffer outlives this function, so the browser can
// collect each one once it is copied; a buffer handed to Go would stay alive
// until Go's next collection, and the tab would grow with the file.
window.classweightsReadSlice = function (file, start, end, into, done) {
  file.slice(start, end).arrayBuffer().then(
    (buffer) => {
      into.set(new Uint8Array(buffer));
      done(buffer.byteLength, "");
    },
    (err) => done(-1, String(err)),
  );
};
