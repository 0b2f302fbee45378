//go:build !wasm

package main

import (
	"fmt"
	"os"
	"testing"
	"github.com/chromedp/chromedp"
)

func TestBrowserDebugFull(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	run(t, ctx, chromedp.EmulateViewport(1280, 1000))
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	readWeights(t, ctx, "balanced", 2)
	h := get(t, ctx, chromedp.Evaluate[float64](`document.body.scrollHeight`))
	t.Log("height", h)
	for i := 0; float64(i)*1000 < h && i < 8; i++ {
		run(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.scrollTo(0, %d)`, i*1000)))
		shot := get(t, ctx, chromedp.CaptureScreenshot())
		os.WriteFile(fmt.Sprintf("/tmp/shot%d.png", i), shot, 0o644)
	}
}
