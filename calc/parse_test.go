package calc

import (
	"errors"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []float64
	}{
		{"commas", "240, 38", []float64{240, 38}},
		{"spaces", "240 38", []float64{240, 38}},
		{"lines", "240\n38\n", []float64{240, 38}},
		{"CRLF and semicolons", "240;\r\n38\r\n", []float64{240, 38}},
		{"fractions and exponents", "0.5, 1e3", []float64{0.5, 1000}},
		{"one number", "7", []float64{7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Counts, tt.want) || got.Form != FormList {
				t.Errorf("got %v (%s)\nwant %v (list)", got.Counts, got.Form, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		sentinel  error
	}{
		{"word", "240, abc", 1, 6, ErrSyntax},
		{"second line", "240\n  3x8", 2, 3, ErrSyntax},
		{"negative", "240, -38", 1, 6, ErrBadCount},
		{"hexadecimal", "5, 0x10", 1, 4, ErrSyntax},
		{"infinity", "5 Inf", 1, 3, ErrSyntax},
		{"column counts characters", "4, é", 1, 4, ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v\nwant a ParseError", err)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("got line %d column %d\nwant line %d column %d",
					pe.Line, pe.Column, tt.line, tt.col)
			}
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("got error %v\nwant it to wrap %v", err, tt.sentinel)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, text := range []string{"", "  \n , \n"} {
		if _, err := Parse(text); !errors.Is(err, ErrNoClasses) {
			t.Errorf("Parse(%q): got error %v\nwant ErrNoClasses", text, err)
		}
	}
}

func TestParseLines(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		labels []string
		counts []float64
	}{
		{"colons", "neg: 240\npos: 38", []string{"neg", "pos"}, []float64{240, 38}},
		{"equals and tabs", "neg = 240\npos\t38\n", []string{"neg", "pos"}, []float64{240, 38}},
		{"colon inside a label", "a:b: 5\nc: 6", []string{"a:b", "c"}, []float64{5, 6}},
		{"quoted label", "\"two\\nlines\": 1\n\" pad \": 2", []string{"two\nlines", " pad "},
			[]float64{1, 2}},
		{"blank lines and CRLF", "\r\nneg: 240\r\n\r\npos: 38\r\n", []string{"neg", "pos"},
			[]float64{240, 38}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got.Form != FormColonLines && got.Form != FormEqualLines {
				t.Errorf("got form %q\nwant label: count or label = count lines", got.Form)
			}
			if !reflect.DeepEqual(got.Labels, tt.labels) || !reflect.DeepEqual(got.Counts, tt.counts) {
				t.Errorf("got %q %v\nwant %q %v", got.Labels, got.Counts, tt.labels, tt.counts)
			}
		})
	}
}

func TestParseLinesErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
	}{
		{"missing separator", "neg: 240\npos 38", 2, 1},
		{"bad count", "neg: 240\npos:  3x", 2, 7},
		{"no count", "neg:", 1, 5},
		{"empty label", ": 5", 1, 1},
		{"unclosed quote", "neg: 1\n  \"pos: 2", 2, 3},
		{"duplicate", "a: 1\nb: 2\na: 3", 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v\nwant a ParseError", err)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("got line %d column %d (%v)\nwant line %d column %d",
					pe.Line, pe.Column, err, tt.line, tt.col)
			}
		})
	}
}

func TestQuoteLabelRoundTrip(t *testing.T) {
	for _, label := range []string{"neg", "a b", " lead", "\"q", "tab\there", "é", "a:b=c"} {
		p, err := Parse(QuoteLabel(label) + ": 1\nother: 2")
		if err != nil {
			t.Fatalf("%q: %v", label, err)
		}
		if p.Labels[0] != label {
			t.Errorf("got label %q\nwant %q", p.Labels[0], label)
		}
	}
}
