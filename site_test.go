//go:build !wasm

package main

import (
	"strings"
	"testing"
)

func TestServiceWorkerFetchesPagesNetworkFirst(t *testing.T) {
	js := serviceWorker()
	if !strings.Contains(js, `event.request.mode === "navigate"`) ||
		!strings.Contains(js, "ignoreSearch: true") {
		t.Errorf("go-app's service worker changed shape; the offline fallback was not added:\n%s", js)
	}
}
