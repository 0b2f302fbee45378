//go:build !wasm

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"classweights/internal/sample"

	"github.com/chromedp/chromedp"
)

// writeSample writes the benchmark CSV of about mb megabytes and returns its
// path and the counts it was written with.
func writeSample(t *testing.T, mb int64) (string, map[string]int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "train.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	counts, err := sample.WriteCSV(f, mb*1_000_000, 3)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return path, counts
}

// fileCounts reads the counts table of the file entry in the page, by label.
func fileCounts(t *testing.T, ctx context.Context, fileSel string) map[string]int64 {
	t.Helper()
	type row struct{ Label, Count string }
	rows := get(t, ctx, chromedp.Evaluate[[]row](`[...document.querySelectorAll('`+fileSel+
		` .file-counts tbody tr')].map(r => ({Label: r.querySelector('th').textContent,
		Count: r.querySelector('td').dataset.count}))`))
	got := map[string]int64{}
	for _, r := range rows {
		n, err := strconv.ParseInt(r.Count, 10, 64)
		if err != nil {
			t.Fatalf("count %q of %q: %v", r.Count, r.Label, err)
		}
		got[r.Label] = n
	}
	return got
}

func waitFileStatus(t *testing.T, ctx context.Context, sel, status string) {
	t.Helper()
	run(t, ctx, chromedp.WaitReady(chromedp.CSS(sel+`[data-status="`+status+`"]`)))
}

func TestBrowserPickFileCountsIt(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	path, want := writeSample(t, 30)
	openStarted(t, ctx, base+"/")

	run(t, ctx, chromedp.SetUploadFiles(chromedp.ID("files-input"), []string{path}))

	// The progress bar moves while the file is read in slices.
	var seen []float64
	for len(seen) < 200 {
		v := get(t, ctx, chromedp.Evaluate[[]float64](`(() => {
			const p = document.querySelector('.file progress');
			const f = document.querySelector('.file');
			return p ? [p.value, p.max, f.dataset.status === 'done' ? 1 : 0] : [0, 1, 0];
		})()`))
		if v[2] == 1 {
			break
		}
		if v[0] > 0 {
			seen = append(seen, v[0]/v[1])
		}
	}
	if len(seen) == 0 {
		t.Error("the progress bar never showed a partial value")
	}
	waitFileStatus(t, ctx, ".file", "done")

	if got := fileCounts(t, ctx, ".file"); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got counts %v\nwant %v (the counts the file was written with)", got, want)
	}
	progress := get(t, ctx, chromedp.Text(chromedp.CSS(".file-progress-text")))
	if !strings.Contains(progress, "30.0 MB of 30.0 MB") || !strings.Contains(progress, "/s") {
		t.Errorf("got progress text %q\nwant bytes done, rows and rate", progress)
	}

	// The training counts reach the counts box and the weights.
	labels := make([]string, 0, len(want))
	for l := range want {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	waitStatus(t, ctx, fmt.Sprintf("%d classes", len(want)))
	cells := readWeights(t, ctx, "balanced", len(want))
	total := int64(0)
	for _, n := range want {
		total += n
	}
	for i, l := range labels {
		// Balanced weight N / (K · n_c) of the written counts.
		w := float64(total) / (float64(len(want)) * float64(want[l]))
		if diff := cells[i].value/w - 1; diff > 1e-12 || diff < -1e-12 {
			t.Errorf("class %q: got weight %v\nwant %v", l, cells[i].value, w)
		}
	}
}

// dropFiles drops files made in the page on the drop zone, as a drag from the
// desktop does.
func dropFiles(t *testing.T, ctx context.Context, files map[string]string) {
	t.Helper()
	var js strings.Builder
	js.WriteString("(() => { const dt = new DataTransfer();\n")
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(&js, "dt.items.add(new File([%s], %s, {type: 'text/csv'}));\n",
			strconv.Quote(files[name]), strconv.Quote(name))
	}
	js.WriteString(`const zone = document.querySelector('.files-drop');
		zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
		zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`)
	run(t, ctx, chromedp.Evaluate[chromedp.Void](js.String()))
}

