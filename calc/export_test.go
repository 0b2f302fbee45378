package calc

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the snippets")

// TestSnippetsGolden compares every snippet with its golden file in
// testdata/golden, written by `go test ./calc -run SnippetsGolden -update`
// and read by a person before committing.
func TestSnippetsGolden(t *testing.T) {
	cases := []struct {
		name     string
		labels   []string
		counts   []float64
		scheme   *Scheme
		norm     Norm
		positive int
	}{
		{"forum", []string{"neg", "pos"}, []float64{240, 38}, Balanced, NormNative, 1},
		{"three", []string{"cat", "dog", "bird"}, []float64{900, 90, 10}, MaxRatio, NormNative, 0},
		{"ints", []string{"0", "1", "2"}, []float64{500, 300, 200}, EffectiveNumber, NormMean1, 0},
	}
	for _, tc := range cases {
		c, err := NewCounts(tc.labels, tc.counts)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Evaluate(c, tc.scheme, tc.norm, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		e := Export{Counts: c, Result: r, Positive: tc.positive}
		for _, target := range Targets {
			t.Run(tc.name+"/"+string(target), func(t *testing.T) {
				got := e.Snippet(target)
				path := filepath.Join("testdata", "golden", tc.name+"-"+string(target)+".txt")
				if *update {
					os.MkdirAll(filepath.Dir(path), 0o755)
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (write it with -update)", err)
				}
				if got != string(want) {
					t.Errorf("snippet differs from %s:\n%s", path, got)
				}
			})
		}
	}
}

func TestSnippetsCarryFullPrecision(t *testing.T) {
	c := forum()
	r, _ := Evaluate(c, Balanced, NormNative, DefaultParams())
	e := Export{Counts: c, Result: r, Positive: 1}
	// Balanced weights of 240 and 38 from scikit-learn (reference-weights.json),
	// and pos_weight 240/38.
	for _, target := range []Target{TargetPyTorch, TargetKeras, TargetSklearn, TargetXGBoost,
		TargetLightGBM, TargetCatBoost, TargetJSON, TargetCSV} {
		s := e.Snippet(target)
		if !strings.Contains(s, "3.6578947368421053") {
			t.Errorf("%s lacks the full-precision weight 3.6578947368421053:\n%s", target, s)
		}
	}
	for _, target := range []Target{TargetPyTorch, TargetXGBoost, TargetLightGBM} {
		if s := e.Snippet(target); !strings.Contains(s, "6.315789473684211") {
			t.Errorf("%s lacks pos_weight 6.315789473684211:\n%s", target, s)
		}
	}
}
