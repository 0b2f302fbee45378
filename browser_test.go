//go:build !wasm

package main

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium against the real handler on a
// free loopback port. They fail, never skip, when Chromium is missing.

var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// startBrowser starts one headless Chromium for all tests of the package.
func startBrowser(t testing.TB) context.Context {
	t.Helper()
	browserOnce.Do(func() {
		path := chromiumPath()
		if _, err := exec.LookPath(path); err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-sync", true),
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		browserErr = chromedp.Do(ctx)
		browserCtx = ctx
		browserCancel = func() { cancelCtx(); cancelAlloc() }
	})
	if browserErr != nil {
		t.Fatalf("the browser tests need Chromium at %s (install it with "+
			"`apt-get install chromium`, or set CHROMIUM): %v", chromiumPath(), browserErr)
	}
	return browserCtx
}

func TestMain(m *testing.M) {
	registerRoutes()
	code := m.Run()
	if browserCancel != nil {
		browserCancel()
	}
	os.Exit(code)
}

// newTab opens a tab in the shared browser, with a time limit for the test.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(startBrowser(t))
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancel() })
	return ctx
}

// startServer serves the calculator on a free loopback port.
func startServer(t testing.TB) string {
	t.Helper()
	if err := checkWasm(); err != nil {
		t.Fatal(err)
	}
	h, err := newHandler("")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func run(t testing.TB, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t testing.TB, ctx context.Context, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// openStarted opens u and waits until the WebAssembly app has started.
func openStarted(t testing.TB, ctx context.Context, u string) {
	t.Helper()
	run(t, ctx,
		chromedp.Navigate(u),
		chromedp.WaitReady(chromedp.CSS(`.page[data-started="true"]`)),
	)
}

// typeCounts selects everything in the counts box and types text over it, key
// by key, as a person does.
func typeCounts(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	run(t, ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("counts-input").select()`),
		chromedp.SendKeys(chromedp.ID("counts-input"), text),
	)
}

// weightCell is what a weight cell shows and carries.
type weightCell struct {
	text  string
	value float64
}

// readWeights returns the cells of one scheme, in class order, once there are
// want of them. It reads text and attributes in one step, so that both come
// from the same rendering.
func readWeights(t *testing.T, ctx context.Context, scheme string, want int) []weightCell {
	t.Helper()
	sel := `td[data-scheme="` + scheme + `"]`
	run(t, ctx, chromedp.WaitReady(chromedp.CSSAll(sel), chromedp.AtLeast(want)))
	type cell struct{ Class, Value, Text string }
	raw := get(t, ctx, chromedp.Evaluate[[]cell](`[...document.querySelectorAll('`+sel+`')]
		.map(e => ({Class: e.dataset.class, Value: e.dataset.value, Text: e.textContent}))`))
	if len(raw) != want {
		t.Fatalf("got %d weight cells for %s\nwant %d", len(raw), scheme, want)
	}
	cells := make([]weightCell, want)
	for i, c := range raw {
		if c.Class != strconv.Itoa(i) {
			t.Errorf("cell %d has data-class %q", i, c.Class)
		}
		v, err := strconv.ParseFloat(c.Value, 64)
		if err != nil {
			t.Fatalf("cell %d: data-value %q: %v", i, c.Value, err)
		}
		cells[i] = weightCell{text: c.Text, value: v}
	}
	return cells
}

// waitStatus waits until the line under the counts box contains text.
func waitStatus(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	js := `document.getElementById("counts-status").textContent.includes(` +
		strconv.Quote(text) + `)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js)); err != nil {
		status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("counts-status")))
		t.Fatalf("waiting for %q under the counts box: %v (it says %q)", text, err, status)
	}
}

// The forum's counts, 240 and 38: scikit-learn's compute_class_weight("balanced")
// gives 0.5791666666666667 and 3.6578947368421053 (testdata/reference-weights.json).
var forumBalanced = []weightCell{
	{"0.5792", 0.5791666666666667},
	{"3.658", 3.6578947368421053},
}

