//go:build !wasm

package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func currentQuery(t *testing.T, ctx context.Context) url.Values {
	t.Helper()
	raw := get(t, ctx, chromedp.Evaluate[string](`location.search.slice(1)`))
	q, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatalf("the address %q: %v", raw, err)
	}
	return q
}

func TestBrowserLinkFollowsControlsAndRestores(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	history := get(t, ctx, chromedp.Evaluate[int](`history.length`))

	typeCounts(t, ctx, "neg: 240\npos: 38")
	waitStatus(t, ctx, "2 classes, 278 examples")
	get(t, ctx, chromedp.Poll[bool](`location.search.includes('labels=neg,pos')`))
	clickJS(t, ctx, `input[name="norm"][value="sum1"]`)
	run(t, ctx, chromedp.SetValue(chromedp.ID("positive-class"), "0"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('positive-class')
			.dispatchEvent(new Event('change', {bubbles: true}))`))
	clickJS(t, ctx, `.scheme[data-scheme="effective-number"] .param-choice:nth-of-type(1)`)
	clickJS(t, ctx, "#tab-catboost")
	run(t, ctx, chromedp.SetValue(chromedp.ID("code-scheme"), "max-ratio"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('code-scheme')
			.dispatchEvent(new Event('change', {bubbles: true}))`))
	get(t, ctx, chromedp.Poll[bool](`location.search.includes('scheme=max-ratio')`))

	q := currentQuery(t, ctx)
	want := map[string]string{"counts": "240,38", "labels": "neg,pos", "norm": "sum1", "pos": "0",
		"beta": "0.9", "code": "catboost", "scheme": "max-ratio"}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("the address has %s=%q\nwant %q (all: %v)", k, q.Get(k), v, q)
		}
	}
	if h := get(t, ctx, chromedp.Evaluate[int](`history.length`)); h != history {
		t.Errorf("history grew from %d to %d entries\nwant the address replaced", history, h)
	}
	title := get(t, ctx, chromedp.Title())
	if title != "Class weights for neg 240 / pos 38" {
		t.Errorf("got title %q", title)
	}

	// Reloading the address restores every control.
	run(t, ctx, chromedp.Reload())
	run(t, ctx, chromedp.WaitReady(chromedp.CSS(`.page[data-started="true"]`)))
	checks := map[string]string{
		`document.querySelector('input[name="norm"]:checked').value`: "sum1",
		`document.getElementById('positive-class').value`:            "0",
		`document.getElementById('param-beta').value`:                "0.9",
		`document.getElementById('code-text').dataset.target`:        "catboost",
		`document.getElementById('code-scheme').value`:               "max-ratio",
		`document.getElementById('counts-input').value`:              "neg: 240\npos: 38",
	}
	for js, want := range checks {
		if got := get(t, ctx, chromedp.Evaluate[string](js)); got != want {
			t.Errorf("after reload %s = %q\nwant %q", js, got, want)
		}
	}
}

func TestBrowserHostileLabelsStayText(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	labels := []string{`<img src=x onerror="window.pwned=1">`, `"quoted", with comma`, "🙂 emoji",
		`<script>window.pwned=2</script>`}
	q := url.Values{"counts": {"5,4,3,2"}, "labels": {strings.Join([]string{
		`<img src=x onerror="window.pwned=1">`, `"quoted"\, with comma`, "🙂 emoji",
		`<script>window.pwned=2</script>`}, ",")}}
	openStarted(t, ctx, base+"/?"+q.Encode())
	readWeights(t, ctx, "balanced", 4)
	shown := get(t, ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('table.weights tbody th')].map(e => e.textContent)`))
	if strings.Join(shown, "|") != strings.Join(labels, "|") {
		t.Errorf("got labels %q\nwant %q", shown, labels)
	}
	pwned := get(t, ctx, chromedp.Evaluate[bool](`window.pwned !== undefined ||
		document.querySelectorAll('.page img, .page script').length > 0`))
	if pwned {
		t.Error("a label was interpreted as HTML")
	}
	// The labels round-trip through the page's own link.
	q2 := currentQuery(t, ctx)
	if q2.Get("counts") != "5,4,3,2" || q2.Get("labels") != q.Get("labels") {
		t.Errorf("the page's link carries %v\nwant %v", q2, q)
	}
}

func TestPrerenderedLink(t *testing.T) {
	base := startServer(t)
	res, err := http.Get(base + "/?counts=240,38&labels=neg,pos&norm=sum1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	html := string(body)
	for _, want := range []string{
		"<title>Class weights for neg 240 / pos 38</title>",
		// scikit-learn's balanced weights of 240 and 38 scaled to sum to 1
		// (reference-weights.json).
		`data-value="0.8633093525179856"`,
		`>neg: 240
pos: 38</textarea>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the prerendered page lacks %q", want)
		}
	}
	// go-app prints attributes in any order: find the tags, then their parts.
	for _, tt := range []struct{ tag, has, want string }{
		{"meta", `property="og:title"`, `content="Class weights for neg 240 / pos 38"`},
		{"meta", `name="description"`, `content="Balanced weights (sum1): neg 0.1367, pos 0.8633.`},
		{"input", `value="sum1"`, ` checked`},
	} {
		if !hasTag(html, tt.tag, tt.has, tt.want) {
			t.Errorf("the prerendered page has no <%s> with %s and %s", tt.tag, tt.has, tt.want)
		}
	}

	res, err = http.Get(base + "/?counts=240,38&scheme=nope&beta=7")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ = io.ReadAll(res.Body)
	for _, want := range []string{`unknown scheme &#34;nope&#34;`, "beta = &#34;7&#34;",
		`data-value="3.6578947368421053"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the page for a partly bad link lacks %q", want)
		}
	}
}

// TestBrowserPrerenderedLinkEscapesLabels opens links whose labels and text try to
// break out of attributes and elements of the prerendered page.
func TestBrowserPrerenderedLinkEscapesLabels(t *testing.T) {
	base := startServer(t)
	attack := `a"><script>window.pwned=1</script><p x="`
	for _, q := range []url.Values{
		{"counts": {"240,38"}, "labels": {attack + `,pos \\ "b"`}},
		{"text": {attack + "\n" + `</textarea><script>window.pwned=2</script>`}},
	} {
		res, err := http.Get(base + "/?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), "<script>window.pwned") {
			t.Errorf("%v: the prerendered page holds the label as markup", q)
		}
	}

	// In a browser, before and after WebAssembly starts, nothing runs.
	ctx := newTab(t)
	q := url.Values{"counts": {"240,38"}, "labels": {attack + `,pos \\ "b"`}} // \\ is one backslash
	openStarted(t, ctx, base+"/?"+q.Encode())
	if get(t, ctx, chromedp.Evaluate[bool](`window.pwned !== undefined`)) {
		t.Error("a label ran as a script")
	}
	labels := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.class-label')].map(e => e.value)`))
	if strings.Join(labels, "|") != attack+`|pos \ "b"` {
		t.Errorf("got labels %q", labels)
	}
	if title := get(t, ctx, chromedp.Title()); !strings.HasPrefix(title, "Class weights for a") {
		t.Errorf("got title %q", title)
	}
}

