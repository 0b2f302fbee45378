//go:build !wasm

package main

import (
	"testing"
	"time"
	"github.com/chromedp/chromedp"
)

func TestBrowserDebugRows(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	for _, q := range []string{"counts=5,4&labels=%3Cscript%3Ewindow.pwned%3D2%3C%2Fscript%3E,y", "counts=5,4&labels=%3Cimg+src%3Dx+onerror%3D%22window.pwned%3D1%22%3E,y"} {
		openStarted(t, ctx, base+"/?"+q)
		time.Sleep(500 * time.Millisecond)
		t.Logf("%s %q", q, get(t, ctx, chromedp.Evaluate[[]string](`[String(document.querySelectorAll('table.weights tbody tr').length), [...document.querySelectorAll('table.weights tbody th')].map(e => e.textContent).join("|")]`)))
	}
}
