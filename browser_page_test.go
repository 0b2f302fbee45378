//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// referenceCase is one case of calc/testdata/reference-weights.json (numpy
// 1.24.2 and scikit-learn 1.2.1).
type referenceCase struct {
	Counts []float64 `json:"counts"`
	Params struct {
		Beta, Mu float64
	} `json:"params"`
	Weights    map[string][]float64 `json:"weights"`
	Normalized map[string][]float64 `json:"normalized_balanced"`
}

func loadReference(t *testing.T) []referenceCase {
	t.Helper()
	data, err := os.ReadFile("calc/testdata/reference-weights.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Cases []referenceCase }
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	return ref.Cases
}

func assertValues(t *testing.T, what string, got []weightCell, want []float64) {
	t.Helper()
	for i := range want {
		if math.Abs(got[i].value-want[i]) > 1e-12*math.Abs(want[i]) {
			t.Errorf("%s, class %d: got %v\nwant %v", what, i, got[i].value, want[i])
		}
	}
}

var schemeIDs = []string{"uniform", "inverse", "balanced", "max-ratio", "sqrt-max-ratio",
	"complement", "log-smoothed", "median-frequency", "effective-number", "enet"}

func TestBrowserEverySchemeMatchesReference(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	ref := loadReference(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	for _, id := range schemeIDs {
		assertValues(t, id, readWeights(t, ctx, id, 2), ref[0].Weights[id])
	}

	// Every scheme shows its formula as MathML, and its numbers substituted.
	for _, id := range schemeIDs {
		n := get(t, ctx, chromedp.Evaluate[int](
			`document.querySelectorAll('.scheme[data-scheme="`+id+`"] .scheme-formula math').length`))
		if n != 1 {
			t.Errorf("%s: %d MathML formulas\nwant 1", id, n)
		}
	}
	substituted := func(id string, class int) string {
		return get(t, ctx, chromedp.Text(chromedp.CSS(
			fmt.Sprintf(`.scheme[data-scheme="%s"] .substituted li[data-class="%d"]`, id, class))))
	}
	for _, tt := range []struct {
		id    string
		class int
		want  string
	}{
		{"balanced", 1, "w(pos) = 278 / (2 · 38) = 3.658"},
		{"balanced", 0, "w(neg) = 278 / (2 · 240) = 0.5792"},
		{"inverse", 1, "w(pos) = 278 / 38 = 7.316"},
		{"max-ratio", 1, "w(pos) = 240 / 38 = 6.316"},
		{"complement", 0, "w(neg) = 1 − 0.8633 = 0.1367"},
		{"enet", 1, "w(pos) = 1 / ln(1.02 + 0.1367) = 6.87"},
	} {
		if got := substituted(tt.id, tt.class); got != tt.want {
			t.Errorf("%s: got %q\nwant %q", tt.id, got, tt.want)
		}
	}

	// Binary values: pos_weight 240/38, bias ln(38/240), threshold 38/278,
	// focal alpha 240/278.
	for id, want := range map[string]float64{"binary-pos-weight": 240.0 / 38,
		"binary-bias": math.Log(38.0 / 240), "binary-threshold": 38.0 / 278,
		"binary-focal-alpha": 240.0 / 278} {
		got := get(t, ctx, chromedp.Evaluate[string](`document.getElementById('`+id+`').dataset.value`))
		if got != fmt.Sprint(want) {
			t.Errorf("%s: got %s\nwant %v", id, got, want)
		}
	}
}

func clickJS(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	run(t, ctx, chromedp.Click(chromedp.CSS(selector)))
}

func TestBrowserNormalisationAndParameters(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	ref := loadReference(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")

	for _, norm := range []string{"sum1", "mean1", "samples", "max1", "min1"} {
		clickJS(t, ctx, `input[name="norm"][value="`+norm+`"]`)
		get(t, ctx, chromedp.Poll[bool](`document.querySelector('.norm-description').textContent.includes(`+
			fmt.Sprintf("%q", map[string]string{"sum1": "sum to 1", "mean1": "sum to K",
				"samples": "average example weight", "max1": "largest class",
				"min1": "smallest class"}[norm])+`)`))
		assertValues(t, "balanced "+norm, readWeights(t, ctx, "balanced", 2), ref[0].Normalized[norm])
	}
	clickJS(t, ctx, `input[name="norm"][value="native"]`)

	// The second reference case: β = 0.99 and μ = 0.5.
	clickJS(t, ctx, `.scheme[data-scheme="effective-number"] .param-choice:nth-of-type(2)`)
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('param-beta').value === '0.99'`))
	assertValues(t, "effective-number, β = 0.99", readWeights(t, ctx, "effective-number", 2),
		ref[1].Weights["effective-number"])

	run(t, ctx, chromedp.SetValue(chromedp.ID("param-mu"), "0.5"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('param-mu')
			.dispatchEvent(new Event('change', {bubbles: true}))`))
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('td[data-scheme="log-smoothed"][data-class="1"]').dataset.value !== '1'`))
	assertValues(t, "log-smoothed, μ = 0.5", readWeights(t, ctx, "log-smoothed", 2),
		ref[1].Weights["log-smoothed"])

	// A value out of range is refused next to its control; the weights stay.
	run(t, ctx, chromedp.SetValue(chromedp.ID("param-beta"), "1.5"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('param-beta')
			.dispatchEvent(new Event('change', {bubbles: true}))`))
	msg := get(t, ctx, chromedp.Text(chromedp.CSS(`.scheme[data-scheme="effective-number"] [role="alert"]`)))
	if !strings.Contains(msg, "β must be at least 0 and below 1") || !strings.Contains(msg, "still use 0.99") {
		t.Errorf("got %q\nwant the range and the value kept", msg)
	}
}

