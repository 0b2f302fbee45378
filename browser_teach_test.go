//go:build !wasm

package main

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

func TestBrowserFormulaChecker(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")

	// The forum's formulas give each class its own share: they reward the
	// majority.
	run(t, ctx, chromedp.SendKeys(chromedp.ID("formula-input"), "1 - n1/(n0+n1)\n1 - n0/(n0+n1)"))
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('formula-result').dataset.reward === 'majority'`))
	verdict := get(t, ctx, chromedp.Text(chromedp.CSS(".formula-verdict")))
	if !strings.Contains(verdict, "reward the majority") {
		t.Errorf("got %q", verdict)
	}
	cells := readWeights(t, ctx, "formula", 2)
	if math.Abs(cells[0].value-240.0/278) > 1e-15 || math.Abs(cells[1].value-38.0/278) > 1e-15 {
		t.Errorf("got %v\nwant 240/278 and 38/278", cells)
	}
	get(t, ctx, chromedp.Poll[bool](`new URLSearchParams(location.search).get('f') === '1 - n1/(n0+n1)\n1 - n0/(n0+n1)'`))

	// A correct formula names the schemes it matches; a mistake its place.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.getElementById('formula-input');
		f.value = 'N / (K * n)'; f.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('formula-result').dataset.reward === 'minority'`))
	match := get(t, ctx, chromedp.Text(chromedp.CSS(".formula-match")))
	if !strings.Contains(match, "Same ratios as") || !strings.Contains(match, "Balanced") {
		t.Errorf("got %q", match)
	}
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const f = document.getElementById('formula-input');
		f.value = 'N / (K * m)'; f.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	msg := get(t, ctx, chromedp.Text(chromedp.CSS(`#formula-result[role="alert"]`)))
	if !strings.Contains(msg, "Line 1, column 10") || !strings.Contains(msg, "unknown name m") {
		t.Errorf("got %q", msg)
	}

	// The checker's formula comes back with the link.
	run(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(`.page[data-started="true"]`)))
	if v := get(t, ctx, chromedp.Value(chromedp.ID("formula-input"))); v != "N / (K * m)" {
		t.Errorf("after reload the formula is %q", v)
	}
}

func TestBrowserStepsAndScale(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	steps := get(t, ctx, chromedp.Evaluate[string](`document.querySelector('.steps-lines[data-scheme="balanced"]').textContent`))
	want := "N = 240 + 38 = 278\nK = 2 classes\nw(neg) = N / (K · n_c)\n       = 278 / (2 · 240)\n" +
		"       = 278 / 480\n       = 0.5792\n\n" +
		"N = 240 + 38 = 278\nK = 2 classes\nw(pos) = N / (K · n_c)\n       = 278 / (2 · 38)\n" +
		"       = 278 / 76\n       = 3.658"
	if steps != want {
		t.Errorf("got steps\n%s\nwant\n%s", steps, want)
	}
	scale := get(t, ctx, chromedp.Evaluate[string](`document.querySelector('.scale').textContent`))
	// Balanced weights: Σ n·w = N, so the average example weight is 1.
	if !strings.Contains(scale, "Σ n_c·w_c / N = 278 / 278 = 1") {
		t.Errorf("got %q", scale)
	}
}

func TestBrowserPresentationMode(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos&present=1")
	shown := func() string {
		return get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('.presentation .scheme')].map(e => e.dataset.scheme).join()`))
	}
	if got := shown(); got != "uniform" {
		t.Fatalf("presentation shows %q\nwant the first scheme alone", got)
	}
	if d := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.page-inputs')).display`)); d != "none" {
		t.Errorf("the inputs show in presentation mode (%s)", d)
	}
	run(t, ctx, chromedp.KeyEvent(kb.ArrowRight))
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('.presentation .scheme').dataset.scheme === 'inverse'`))
	run(t, ctx, chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('.presentation .scheme').dataset.scheme === 'enet'`))
	run(t, ctx, chromedp.KeyEvent(kb.Escape))
	get(t, ctx, chromedp.Poll[bool](`!document.querySelector('.presentation') && !location.search.includes('present')`))
}
