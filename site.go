//go:build !wasm

package main

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"
)

// webFS holds the files of web/: styles, icons and, once `make build` has
// run, app.wasm. Embedding them lets the binary serve the page from any
// working directory.
//
//go:embed web
var webFS embed.FS

// errNoWasm says that the binary was built before web/app.wasm existed.
var errNoWasm = errors.New("web/app.wasm is missing from this binary: build it with `make build`")

// checkWasm fails when the embedded files lack the WebAssembly app.
func checkWasm() error {
	if _, err := fs.Stat(webFS, "web/app.wasm"); err != nil {
		return errNoWasm
	}
	return nil
}

// webFiles serves the embedded web/ directory to go-app's handler, under the
// path prefix where the site lives ("" at the root of a host).
type webFiles struct {
	http.Handler
	prefix string
}

func (w webFiles) Package() string { return w.prefix }
func (w webFiles) Static() string  { return w.prefix }
func (w webFiles) AppWASM() string { return w.prefix + "/web/app.wasm" }

// newHandler returns the go-app handler of the calculator, for a site served
// under the path base ("" or "/" for the root of a host, "/weights" for a
// sub-path).
func newHandler(base string) (*goapp.Handler, error) {
	base = strings.TrimSuffix("/"+strings.Trim(base, "/"), "/")
	version, err := contentVersion()
	if err != nil {
		return nil, err
	}
	return &goapp.Handler{
		Name:            "Class weight calculator",
		ShortName:       "Class weights",
		Title:           "Class weight calculator",
		Description:     "Class weights for imbalanced classification, computed in your browser.",
		Lang:            "en",
		LoadingLabel:    "Starting the calculator… {progress}%",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1f5f8b",
		Icon: goapp.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		Styles:                []string{"/web/style.css"},
		Scripts:               []string{"/web/read-file.js"},
		Resources:             webFiles{Handler: http.FileServerFS(webFS), prefix: base},
		Version:               version,
		ServiceWorkerTemplate: serviceWorker(),
	}, nil
}

// serviceWorker is go-app's service worker with pages fetched network first:
// online, a shared link gets its own prerendered page; offline, any link
// opens the cached page, which reads the link once the app starts. Other
// resources stay cache first.
func serviceWorker() string {
	const cacheFirst = `event.respondWith(
    caches.match(event.request).then((response) => {
      return response || fetch(event.request);
    })
  );`
	const pagesNetworkFirst = `if (event.request.mode === "navigate") {
    event.respondWith(
      fetch(event.request).catch(() =>
        caches.match(event.request, { ignoreSearch: true })
      )
    );
    return;
  }
  ` + cacheFirst
	return strings.Replace(goapp.DefaultAppWorkerJS, cacheFirst, pagesNetworkFirst, 1)
}

// contentVersion is a digest of the embedded files. go-app's service worker
// keys its offline cache on it, so a new build replaces the cached page and an
// unchanged one keeps it across restarts.
func contentVersion() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(webFS, "web", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := webFS.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", path, len(data))
		h.Write(data)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the web files: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