// splitFiles are a training split with neg 90 and pos 10 and a test split
// with neg 40 and pos 10.
func splitFiles() map[string]string {
	return map[string]string{
		"train.csv": "text,label\n" + strings.Repeat("a,neg\n", 90) + strings.Repeat("b,pos\n", 10),
		"test.csv":  "text,label\n" + strings.Repeat("a,neg\n", 40) + strings.Repeat("b,pos\n", 10),
	}
}

func TestBrowserDropSplits(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")

	dropFiles(t, ctx, splitFiles())
	waitFileStatus(t, ctx, "#file-1", "done")
	waitFileStatus(t, ctx, "#file-2", "done")

	// test.csv sorts first and is dropped first, but its name makes it the
	// test split: the weights come from train.csv alone, 90 and 10.
	waitStatus(t, ctx, "2 classes, 100 examples")
	box := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	if box != "neg: 90\npos: 10" {
		t.Errorf("got counts box %q\nwant the training split's counts", box)
	}
	rule := get(t, ctx, chromedp.Text(chromedp.CSS(".splits-rule")))
	if !strings.Contains(rule, "training split only") {
		t.Errorf("got %q\nwant the training-split rule", rule)
	}
	// pos is 10 % of train and 20 % of test: 10 points apart. scipy's
	// chi2_contingency([[90, 10], [40, 10]], correction=False) gives χ² = 2.885 and
	// p = 0.08943 (scipy 1.10.1).
	verdict := get(t, ctx, chromedp.Text(chromedp.CSS(".splits-verdict")))
	for _, want := range []string{"not stratified", `"pos" differs by 10.0 %`, "χ² = 2.885",
		"p = 0.08943"} {
		if !strings.Contains(verdict, want) {
			t.Errorf("got verdict %q\nwant it to contain %q", verdict, want)
		}
	}

	// Making the test file a training split too pools both.
	run(t, ctx, chromedp.SetValue(chromedp.CSS("#file-1 .file-role select"), "train"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#file-1 .file-role select')
			.dispatchEvent(new Event('change', {bubbles: true}))`))
	waitStatus(t, ctx, "2 classes, 150 examples")
}

func TestBrowserDropOnlyTestSplitWarns(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	dropFiles(t, ctx, map[string]string{"test.csv": "label\nx\ny\nx\n",
		"valid.csv": "label\nx\ny\n"})
	waitFileStatus(t, ctx, "#file-2", "done")
	warning := get(t, ctx, chromedp.Text(chromedp.CSS(".splits-warning")))
	if !strings.Contains(warning, "No training split was given") {
		t.Errorf("got %q\nwant the warning about validation and test data", warning)
	}
}

func TestBrowserDropMalformedFile(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	before := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	dropFiles(t, ctx, map[string]string{"bad.csv": "id,label\n1,a\n2,b\n3,\"c\n4,d\n"})
	waitFileStatus(t, ctx, ".file", "failed")

	msg := get(t, ctx, chromedp.Text(chromedp.CSS(`.file-error[role="alert"]`)))
	for _, want := range []string{"Line 4, column 3", "quoted field is not closed",
		"after 2 rows", "incomplete"} {
		if !strings.Contains(msg, want) {
			t.Errorf("got %q\nwant it to contain %q", msg, want)
		}
	}
	if caption := get(t, ctx, chromedp.Text(chromedp.CSS(".file-counts caption"))); !strings.Contains(caption, "(incomplete)") {
		t.Errorf("got caption %q\nwant the partial counts marked incomplete", caption)
	}
	after := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	if after != before {
		t.Errorf("the partial counts reached the counts box: %q", after)
	}
}

func TestBrowserChangeColumnAndMultiLabel(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	dropFiles(t, ctx, map[string]string{"tags.csv": "text,toxic,insult,label\n" +
		"a,1,0,x\nb,1,1,y\nc,0,0,x\nd,0,1,x\n"})
	waitFileStatus(t, ctx, ".file", "done")
	if got := fileCounts(t, ctx, ".file"); fmt.Sprint(got) != "map[x:3 y:1]" {
		t.Fatalf("got %v\nwant the label column counted", got)
	}

	// Pick column 2, "toxic".
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('.file-column'); s.value = '2';
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	get(t, ctx, chromedp.Poll[bool](`[...document.querySelectorAll('.file-counts tbody th')]
		.map(e => e.textContent).join() === '0,1'`))
	waitStatus(t, ctx, "2 classes, 4 examples")
	if got := fileCounts(t, ctx, ".file"); fmt.Sprint(got) != "map[0:2 1:2]" {
		t.Errorf("got %v\nwant the toxic column counted", got)
	}

	// Tick toxic and insult as multi-label columns.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const boxes = document.querySelectorAll('.file-multi input');
		boxes[1].checked = true; boxes[2].checked = true;
		boxes[2].dispatchEvent(new Event('change', {bubbles: true})); })()`))
	run(t, ctx, chromedp.WaitReady(chromedp.CSS(`td[data-scheme="pos-weight"][data-class="1"]`)))
	cells := readWeights(t, ctx, "pos-weight", 2)
	// toxic: 2 positives of 4 rows, (4 − 2)/2 = 1; insult: the same.
	if cells[0].value != 1 || cells[1].value != 1 {
		t.Errorf("got pos_weights %v\nwant 1 and 1", cells)
	}
}