// TestBrowserWorksOffline loads the page once, stops the server, and opens a
// link again: the service worker serves the page, which reads the link.
func TestBrowserWorksOffline(t *testing.T) {
	h, err := newHandler("")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	ctx := newTab(t)
	openStarted(t, ctx, srv.URL+"/?counts=240,38&labels=neg,pos")
	get(t, ctx, chromedp.Evaluate[bool](`navigator.serviceWorker.ready.then(() => true)`,
		chromedp.EvalAwaitPromise))
	// Wait until the worker has cached the page and its files.
	get(t, ctx, chromedp.Poll[bool](`caches.keys().then(keys => keys.length > 0)`,
		chromedp.WithPollingTimeout(30*time.Second)))
	srv.Close()

	openStarted(t, ctx, srv.URL+"/?counts=90,10&labels=a,b")
	cells := readWeights(t, ctx, "balanced", 2)
	// Balanced weights of 90 and 10: 100/180 and 100/20.
	if cells[0].value != 100.0/180 || cells[1].value != 5 {
		t.Errorf("offline: got %v\nwant the link's weights", cells)
	}
}

// TestBrowserSplitsInLink drops two files, then opens the page's own link in
// a new tab: the splits come back with their counts and comparison.
func TestBrowserSplitsInLink(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	dropFiles(t, ctx, splitFiles())
	waitStatus(t, ctx, "2 classes, 100 examples")
	get(t, ctx, chromedp.Poll[bool](`location.search.includes('part=')`))
	link := get(t, ctx, chromedp.Evaluate[string](`location.href`))

	other := newTab(t)
	openStarted(t, other, link)
	waitStatus(t, other, "2 classes, 100 examples")
	verdict := get(t, other, chromedp.Text(chromedp.CSS(".splits-verdict")))
	if !strings.Contains(verdict, "not stratified") || !strings.Contains(verdict, "p = 0.08943") {
		t.Errorf("got verdict %q", verdict)
	}
	names := get(t, other, chromedp.Evaluate[string](`[...document.querySelectorAll('.file-name')].map(e => e.textContent).join()`))
	if names != "test.csv,train.csv" {
		t.Errorf("got files %q", names)
	}
}

func TestBrowserExamplesOpen(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	hrefs := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a.example')].map(a => a.href)`))
	if len(hrefs) < 5 {
		t.Fatalf("got %d examples", len(hrefs))
	}
	for _, href := range hrefs {
		openStarted(t, ctx, href)
		errs := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('.link-error, #counts-status[role="alert"]').length`))
		if errs != 0 {
			t.Errorf("%s opens with an error", href)
		}
	}
	// The multi-label example shows each column's pos_weight: toxic has 960
	// positives of 10,000 rows, (10000 − 960) / 960 = 9.4167.
	openStarted(t, ctx, base+"/?ml=comments.csv,10000,toxic,960,obscene,530")
	cells := readWeights(t, ctx, "pos-weight", 2)
	if cells[0].value != 9040.0/960 || cells[0].text != "9.417" {
		t.Errorf("got %v", cells)
	}
	get(t, ctx, chromedp.Poll[bool](`location.search.includes('ml=comments.csv,10000,toxic,960,obscene,530')`))
}

// hasTag reports whether page has a tag of the given name holding both has
// and want.
func hasTag(page, name, has, want string) bool {
	for _, tag := range regexp.MustCompile(`<`+name+`\b[^>]*>`).FindAllString(page, -1) {
		if strings.Contains(tag, has) && strings.Contains(tag, want) {
			return true
		}
	}
	return false
}
