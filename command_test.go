//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runCommand(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestWeightsJSON(t *testing.T) {
	out, errOut, code := runArgs(t, "weights", "--counts", "240,38", "--json")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var got struct {
		Classes []struct {
			Label string  `json:"label"`
			Count float64 `json:"count"`
		} `json:"classes"`
		Total   float64 `json:"total"`
		Schemes []struct {
			ID      string    `json:"id"`
			Name    string    `json:"name"`
			Formula string    `json:"formula"`
			Weights []float64 `json:"weights"`
		} `json:"schemes"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("the output is not JSON: %v\n%s", err, out)
	}
	if len(got.Classes) != 2 || got.Classes[0].Label != "0" || got.Classes[1].Label != "1" ||
		got.Classes[0].Count != 240 || got.Total != 278 {
		t.Errorf("got classes %+v, total %v\nwant labels 0 and 1, counts 240 and 38, total 278",
			got.Classes, got.Total)
	}
	var balanced []float64
	for _, s := range got.Schemes {
		if s.ID == "balanced" {
			balanced = s.Weights
			if s.Name == "" || s.Formula == "" {
				t.Errorf("the balanced scheme lacks its name or formula: %+v", s)
			}
		}
	}
	// scikit-learn's compute_class_weight("balanced") on [240, 38], printed with
	// repr(): the JSON carries the same float64 values, digit for digit.
	for _, want := range []string{"0.5791666666666667", "3.6578947368421053"} {
		if !strings.Contains(out, want) {
			t.Errorf("the JSON lacks the full-precision weight %s:\n%s", want, out)
		}
	}
	if len(balanced) != 2 || balanced[0] != 0.5791666666666667 || balanced[1] != 3.6578947368421053 {
		t.Errorf("got balanced weights %v\nwant [0.5791666666666667 3.6578947368421053]", balanced)
	}
}

func TestWeightsTable(t *testing.T) {
	out, errOut, code := runArgs(t, "weights", "--counts", "240,38", "--labels", `neg\,x,pos`,
		"--scheme", "balanced", "--scheme", "max-ratio,enet", "--positive", "neg,x")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	// Weights from calc/testdata/reference-weights.json (numpy, scikit-learn),
	// rounded; with neg,x as the positive class, pos_weight = 38/240 = 0.1583,
	// the initial bias ln(240/38) = 1.843 and the focal alpha 38/278 = 0.1367.
	for _, want := range []string{
		"class  count   share  balanced  max-ratio  enet\n" +
			"neg,x    240  86.3 %    0.5792          1  1.58\n" +
			"pos       38  13.7 %     3.658      6.316  6.87\n",
		"balanced     6.316  4.237    278  w_c = N / (K · n_c)\n",
		"N = 278, K = 2, imbalance ratio 6.316, minority share 13.67 %",
		`positive class "neg,x": pos_weight 0.1583, initial bias 1.843, ` +
			"equivalent threshold 0.8633, focal alpha 0.1367",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("got\n%s\nwant it to contain\n%s", out, want)
		}
	}
}

func TestWeightsJSONDerivedValues(t *testing.T) {
	out, errOut, code := runArgs(t, "weights", "--counts", "900,90,10,0", "--norm", "sum1",
		"--scheme", "balanced", "--tau", "0.5", "--json")
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var got struct {
		Norm    string
		Schemes []struct {
			Weights   []*float64
			Undefined []int
		}
		Diagnostics struct {
			ImbalanceRatio *float64 `json:"imbalance_ratio"`
			Degree         string
		}
		Binary *struct{}
		Priors struct {
			Tau          float64
			LogitOffsets []*float64 `json:"logit_offsets"`
		}
		Warnings []struct{ Kind string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Norm != "sum1" || len(got.Schemes) != 1 || got.Binary != nil {
		t.Errorf("got norm %q, %d schemes, binary %v\nwant sum1, 1 scheme, no binary values",
			got.Norm, len(got.Schemes), got.Binary)
	}
	// Balanced over the defined classes 900, 90, 10 is proportional to 1/900,
	// 1/90, 1/10, that is to 1, 10, 90: summing to 1 gives 90/101 for the third.
	w := got.Schemes[0].Weights
	if len(w) != 4 || w[3] != nil || math.Abs(*w[2]-90.0/101) > 1e-12 {
		t.Errorf("got weights %v\nwant [1/101 10/101 90/101 null]", w)
	}
	if got.Diagnostics.ImbalanceRatio != nil || got.Diagnostics.Degree != "extreme" {
		t.Errorf("got diagnostics %+v\nwant no imbalance ratio, extreme", got.Diagnostics)
	}
	if got.Priors.Tau != 0.5 || got.Priors.LogitOffsets[3] != nil {
		t.Errorf("got priors %+v\nwant tau 0.5 and no offset for the empty class", got.Priors)
	}
	if len(got.Warnings) == 0 || got.Warnings[0].Kind != "zero-count" {
		t.Errorf("got warnings %+v\nwant the zero-count warning", got.Warnings)
	}
}

func TestBadCommandLines(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"no counts", []string{"weights"}, 2, "give either --counts"},
		{"counts and input", []string{"weights", "--counts", "1,2", "--input", "-"}, 2,
			"give either --counts"},
		{"missing input", []string{"weights", "--input", "/nonexistent/counts.txt"}, 1,
			"--input: open /nonexistent/counts.txt"},
		{"bad count", []string{"weights", "--counts", "240,x"}, 1,
			`--counts: line 1, column 5: cannot read the counts: "x" is not a number`},
		{"one class", []string{"weights", "--counts", "5"}, 1, "at least two classes"},
		{"labels do not match", []string{"weights", "--counts", "1,2", "--labels", "a"}, 1,
			"1 labels for 2 counts"},
		{"static without out", []string{"static"}, 2, "--out is required"},
		{"unknown scheme", []string{"weights", "--counts", "1,2", "--scheme", "nope"}, 1,
			`unknown scheme "nope"`},
		{"unknown norm", []string{"weights", "--counts", "1,2", "--norm", "l2"}, 1,
			`unknown normalisation "l2"`},
		{"beta out of range", []string{"weights", "--counts", "1,2", "--beta", "1"}, 2,
			"β must be at least 0 and below 1"},
		{"unknown positive", []string{"weights", "--counts", "1,2", "--labels", "a,b",
			"--positive", "c"}, 1, `no class is labelled "c"`},
		{"unknown flag", []string{"weights", "--nope"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runArgs(t, tt.args...)
			if code != tt.code {
				t.Errorf("got exit status %d\nwant %d", code, tt.code)
			}
			if !strings.Contains(errOut, tt.message) {
				t.Errorf("got message %q\nwant it to contain %q", errOut, tt.message)
			}
		})
	}
}

func TestWeightsInput(t *testing.T) {
	psql := " label | count\n-------+-------\n neg   |   240\n pos   |    38\n(2 rows)\n"
	var out, errOut bytes.Buffer
	err := weightsCommandIn([]string{"--input", "-", "--scheme", "balanced", "--json"},
		strings.NewReader(psql), &out, &errOut)
	if err != nil {
		t.Fatalf("%v: %s", err, errOut.String())
	}
	var got struct {
		Classes []struct{ Label string }
		Schemes []struct{ Weights []float64 }
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// Balanced weights of 240 and 38 (reference-weights.json).
	if got.Classes[0].Label != "neg" || got.Schemes[0].Weights[1] != 3.6578947368421053 {
		t.Errorf("got %+v", got)
	}

	dir := t.TempDir()
	path := dir + "/counts.txt"
	if err := os.WriteFile(path, []byte("neg: 240\npos: x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errText, code := runArgs(t, "weights", "--input", path)
	want := path + `: line 2, column 6: cannot read the counts: "x" is not a number`
	if code != 1 || !strings.Contains(errText, want) {
		t.Errorf("got %d %q\nwant 1 and %q", code, errText, want)
	}
}

func TestCountCommand(t *testing.T) {
	dir := t.TempDir()
	train := dir + "/train.csv"
	valid := dir + "/valid.tsv"
	os.WriteFile(train, []byte("text,label\n\"a, b\",neg\nc,pos\nd,neg\ne,\n"), 0o644)
	os.WriteFile(valid, []byte("text\ttarget\nx\tneg\n"), 0o644)

	out, errOut, code := runArgs(t, "count", "--json", train, valid)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	var got struct {
		Files []struct {
			Path, Column string
			Rows, Empty  int64
			Classes      []struct {
				Label string
				Count float64
			}
		}
		Classes []struct {
			Label string
			Count float64
		}
		Link string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Files) != 2 || got.Files[0].Column != "label" || got.Files[0].Rows != 4 ||
		got.Files[0].Empty != 1 || got.Files[1].Column != "target" {
		t.Errorf("got files %+v", got.Files)
	}
	if len(got.Classes) != 2 || got.Classes[0].Label != "neg" || got.Classes[0].Count != 3 ||
		got.Classes[1].Count != 1 {
		t.Errorf("got totals %+v\nwant neg 3, pos 1", got.Classes)
	}
	if got.Link != "http://127.0.0.1:8000/?counts=3,1&labels=neg,pos" {
		t.Errorf("got link %s", got.Link)
	}

	out, _, code = runArgs(t, "count", train)
	for _, want := range []string{"4 rows, labels in column \"label\", 1 with an empty label",
		"neg        2\n", "open in the calculator: http://127.0.0.1:8000/?counts=2,1&labels=neg,pos"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("got\n%s\nwant it to contain %q", out, want)
		}
	}

	multi := dir + "/multi.csv"
	os.WriteFile(multi, []byte("t,a,b\nx,1,0\ny,1,1\nz,0,0\n"), 0o644)
	out, _, _ = runArgs(t, "count", "--multi-label", "a,b", "--json", multi)
	if !strings.Contains(out, `"column": "b",`) || !strings.Contains(out, `"pos_weight": 2`) {
		t.Errorf("multi-label: got\n%s\nwant b with pos_weight (3 − 1)/1 = 2", out)
	}

	bad := dir + "/bad.csv"
	os.WriteFile(bad, []byte("label\nok\n\"abc\n"), 0o644)
	_, errOut, code = runArgs(t, "count", bad)
	if code != 1 || !strings.Contains(errOut, bad+":3:1: a quoted field is not closed") ||
		!strings.Contains(errOut, "1 rows counted before it") {
		t.Errorf("got %d %q", code, errOut)
	}
}
