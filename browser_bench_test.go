//go:build !wasm

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"classweights/internal/sample"

	"github.com/chromedp/chromedp"
)

// BenchmarkBrowserCount measures counting a 200 MB file in the page, from the
// moment it is picked to the final counts, in headless Chromium, and the peak
// memory of the tab's renderer process:
//
//	make bench   (or: go test -run '^$' -bench BrowserCount -benchtime 1x .)
//
// BENCH_CSV names the file to use; without it one is written to a temporary
// directory.
func BenchmarkBrowserCount(b *testing.B) {
	path := os.Getenv("BENCH_CSV")
	if path == "" {
		path = filepath.Join(b.TempDir(), "labels.csv")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sample.WriteCSV(f, 200_000_000, 1); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}

	ctx := benchPage(b, 10*time.Minute)
	b.SetBytes(info.Size())
	b.ResetTimer()
	for i := range b.N {
		if i > 0 {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".file-remove")),
				chromedp.WaitNotPresent(chromedp.CSS(".file"))); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		err := chromedp.Do(ctx,
			chromedp.SetUploadFiles(chromedp.ID("files-input"), []string{path}),
			chromedp.WaitReady(chromedp.CSS(`.file[data-status="done"]`), chromedp.RetryInterval(20*time.Millisecond)),
		)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(info.Size())/time.Since(start).Seconds()/1e6, "drop-to-counts-MB/s")
	}
	b.StopTimer()
	b.ReportMetric(rendererPeakMB(), "renderer-peak-MB")
}

// rendererPeakMB returns the largest peak resident size (VmHWM) of Chromium's
// renderer processes, in MB.
func rendererPeakMB() float64 {
	peak := 0.0
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range dirs {
		cmd, err := os.ReadFile(dir + "/cmdline")
		if err != nil || !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		status, err := os.ReadFile(dir + "/status")
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				peak = max(peak, kb/1024)
			}
		}
	}
	return peak
}

// BenchmarkBrowserTyping1000 measures, with 1,000 classes in the counts box,
// the time from one keystroke to the page showing its result (the new total
// under the box), as a person typing sees it:
//
//	go test -run '^$' -bench BrowserTyping1000 -benchtime 20x .
func BenchmarkBrowserTyping1000(b *testing.B) {
	ctx := benchPage(b, 5*time.Minute)
	err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const box = document.getElementById('counts-input');
		box.value = Array.from({length: window.__k || 1000}, (_, i) => 'class ' + i + ': ' + (1 + (i * 7919) % 1000)).join('\n');
		box.dispatchEvent(new Event('input', {bubbles: true}));
		box.focus();
		box.setSelectionRange(box.value.length, box.value.length); })()`))
	if err != nil {
		b.Fatal(err)
	}
	// Typing a 1 after the last count X makes it 10·X + 1; Backspace undoes it.
	last := 1 + (999*7919)%1000
	base0 := 0
	for i := range 1000 {
		base0 += 1 + (i*7919)%1000
	}
	typed := base0 - last + 10*last + 1
	b.ResetTimer()
	for i := range b.N {
		key, want := "1", typed
		if i%2 == 1 {
			key, want = "\b", base0
		}
		start := time.Now()
		if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
			b.Fatal(err)
		}
		js := fmt.Sprintf(`document.getElementById('counts-status').textContent.includes('1000 classes, %d examples')`, want)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(time.Millisecond))); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms/keystroke")
	}
}

// benchPage opens the calculator in a tab of the shared browser, with a time
// limit fit for a benchmark.
func benchPage(b *testing.B, limit time.Duration) context.Context {
	b.Helper()
	base := startServer(b)
	tab, cancel := chromedp.NewContext(startBrowser(b))
	b.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(tab, limit)
	b.Cleanup(cancelTimeout)
	openStarted(b, ctx, base+"/")
	return ctx
}
