package calc

import (
	"errors"
	"math"
	"reflect"
	"testing"
)

func TestNewCounts(t *testing.T) {
	tests := []struct {
		name    string
		labels  []string
		counts  []float64
		wantErr error // nil for valid counts; matched with errors.Is
		wantAny bool  // an error without a sentinel
	}{
		{name: "binary", labels: []string{"neg", "pos"}, counts: []float64{240, 38}},
		{name: "index labels", counts: []float64{1, 2, 3}},
		{name: "fractional", counts: []float64{0.5, 2.25}},
		{name: "a zero count", counts: []float64{0, 3}},
		{name: "empty", counts: nil, wantErr: ErrNoClasses},
		{name: "one class", counts: []float64{5}, wantErr: ErrOneClass},
		{name: "negative", counts: []float64{5, -1}, wantErr: ErrBadCount},
		{name: "NaN", counts: []float64{math.NaN(), 1}, wantErr: ErrBadCount},
		{name: "infinite", counts: []float64{math.Inf(1), 1}, wantErr: ErrBadCount},
		{name: "all zero", counts: []float64{0, 0}, wantErr: ErrBadCount},
		{name: "overflowing total", counts: []float64{math.MaxFloat64, math.MaxFloat64},
			wantErr: ErrBadCount},
		{name: "duplicate label", labels: []string{"a", "a"}, counts: []float64{1, 2},
			wantAny: true},
		{name: "too few labels", labels: []string{"a"}, counts: []float64{1, 2},
			wantAny: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewCounts(tt.labels, tt.counts)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("got error %v\nwant %v", err, tt.wantErr)
				}
			case tt.wantAny:
				if err == nil {
					t.Fatal("got no error\nwant one")
				}
			case err != nil:
				t.Fatalf("got error %v\nwant none", err)
			default:
				if !reflect.DeepEqual(c.Values(), tt.counts) {
					t.Errorf("got counts %v\nwant %v", c.Values(), tt.counts)
				}
				if c.Len() != len(tt.counts) {
					t.Errorf("got K = %d\nwant %d", c.Len(), len(tt.counts))
				}
			}
		})
	}
}

func TestNewCountsIndexLabels(t *testing.T) {
	c, err := NewCounts(nil, []float64{240, 38})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Labels(), []string{"0", "1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got labels %q\nwant %q", got, want)
	}
	if c.Total() != 278 {
		t.Errorf("got N = %v\nwant 278", c.Total())
	}
}

func TestNewCountsCopiesItsInput(t *testing.T) {
	counts := []float64{1, 2}
	c, err := NewCounts(nil, counts)
	if err != nil {
		t.Fatal(err)
	}
	counts[0] = 99
	if c.Count(0) != 1 {
		t.Errorf("changing the caller's slice changed the counts to %v", c.Values())
	}
}
