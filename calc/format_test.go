package calc

import "testing"

func TestFormatWeight(t *testing.T) {
	tests := []struct {
		w    float64
		want string
	}{
		{0.5791666666666667, "0.5792"}, // balanced, forum counts 240 and 38
		{3.6578947368421053, "3.658"},
		{1, "1"},
		{0, "0"},
		{6.315789473684211, "6.316"},
		{4999.5, "5000"},
		{123456.7, "123457"},
		{0.00012346, "0.0001235"},
		{2.5e-7, "2.5e-07"},
		{3e9, "3e+09"},
		{9.99996, "10"},
	}
	for _, tt := range tests {
		if got := FormatWeight(tt.w); got != tt.want {
			t.Errorf("FormatWeight(%v): got %q\nwant %q", tt.w, got, tt.want)
		}
	}
}

func TestFormatCount(t *testing.T) {
	tests := []struct {
		n    float64
		want string
	}{
		{240, "240"},
		{0.5, "0.5"},
		{1234567, "1234567"},
		{2.123456, "2.1235"},
	}
	for _, tt := range tests {
		if got := FormatCount(tt.n); got != tt.want {
			t.Errorf("FormatCount(%v): got %q\nwant %q", tt.n, got, tt.want)
		}
	}
}
