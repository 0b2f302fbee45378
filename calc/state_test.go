package calc

import (
	"net/url"
	"reflect"
	"testing"
)

func TestLinkRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		labels []string
		counts []float64
		query  string // the encoded query, where it is worth pinning
	}{
		{"index labels", nil, []float64{240, 38}, "counts=240%2C38"},
		{"plain labels", []string{"neg", "pos"}, []float64{240, 38},
			"counts=240%2C38&labels=neg%2Cpos"},
		{"commas and backslashes", []string{`a,b`, `c\`, `\,`}, []float64{1, 2, 3}, ""},
		{"hostile", []string{"<script>alert(1)</script>", `"quoted": x`, "🙂 emoji"},
			[]float64{5, 0.25, 1e9}, ""},
		{"blank and newline", []string{"", " pad ", "two\nlines"}, []float64{1, 2, 3}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := EncodeLink(tt.labels, tt.counts)
			if tt.query != "" && q.Encode() != tt.query {
				t.Errorf("got query %s\nwant %s", q.Encode(), tt.query)
			}
			reread, err := url.ParseQuery(q.Encode())
			if err != nil {
				t.Fatal(err)
			}
			text, err := DecodeLink(reread)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(text)
			if tt.labels == nil || tt.labels[0] == "" {
				// An empty label cannot be a class; the box says so.
				if tt.labels != nil && err == nil {
					t.Fatalf("an empty label was accepted from %q", text)
				}
				if tt.labels != nil {
					return
				}
			}
			if err != nil {
				t.Fatalf("reading back %q: %v", text, err)
			}
			if !reflect.DeepEqual(p.Counts, tt.counts) {
				t.Errorf("got counts %v\nwant %v", p.Counts, tt.counts)
			}
			if tt.labels != nil && !reflect.DeepEqual(p.Labels, tt.labels) {
				t.Errorf("got labels %q\nwant %q", p.Labels, tt.labels)
			}
		})
	}
}

func TestDecodeLinkErrors(t *testing.T) {
	tests := []struct {
		name, query, wantText string
	}{
		{"no counts", "labels=a,b", ""},
		{"labels do not match", "counts=1,2,3&labels=a,b", "1, 2, 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			text, err := DecodeLink(q)
			if err == nil {
				t.Fatal("got no error\nwant one")
			}
			if text != tt.wantText {
				t.Errorf("got text %q\nwant %q", text, tt.wantText)
			}
		})
	}
}

func TestDecodeLinkKeepsBadCounts(t *testing.T) {
	q, _ := url.ParseQuery("counts=240,abc")
	text, err := DecodeLink(q)
	if err != nil {
		t.Fatal(err)
	}
	if text != "240, abc" {
		t.Errorf("got text %q\nwant %q", text, "240, abc")
	}
}

func FuzzLinkRoundTrip(f *testing.F) {
	f.Add("neg", "pos", 240.0, 38.0)
	f.Add(`a,b\`, "<b>", 0.5, 1e300)
	f.Fuzz(func(t *testing.T, a, b string, n0, n1 float64) {
		c, err := NewCounts([]string{a, b}, []float64{n0, n1})
		if err != nil {
			return
		}
		q, err := url.ParseQuery(EncodeLink(c.Labels(), c.Values()).Encode())
		if err != nil {
			t.Fatal(err)
		}
		text, err := DecodeLink(q)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(text)
		if a == "" || b == "" {
			return // an empty label is refused by Parse, as it should be
		}
		if err != nil {
			t.Fatalf("reading back %q: %v", text, err)
		}
		want := c.Labels()
		if isIndexLabels(want) {
			want = nil
		}
		if !reflect.DeepEqual(p.Labels, want) || !reflect.DeepEqual(p.Counts, c.Values()) {
			t.Fatalf("got %q %v\nwant %q %v", p.Labels, p.Counts, want, c.Values())
		}
	})
}

func TestLinkQuery(t *testing.T) {
	got := LinkQuery([]string{"a,b", "c d"}, []float64{240, 38})
	want := `counts=240,38&labels=a%5C,b,c+d`
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	q, err := url.ParseQuery(got)
	if err != nil {
		t.Fatal(err)
	}
	if labels := SplitLabels(q.Get("labels")); !reflect.DeepEqual(labels, []string{"a,b", "c d"}) {
		t.Errorf("got labels %q back", labels)
	}
}