func TestBrowserCodeSnippetsMatchGoldenFiles(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name},
			Setting:    browser.PermissionSettingGranted,
			Origin:     base,
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	for _, target := range []string{"pytorch", "keras", "sklearn", "xgboost", "lightgbm",
		"catboost", "json", "csv"} {
		want, err := os.ReadFile(filepath.Join("calc", "testdata", "golden", "forum-"+target+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		clickJS(t, ctx, "#tab-"+target)
		get(t, ctx, chromedp.Poll[bool](`document.getElementById('code-text').dataset.target === '`+target+`'`))
		got := get(t, ctx, chromedp.Evaluate[string](`document.getElementById('code-text').textContent`))
		if got != string(want) {
			t.Errorf("%s: the page shows\n%s\nwant the golden file", target, got)
		}
		selected := get(t, ctx, chromedp.Evaluate[string](`document.getElementById('tab-`+target+`').getAttribute('aria-selected')`))
		if selected != "true" {
			t.Errorf("%s: its tab is not marked selected", target)
		}
	}

	clickJS(t, ctx, "#tab-sklearn")
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('code-text').dataset.target === 'sklearn'`))
	clickJS(t, ctx, ".code .copy")
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('.code .copy').textContent === 'Copied'`))
	copied := get(t, ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	want, _ := os.ReadFile("calc/testdata/golden/forum-sklearn.txt")
	if copied != string(want) {
		t.Errorf("the clipboard holds\n%s\nwant the scikit-learn snippet", copied)
	}

	href := get(t, ctx, chromedp.Evaluate[string](`document.querySelector('a.download[download="class-weights.csv"]').href`))
	if !strings.Contains(href, "3.6578947368421053") {
		t.Errorf("the CSV download is %q", href)
	}
}

func TestBrowserCharts(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=900,90,10&labels=a,b,c")
	readWeights(t, ctx, "balanced", 3)
	bars := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('svg.chart-weights rect.chart-bar').length`))
	if bars != 3*len(schemeIDs) {
		t.Errorf("got %d bars\nwant one per class and scheme, %d", bars, 3*len(schemeIDs))
	}
	// Balanced gives every class a third of the loss; uniform gives a 90 %.
	shares := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(
		'svg.chart-shares rect.share[data-scheme="balanced"] title, svg.chart-shares rect.share[data-scheme="uniform"] title')]
		.map(e => e.textContent)`))
	joined := strings.Join(shares, "|")
	for _, want := range []string{"Balanced, a: 33.3 % of the loss", "Balanced, c: 33.3 % of the loss",
		"Uniform, a: 90.0 % of the loss"} {
		if !strings.Contains(joined, want) {
			t.Errorf("got %q\nwant %q", joined, want)
		}
	}
	clickJS(t, ctx, "#log-scale")
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('svg.chart-weights .tick').textContent === '0.1' ||
		[...document.querySelectorAll('svg.chart-weights .tick')].some(e => e.textContent === '100')`))
}

func TestBrowserKeyboard(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	run(t, ctx, chromedp.Focus(chromedp.ID("counts-input")))
	var reached []string
	for range 80 {
		run(t, ctx, chromedp.KeyEvent("\t"))
		reached = append(reached, get(t, ctx, chromedp.Evaluate[string](`(() => {
			const e = document.activeElement;
			return e.id || e.className || e.getAttribute('aria-label') || e.tagName; })()`)))
	}
	all := strings.Join(reached, " ")
	for _, want := range []string{"files-input", "class-label", "positive-class", "param-beta",
		"param-mu", "tab-pytorch", "code-scheme"} {
		if !strings.Contains(all, want) {
			t.Errorf("Tab never reached %s; it went through %s", want, all)
		}
	}
	// Enter on a focused tab chooses it.
	run(t, ctx, chromedp.Focus(chromedp.ID("tab-keras")), chromedp.KeyEvent("\r"))
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('code-text').dataset.target === 'keras'`))

	// Every control has a name a screen reader can say.
	unnamed := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('input, select, textarea, button')]
		.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
		.map(e => e.outerHTML.slice(0, 80))`))
	if len(unnamed) > 0 {
		t.Errorf("controls without a name: %q", unnamed)
	}
}

func TestBrowserPhoneAndManyClasses(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	readWeights(t, ctx, "balanced", 2)
	overflow := get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if overflow > 0 {
		t.Errorf("on a phone the page is %d px wider than the screen", overflow)
	}
	columns := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.page-main')).gridTemplateColumns`))
	if strings.Count(columns, "px") != 1 {
		t.Errorf("on a phone the layout has columns %q\nwant one", columns)
	}
	if out := os.Getenv("SCREENSHOT_PHONE"); out != "" {
		os.WriteFile(out, get(t, ctx, chromedp.CaptureScreenshot()), 0o644)
	}

	// 100,000 classes: the tables page, the charts summarise, the page answers.
	run(t, ctx, chromedp.EmulateViewport(1280, 900))
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const box = document.getElementById('counts-input');
		box.value = Array.from({length: 100000}, (_, i) => 1 + (i * 7919) % 1000).join(', ');
		box.dispatchEvent(new Event('input', {bubbles: true})); })()`))
	waitStatus(t, ctx, "100000 classes")
	rows := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('table.weights tbody tr').length`))
	if rows != 25 {
		t.Errorf("got %d rows in the table\nwant a page of 25", rows)
	}
	pager := get(t, ctx, chromedp.Text(chromedp.CSS(".pager span")))
	if !strings.Contains(pager, "Classes 1 to 25 of 100000") {
		t.Errorf("got pager %q", pager)
	}
	note := get(t, ctx, chromedp.Text(chromedp.CSS(".chart-note")))
	if !strings.Contains(note, "12 most common and the 12 rarest of the 100000 classes") {
		t.Errorf("got chart note %q", note)
	}
	clickJS(t, ctx, ".pager button:last-child")
	get(t, ctx, chromedp.Poll[bool](`document.querySelector('.pager span').textContent.includes('Classes 26 to 50')`))
}

