// classweightsStreamReader reads a File from start to end through a BYOB
// stream reader into one buffer of size bytes that it reuses, for the
// calculator's Go code, which counts the file piece by piece. No buffer is
// made per read, so the tab's memory stays the same however large the file;
// reading slices instead would leave a buffer each for the collector, which
// comes late. read(done) fills the buffer, or up to the end of the file, and
// calls done with the number of bytes, "" and a view of them, or with -1 and
// the reason.
window.classweightsStreamReader = function (file, size) {
  const reader = file.stream().getReader({ mode: "byob" });
  let buffer = new ArrayBuffer(size);
  return {
    read(done) {
      (async () => {
        let filled = 0;
        while (filled < buffer.byteLength) {
          const view = new Uint8Array(buffer, filled, buffer.byteLength - filled);
          const { value, done: isEnd } = await reader.read(view);
          if (value) {
            buffer = value.buffer; // the read moved the buffer to a new object
            filled += value.byteLength;
          }
          if (isEnd) {
            break;
          }
        }
        done(filled, "", new Uint8Array(buffer, 0, filled));
      })().catch((err) => done(-1, String(err), null));
    },
    cancel() {
      reader.cancel();
    },
  };
};
