package calc

import (
	"errors"
	"fmt"
	"testing"
)

func TestBalancedMatchesScikitLearn(t *testing.T) {
	for _, rc := range loadReference(t) {
		t.Run(fmt.Sprint(rc.Name, rc.Counts), func(t *testing.T) {
			c, err := NewCounts(nil, rc.Counts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Balanced.Weights(c)
			if err != nil {
				t.Fatal(err)
			}
			assertWeights(t, got, rc.Weights["balanced"], 1e-12)
		})
	}
}

func TestBalancedZeroCount(t *testing.T) {
	c, err := NewCounts([]string{"a", "b", "c"}, []float64{10, 0, 5})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Balanced.Weights(c)
	var ce *ClassError
	if !errors.As(err, &ce) || ce.Label != "b" {
		t.Fatalf("got error %v\nwant a ClassError for class \"b\"", err)
	}
}

func TestSchemeByID(t *testing.T) {
	s, err := SchemeByID("balanced")
	if err != nil || s != Balanced {
		t.Fatalf("got %v, %v\nwant Balanced", s, err)
	}
	if _, err := SchemeByID("balance"); err == nil {
		t.Fatal("an unknown scheme id was accepted")
	}
}

func ExampleBalanced() {
	c, _ := NewCounts([]string{"neg", "pos"}, []float64{240, 38})
	w, _ := Balanced.Weights(c)
	fmt.Printf("%.4f %.4f\n", w[0], w[1])
	// Output: 0.5792 3.6579
}