func TestBrowserEditLabelInPlace(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const input = document.querySelectorAll('.class-label')[1];
		input.value = 'positive, rare';
		input.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	get(t, ctx, chromedp.Poll[bool](`document.getElementById('counts-input').value === 'neg: 240\npositive, rare: 38'`))
	labels := get(t, ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('table.weights tbody th')].map(e => e.textContent)`))
	if strings.Join(labels, "|") != "neg|positive, rare" {
		t.Errorf("got labels %q", labels)
	}
	assertCells(t, readWeights(t, ctx, "balanced", 2), forumBalanced)
}

// contrastJS computes the WCAG contrast ratio of an element's text with the
// page background.
const contrastJS = `(sel) => {
	const rgb = (s) => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
	const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255;
		return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	const fg = lum(rgb(getComputedStyle(document.querySelector(sel)).color));
	const bg = lum(rgb(getComputedStyle(document.documentElement).backgroundColor));
	return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
}`

func TestBrowserThemesAndPrint(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		if err != nil {
			t.Fatal(err)
		}
		openStarted(t, ctx, base+"/?counts=240,38&labels=neg,pos")
		bg := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.documentElement).backgroundColor`))
		if (scheme == "dark") != (bg == "rgb(21, 24, 28)") {
			t.Errorf("%s theme: background %s", scheme, bg)
		}
		// Body text and the muted text of notes both reach WCAG AA, 4.5:1.
		for _, sel := range []string{"h1", ".page-lede", ".scheme-source", "td.weight"} {
			ratio := get(t, ctx, chromedp.Evaluate[float64](`(`+contrastJS+`)('`+sel+`')`))
			if ratio < 4.5 {
				t.Errorf("%s theme: %s has contrast %.2f\nwant at least 4.5", scheme, sel, ratio)
			}
		}
		if out := os.Getenv("SCREENSHOT_DARK"); out != "" && scheme == "dark" {
			os.WriteFile(out, get(t, ctx, chromedp.CaptureScreenshot()), 0o644)
		}
	}

	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	if err != nil {
		t.Fatal(err)
	}
	hidden := get(t, ctx, chromedp.Evaluate[[]string](`['.counts', '.files', '.code-tabs', '.controls']
		.map(s => getComputedStyle(document.querySelector(s)).display)`))
	for i, d := range hidden {
		if d != "none" {
			t.Errorf("printing shows input %d (display %s)", i, d)
		}
	}
	kept := get(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.scheme-formula math, table.weights')]
		.filter(e => e.getBoundingClientRect().height > 0).length`))
	if kept != len(schemeIDs)+1 {
		t.Errorf("printing keeps %d formulas and tables\nwant %d", kept, len(schemeIDs)+1)
	}
}
