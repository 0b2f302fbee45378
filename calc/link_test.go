package calc

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func reparse(t testing.TB, s State) (State, []error) {
	t.Helper()
	q, err := url.ParseQuery(s.Query())
	if err != nil {
		t.Fatalf("the query %q does not parse: %v", s.Query(), err)
	}
	return ParseState(q)
}

func TestStateQuery(t *testing.T) {
	def := DefaultState()
	forum := def
	forum.Text = "neg: 240\npos: 38"
	if got, want := forum.Query(), "counts=240,38&labels=neg,pos"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}

	all := forum
	all.Positive, all.Scheme, all.Norm, all.Target = 0, "enet", NormSum1, TargetKeras
	all.Params.Beta, all.Params.EnetC, all.Params.Tau = 0.99, 1.1, 2
	all.Formula, all.Present = "1 - n/N", true
	want := "beta=0.99&c=1.1&code=keras&counts=240,38&f=1+-+n%2FN&labels=neg,pos&norm=sum1" +
		"&pos=0&present=1&scheme=enet&tau=2"
	if got := all.Query(); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	back, errs := reparse(t, all)
	if len(errs) > 0 || !reflect.DeepEqual(back, all) {
		t.Errorf("got %+v, %v\nwant %+v", back, errs, all)
	}
}

func TestStateKeepsUnreadableText(t *testing.T) {
	s := DefaultState()
	s.Text = "neg: 240\npos: thirty-eight"
	back, errs := reparse(t, s)
	if len(errs) > 0 || back.Text != s.Text {
		t.Errorf("got %q, %v\nwant the text as typed", back.Text, errs)
	}
}

func TestStateCompactForManyClasses(t *testing.T) {
	s := DefaultState()
	parts := make([]string, 1000)
	for i := range parts {
		parts[i] = fmt.Sprint(1 + (i*7919)%1000)
	}
	s.Text = strings.Join(parts, ", ")
	q := s.Query()
	if !strings.HasPrefix(q, "z=") || len(q) >= 2000 {
		t.Errorf("1,000 unlabelled classes: a link of %d characters (%.20s...)\nwant a compact one under 2,000", len(q), q)
	}
	back, errs := reparse(t, s)
	if len(errs) > 0 || back.Text != s.Text {
		t.Errorf("the compact link reads back as %.40q..., %v", back.Text, errs)
	}

	labelled := DefaultState()
	lines := make([]string, 300)
	for i := range lines {
		lines[i] = fmt.Sprintf("class, %d: %d.5", i, i)
	}
	labelled.Text = strings.Join(lines, "\n")
	back, errs = reparse(t, labelled)
	p1, _ := Parse(labelled.Text)
	p2, err := Parse(back.Text)
	if len(errs) > 0 || err != nil || !reflect.DeepEqual(p1.Labels, p2.Labels) ||
		!reflect.DeepEqual(p1.Counts, p2.Counts) {
		t.Errorf("labelled compact link: %v %v", errs, err)
	}
}

func TestParseStateReportsWhatItCannotRead(t *testing.T) {
	q, _ := url.ParseQuery("counts=240,38&scheme=nope&norm=l3&beta=2&pos=7&code=rust&mu=0.5")
	s, errs := ParseState(q)
	if len(errs) != 5 {
		t.Errorf("got %d errors %v\nwant 5: scheme, norm, beta, pos, code", len(errs), errs)
	}
	def := DefaultState()
	if s.Text != "240, 38" || s.Params.Mu != 0.5 || s.Scheme != def.Scheme || s.Params.Beta != def.Params.Beta {
		t.Errorf("got %+v\nwant the counts and mu read, the rest at defaults", s)
	}
	for _, bad := range []string{"z=!!!", "z=AAAA", "z=" + strings.Repeat("A", 50)} {
		q, _ := url.ParseQuery(bad)
		if _, errs := ParseState(q); len(errs) != 1 {
			t.Errorf("%s: got %v\nwant one error", bad, errs)
		}
	}
}