func TestBrowserCancelCounting(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	path, _ := writeSample(t, 300)
	openStarted(t, ctx, base+"/")
	before := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))

	run(t, ctx,
		chromedp.SetUploadFiles(chromedp.ID("files-input"), []string{path}),
		chromedp.WaitReady(chromedp.CSS(`.file[data-status="reading"] .file-cancel`)),
		chromedp.Click(chromedp.CSS(".file-cancel")),
	)
	waitFileStatus(t, ctx, ".file", "cancelled")
	note := get(t, ctx, chromedp.Text(chromedp.CSS(".file-note")))
	if !strings.Contains(note, "Cancelled after") || !strings.Contains(note, "incomplete") {
		t.Errorf("got %q\nwant the cancellation said", note)
	}
	if after := get(t, ctx, chromedp.Value(chromedp.ID("counts-input"))); after != before {
		t.Errorf("cancelled counts reached the counts box: %q", after)
	}
}

func TestBrowserChangeDelimiter(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	// Semicolons split every row in two, so they are detected; the labels
	// hold commas.
	dropFiles(t, ctx, map[string]string{"d.csv": "x;label\n1;a,b\n2;c,d\n3;a,b\n"})
	waitFileStatus(t, ctx, ".file", "done")
	if got := fileCounts(t, ctx, ".file"); fmt.Sprint(got) != "map[a,b:2 c,d:1]" {
		t.Fatalf("got %v\nwant semicolons detected", got)
	}
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('.file-delimiter'); s.value = ',';
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	// With commas, the first row "x;label" is one field: too short for the
	// last column, which the page says with its place.
	waitFileStatus(t, ctx, ".file", "failed")
	msg := get(t, ctx, chromedp.Text(chromedp.CSS(".file-error")))
	if !strings.Contains(msg, "Line 1, column 8: the row is too short") {
		t.Errorf("got %q\nwant the short row reported", msg)
	}
}

// TestBrowserRemoveFileKeepsControlsRight removes the first of two files and
// changes the role of the one left: the change must reach that file, not the
// one removed.
func TestBrowserRemoveFileKeepsControlsRight(t *testing.T) {
	base := startServer(t)
	ctx := newTab(t)
	openStarted(t, ctx, base+"/")
	dropFiles(t, ctx, map[string]string{"a-train.csv": "label\nx\ny\nx\n",
		"b-test.csv": "label\nx\ny\ny\ny\n"})
	waitFileStatus(t, ctx, "#file-2", "done")
	clickJS(t, ctx, "#file-1 .file-remove")
	run(t, ctx, chromedp.WaitNotPresent(chromedp.ID("file-1")))
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector('#file-2 .file-role select'); s.value = 'train';
		s.dispatchEvent(new Event('change', {bubbles: true})); })()`))
	waitStatus(t, ctx, "2 classes, 4 examples")
	box := get(t, ctx, chromedp.Value(chromedp.ID("counts-input")))
	if box != "x: 1\ny: 3" {
		t.Errorf("got counts box %q\nwant the counts of b-test.csv, now the training split", box)
	}
}
