package calc

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckFormula(t *testing.T) {
	c := forum() // neg 240, pos 38
	tests := []struct {
		name     string
		text     string
		weights  []float64
		rewards  bool
		matches  string // scheme IDs, joined with commas
		perClass bool
	}{
		// The forum answer: each class gets 1 minus the other's share, that is
		// its own share: 240/278 and 38/278. It rewards the majority.
		{"forum", "1 - n1/(n0+n1)\n1 - n0/(n0+n1)", []float64{240.0 / 278, 38.0 / 278}, true, "", true},
		{"own frequency", "n / N", []float64{240.0 / 278, 38.0 / 278}, true, "", false},
		// 1 − p is the complement scheme, the same ratios as balanced for two
		// classes.
		{"complement", "1 - p", []float64{38.0 / 278, 240.0 / 278}, false,
			"inverse,balanced,max-ratio,complement,median-frequency", false},
		{"balanced", "N / (K * n)", []float64{278.0 / 480, 278.0 / 76}, false,
			"inverse,balanced,max-ratio,complement,median-frequency", false},
		{"square root", "sqrt(n_max / n)", []float64{1, 2.513123449750173}, false, "sqrt-max-ratio", false},
		{"uniform", "1", []float64{1, 1}, false, "uniform,log-smoothed", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckFormula(tt.text, c, DefaultParams())
			if err != nil {
				t.Fatal(err)
			}
			assertWeights(t, got.Weights, tt.weights, 1e-12)
			var ids []string
			for _, s := range got.Matches {
				ids = append(ids, s.ID)
			}
			if got.RewardsMajority != tt.rewards || strings.Join(ids, ",") != tt.matches ||
				got.IsPerClass != tt.perClass {
				t.Errorf("got rewards %v, matches %q, per class %v\nwant %v, %q, %v",
					got.RewardsMajority, ids, got.IsPerClass, tt.rewards, tt.matches, tt.perClass)
			}
		})
	}
}

func TestCheckFormulaErrors(t *testing.T) {
	three := mustCounts(t, []float64{900, 90, 10})
	tests := []struct {
		name      string
		text      string
		counts    Counts
		line, col int
		want      string
	}{
		{"syntax", "N / (K * n", forum(), 1, 10, "unexpected token EOF"},
		{"unknown name", "N / m", forum(), 1, 5, "unknown name m"},
		{"n0 with three classes", "n0 / n", three, 1, 1, "n0 and n1 exist only for two classes"},
		{"second line", "1\nn / (", forum(), 2, 5, "unexpected token EOF"},
		{"wrong number of lines", "1\n2\n3", forum(), 2, 1, "one line per class (2 lines), not 3"},
		{"division by zero", "1 / (n - 240)", forum(), 1, 1, `for class "neg" the formula gives +Inf`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CheckFormula(tt.text, tt.counts, DefaultParams())
			var fe *FormulaError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v\nwant a FormulaError", err)
			}
			if fe.Line != tt.line || fe.Column != tt.col || !strings.Contains(fe.Msg, tt.want) {
				t.Errorf("got %v\nwant line %d, column %d, %q", err, tt.line, tt.col, tt.want)
			}
		})
	}
	if _, err := CheckFormula("  \n", forum(), DefaultParams()); err == nil {
		t.Error("an empty formula was accepted")
	}
}