// FuzzParseState checks that no query makes the decoder panic, and that a
// state read from any query reads back the same from its own link.
func FuzzParseState(f *testing.F) {
	f.Add("counts=240,38&labels=neg,pos&norm=sum1&f=1-n/N")
	f.Add("z=" + encodeCompact([]string{"a", "<b>"}, []float64{1, 2.5}))
	f.Add("text=neg%3A+x&pos=0&present=1")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		s, _ := ParseState(q)
		back, errs := reparse(t, s)
		if len(errs) > 0 {
			t.Fatalf("%q: its own link fails: %v", raw, errs)
		}
		p1, err1 := Parse(s.Text)
		p2, err2 := Parse(back.Text)
		// Labels 0, 1, ... are what no labels mean, and links leave them out.
		named := func(p Parsed) []string {
			if p.Labels == nil {
				return IndexLabels(len(p.Counts))
			}
			return p.Labels
		}
		sameClasses := reflect.DeepEqual(named(p1), named(p2)) && reflect.DeepEqual(p1.Counts, p2.Counts)
		if (err1 == nil) != (err2 == nil) || (err1 == nil && !sameClasses) {
			t.Fatalf("%q: the classes changed: %v %v", raw, p1, p2)
		}
		if err1 != nil && strings.TrimSpace(s.Text) != "" && back.Text != s.Text {
			t.Fatalf("%q: the text changed: %q to %q", raw, s.Text, back.Text)
		}
		back.Text, s.Text = "", ""
		if !reflect.DeepEqual(back, s) {
			t.Fatalf("%q: got %+v\nwant %+v", raw, back, s)
		}
	})
}

func TestStateParts(t *testing.T) {
	s := DefaultState()
	s.Text = "neg: 90\npos: 10"
	s.Parts = []Part{
		{Name: "train.csv", Role: RoleTrain, Labels: []string{"neg", "pos"}, Counts: []float64{90, 10}},
		{Name: "test, final.csv", Role: RoleTest, Labels: []string{"pos", "neg", "odd"},
			Counts: []float64{10, 40, 1}},
	}
	back, errs := reparse(t, s)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []Part{
		{Name: "train.csv", Role: RoleTrain, Labels: []string{"neg", "pos", "odd"}, Counts: []float64{90, 10, 0}},
		{Name: "test, final.csv", Role: RoleTest, Labels: []string{"neg", "pos", "odd"}, Counts: []float64{40, 10, 1}},
	}
	if !reflect.DeepEqual(back.Parts, want) {
		t.Errorf("got %+v\nwant %+v", back.Parts, want)
	}

	q, _ := url.ParseQuery("counts=1,2&partlabels=a,b&part=train,x,1,2&part=exam,y,1,2&part=test,z,1")
	got, errs := ParseState(q)
	if len(errs) != 1 || len(got.Parts) != 1 || !strings.Contains(errs[0].Error(), `unknown role "exam"`) {
		t.Errorf("got %+v, %v\nwant the first part kept and the others reported", got.Parts, errs)
	}
}

func TestStateMultiLabel(t *testing.T) {
	s := DefaultState()
	s.MultiLabel = []MultiLabelPart{{Name: "tags, 2026.csv", Rows: 1000,
		Columns: []string{"toxic", "insult,obscene"}, Positives: []float64{100, 25}}}
	back, errs := reparse(t, s)
	if len(errs) > 0 || !reflect.DeepEqual(back.MultiLabel, s.MultiLabel) {
		t.Errorf("got %+v, %v\nwant %+v", back.MultiLabel, errs, s.MultiLabel)
	}
	q, _ := url.ParseQuery("ml=x,10,a,11&ml=y,10,a&ml=z,10,a,3")
	got, errs := ParseState(q)
	if len(errs) != 2 || len(got.MultiLabel) != 1 || got.MultiLabel[0].Name != "z" {
		t.Errorf("got %+v, %v\nwant z read, x and y reported", got.MultiLabel, errs)
	}
}
