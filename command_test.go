//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
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
	out, errOut, code := runArgs(t, "weights", "--counts", "240,38", "--labels", `neg\,x,pos`)
	if code != 0 {
		t.Fatalf("exit status %d: %s", code, errOut)
	}
	want := "" +
		"class  count   share  balanced\n" +
		"neg,x    240  86.3 %    0.5792\n" +
		"pos       38  13.7 %     3.658\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant it to start with\n%s", out, want)
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
		{"no counts", []string{"weights"}, 2, "--counts is required"},
		{"bad count", []string{"weights", "--counts", "240,x"}, 1,
			`--counts: line 1, column 5: cannot read the counts: "x" is not a number`},
		{"one class", []string{"weights", "--counts", "5"}, 1, "at least two classes"},
		{"labels do not match", []string{"weights", "--counts", "1,2", "--labels", "a"}, 1,
			"1 labels for 2 counts"},
		{"static without out", []string{"static"}, 2, "--out is required"},
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