func assertCells(t *testing.T, got, want []weightCell) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("class %d: got %q (data-value %v)\nwant %q (%v)",
				i, got[i].text, got[i].value, want[i].text, want[i].value)
		}
	}
}

func TestBrowserTypeCounts(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")

	typeCounts(t, ctx, "10, 30, 60")
	waitStatus(t, ctx, "3 classes, 100 examples")
	readWeights(t, ctx, "balanced", 3)
	typeCounts(t, ctx, "240, 38")
	waitStatus(t, ctx, "2 classes, 278 examples")
	assertCells(t, readWeights(t, ctx, "balanced", 2), forumBalanced)

	focused := get(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if focused != "counts-input" {
		t.Errorf("after typing, focus is on %q\nwant the counts box", focused)
	}
}

func TestBrowserShareLink(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	q := url.Values{"counts": {"240,38"}, "labels": {`neg\, rare,pos <b>`}}
	openStarted(t, ctx, base+"/?"+q.Encode())

	assertCells(t, readWeights(t, ctx, "balanced", 2), forumBalanced)
	labels := get(t, ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('.weights tbody th')].map(e => e.textContent)`))
	want := []string{"neg, rare", "pos <b>"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("got labels %q\nwant %q", labels, want)
	}
	box := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	if box != "neg, rare: 240\npos <b>: 38" {
		t.Errorf("got counts box %q\nwant the link's classes as label: count lines", box)
	}
}

func TestBrowserBadLink(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,abc")

	msg := get(t, ctx, chromedp.Text(chromedp.CSS(`#counts-status[role="alert"]`)))
	for _, want := range []string{"line 1, column 6", `"abc" is not a number`} {
		if !strings.Contains(msg, want) {
			t.Errorf("got message %q\nwant it to contain %q", msg, want)
		}
	}
	box := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	if box != "240, abc" {
		t.Errorf("got counts box %q\nwant the link's counts kept as %q", box, "240, abc")
	}

	// The page keeps working: mending the counts brings the weights.
	typeCounts(t, ctx, "240, 38")
	waitStatus(t, ctx, "2 classes, 278 examples")
	assertCells(t, readWeights(t, ctx, "balanced", 2), forumBalanced)
}

func TestBrowserLoadsNothingFromElsewhere(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	var mu sync.Mutex
	var urls []string
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			mu.Lock()
			urls = append(urls, ev.Request.URL)
			mu.Unlock()
		}
	}()
	openStarted(t, ctx, base+"/?counts=240,38")
	readWeights(t, ctx, "balanced", 2)

	mu.Lock()
	defer mu.Unlock()
	if len(urls) < 3 {
		t.Fatalf("saw only %d requests: %q", len(urls), urls)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page loaded %s, which is not from %s", u, base)
		}
	}
}

func TestBrowserStaticSiteUnderSubPath(t *testing.T) {
	dir := t.TempDir()
	if err := writeStaticSite(dir, "/weights/"); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/weights/", http.StripPrefix("/weights", http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx := newTab(t)
	openStarted(t, ctx, srv.URL+"/weights/?counts=240,38&labels=neg,pos")
	assertCells(t, readWeights(t, ctx, "balanced", 2), forumBalanced)
	for _, name := range []string{"index.html", "app.js", "web/app.wasm", "web/style.css"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the static site lacks %s: %v", name, err)
		}
	}
}

// TestBrowserScreenshot takes the picture of the page that the README shows,
// when SCREENSHOT names the file to write (`make screenshot`).
func TestBrowserScreenshot(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	run(t, ctx, chromedp.EmulateViewport(1280, 900))
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	readWeights(t, ctx, "balanced", 2)

	shot := get(t, ctx, chromedp.CaptureScreenshot())
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("the screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 900 {
		t.Errorf("got a %dx%d screenshot\nwant 1280x900", b.Dx(), b.Dy())
	}
	if out := os.Getenv("SCREENSHOT"); out != "" {
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
