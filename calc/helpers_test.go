package calc

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// closeTo reports whether got is within rel of want, relative to want's
// magnitude. NaN never compares close, so a NaN that slips through fails.
func closeTo(got, want, rel float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	if got == want {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), math.SmallestNonzeroFloat64)
}

func assertWeights(t *testing.T, got, want []float64, rel float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d weights %v\nwant %d weights %v", len(got), got, len(want), want)
	}
	for i := range want {
		if !closeTo(got[i], want[i], rel) {
			t.Errorf("class %d: got weight %v\nwant %v (relative tolerance %g)",
				i, got[i], want[i], rel)
		}
	}
}

// referenceCase is one case of testdata/reference-weights.json, a copy of the
// reference weights that numpy 1.24.2 and scikit-learn 1.2.1 computed (its
// "generated_with" field says so).
type referenceCase struct {
	Name   string    `json:"name"`
	Counts []float64 `json:"counts"`
	Params struct {
		Beta  float64 `json:"beta"`
		Mu    float64 `json:"mu"`
		EnetC float64 `json:"enet_c"`
	} `json:"params"`
	Weights            map[string][]float64 `json:"weights"`
	NormalizedBalanced map[string][]float64 `json:"normalized_balanced"`
}

func loadReference(t *testing.T) []referenceCase {
	t.Helper()
	data, err := os.ReadFile("testdata/reference-weights.json")
	if err != nil {
		t.Fatalf("reading the reference weights: %v", err)
	}
	var ref struct {
		Cases []referenceCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatalf("decoding the reference weights: %v", err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("the reference weights hold no case")
	}
	return ref.Cases
}
