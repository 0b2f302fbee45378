package calc

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// dedent removes the common indentation of a raw string's lines and its
// first newline, so that pasted tables read as they were printed.
func dedent(s string) string {
	s = strings.TrimPrefix(s, "\n")
	lines := strings.Split(s, "\n")
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, "\t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent {
			lines[i] = l[indent:]
		}
	}
	return strings.Join(lines, "\n")
}

func TestParseForms(t *testing.T) {
	negPos := []string{"neg", "pos"}
	forum := []float64{240, 38}
	tests := []struct {
		name   string
		text   string
		form   Form
		labels []string
		counts []float64
		header string
	}{
		{"list with commas", "240, 38", FormList, nil, forum, ""},
		{"list with spaces", "240 38", FormList, nil, forum, ""},
		{"list one per line", "240\n38\n", FormList, nil, forum, ""},
		{"colon lines", "neg: 240\npos: 38", FormColonLines, negPos, forum, ""},
		{"equal lines", "neg = 240\npos = 38", FormEqualLines, negPos, forum, ""},
		{"csv lines", "neg,240\npos,38", FormCSVLines, negPos, forum, ""},
		{"csv lines with header and quotes", "label,count\n\"neg, sure\",240\npos,38\n",
			FormCSVLines, []string{"neg, sure", "pos"}, forum, "label,count"},
		{"tab lines", "neg\t240\npos\t38", FormTabLines, negPos, forum, ""},
		{"tab lines with header", "class\tn\nneg\t240\npos\t38", FormTabLines, negPos, forum,
			"class\tn"},
		{"JSON object", `{"neg": 240, "pos": 38}`, FormJSONObject, negPos, forum, ""},
		{"JSON object over lines", "{\n  \"pos\": 38,\n  \"neg\": 240\n}", FormJSONObject,
			[]string{"pos", "neg"}, []float64{38, 240}, ""},
		{"JSON array", "[240, 38]", FormJSONArray, nil, forum, ""},
		{"Python dict", "{0: 240, 1: 38}", FormPythonDict, []string{"0", "1"}, forum, ""},
		{"Python dict with quotes", `{'neg': 240, "pos": 38,}`, FormPythonDict, negPos, forum, ""},
		{"Counter", "Counter({'neg': 240, 'pos': 38})", FormPythonDict, negPos, forum, ""},
		{"numpy bincount", "array([240,  38])", FormList, nil, forum, ""},
		{"numpy with dtype", "array([240,  38], dtype=int64)", FormList, nil, forum, ""},
		// pandas 1.x: Series named after the column.
		{"pandas 1", dedent(`
			neg    240
			pos     38
			Name: label, dtype: int64`), FormPandas, negPos, forum, ""},
		// pandas 2.x: the index name on top, the Series named "count".
		{"pandas 2", dedent(`
			label
			neg    240
			pos     38
			Name: count, dtype: int64`), FormPandas, negPos, forum, "label"},
		{"pandas with spaces in labels", dedent(`
			sentiment
			very negative    240
			positive          38
			Name: count, dtype: int64`), FormPandas, []string{"very negative", "positive"}, forum,
			"sentiment"},
		{"value_counts without footer", "neg    240\npos     38", FormSpaced, negPos, forum, ""},
		{"uniq -c", "    240 neg\n     38 pos\n", FormUniq, negPos, forum, ""},
		{"uniq -c with spaces in labels", "    240 not spam\n     38 spam", FormUniq,
			[]string{"not spam", "spam"}, forum, ""},
		{"psql", dedent(`
			 label | count
			-------+-------
			 neg   |   240
			 pos   |    38
			(2 rows)
			`), FormPsql, negPos, forum, "label | count"},
		{"psql count first", dedent(`
			 count | label
			-------+-------
			   240 | neg
			    38 | pos
			(2 rows)`), FormPsql, negPos, forum, "count | label"},
		{"DuckDB", dedent(`
			┌─────────┬───────┐
			│  label  │ count │
			│ varchar │ int64 │
			├─────────┼───────┤
			│ neg     │   240 │
			│ pos     │    38 │
			└─────────┴───────┘`), FormDuckDB, negPos, forum, "label | count"},
		{"DuckDB count_star", dedent(`
			┌───────┬──────────────┐
			│ label │ count_star() │
			│ int64 │    int64     │
			├───────┼──────────────┤
			│     0 │          240 │
			│     1 │           38 │
			└───────┴──────────────┘`), FormDuckDB, []string{"0", "1"}, forum,
			"label | count_star()"},
		{"MySQL", dedent(`
			+-------+----------+
			| label | COUNT(*) |
			+-------+----------+
			| neg   |      240 |
			| pos   |       38 |
			+-------+----------+
			2 rows in set (0.01 sec)`), FormMySQL, negPos, forum, "label | COUNT(*)"},
		{"Spark", dedent(`
			+-----+-----+
			|label|count|
			+-----+-----+
			|  neg|  240|
			|  pos|   38|
			+-----+-----+`), FormSpark, negPos, forum, "label | count"},
		{"byte-order mark and CRLF", "\ufeffneg: 240\r\npos: 38\r\n", FormColonLines, negPos,
			forum, ""},
		{"fractional counts", "a: 0.5\nb: 2.25", FormColonLines, []string{"a", "b"},
			[]float64{0.5, 2.25}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.text)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.text, err)
			}
			if got.Form != tt.form {
				t.Errorf("got form %q\nwant %q", got.Form, tt.form)
			}
			if !reflect.DeepEqual(got.Labels, tt.labels) || !reflect.DeepEqual(got.Counts, tt.counts) {
				t.Errorf("got %q %v\nwant %q %v", got.Labels, got.Counts, tt.labels, tt.counts)
			}
			if got.Header != tt.header {
				t.Errorf("got header %q\nwant %q", got.Header, tt.header)
			}
		})
	}
}

func TestParseFormErrors(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		line, col int
		want      string // part of the message
	}{
		{"list typo", "240, 38\n12, 4o", 2, 5, `"4o" is not a number`},
		{"colon without count", "neg: 240\npos:", 2, 5, "no count after the label"},
		{"colon line missing", "neg: 240\npos 38", 2, 1, `expected "label: count"`},
		{"duplicate", "a: 1\nb: 2\na: 3", 3, 1, `label "a" is given twice, on lines 1 and 3`},
		{"csv bad count", "neg,240\npos,x38", 2, 5, `"x38" is not a number`},
		{"csv three fields", "neg,240\npos,38,1", 2, 1, "expected two fields"},
		{"csv bare quote", "neg,240\npo\"s,38", 2, 3, `bare " in non-quoted-field`},
		{"csv duplicate", "neg,1\nneg,2", 2, 1, `label "neg" is given twice`},
		{"JSON not a number", `{"neg": 240, "pos": "38"}`, 1, 21, `the value of "pos" is not a number`},
		{"JSON negative", "{\n\"neg\": 240,\n\"pos\": -38}", 3, 8, "negative"},
		{"JSON syntax", `{"neg": 240 "pos": 38}`, 1, 13, "invalid character"},
		{"JSON truncated", `{"neg": 240,`, 1, 13, "the JSON ends too early"},
		{"JSON array of text", `[240, "38"]`, 1, 7, "element 2 is not a number"},
		{"JSON duplicate", `{"a": 1, "a": 2}`, 1, 10, `label "a" is given twice`},
		{"Python missing colon", "{0: 240, 1 38}", 1, 12, `expected ":" after the key "1"`},
		{"Python unclosed", "{'neg: 240}", 1, 2, "the quoted key is not closed"},
		{"Python bad value", "{0: 240, 1: many}", 1, 13, `"many" is not a number`},
		{"pandas bad count", "neg    240\npos     3-8\nName: label, dtype: int64", 2, 9,
			`"3-8" is not a number`},
		{"uniq bad count", "    240 neg\n     3x pos", 2, 6, `"3x" is not a number`},
		{"psql bad count", " label | count\n-------+------\n neg   | 240\n pos   | ?\n", 4, 10,
			`"?" is not a number (column "count" holds the counts)`},
		{"table ragged row", "| a | count |\n+---+---+\n| x | 1 | 2 |", 3, 1,
			"expected 2 cells like the header, found 3"},
		{"table empty label", " label | count\n-------+------\n       | 240\n pos   | 38", 3, 8,
			"the label is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got error %v\nwant a ParseError", err)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("got line %d column %d\nwant line %d column %d (%v)",
					pe.Line, pe.Column, tt.line, tt.col, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q\nwant it to contain %q", err.Error(), tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"240, 38", "neg: 240\npos: 38", `{"a": 1, "b": 2}`, "{0: 1, 1: 2}", "[1, 2]",
		" a | count\n---+------\n x | 1\n", "│ a │ 1 │", "    3 x\n    4 y",
		"a\t1\nb\t2", "x,1\ny,2", "neg    240\nName: label, dtype: int64", "array([1, 2])",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) && (pe.Line < 1 || pe.Column < 1) {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if len(p.Counts) == 0 || (p.Labels != nil && len(p.Labels) != len(p.Counts)) {
			t.Fatalf("got %d labels for %d counts", len(p.Labels), len(p.Counts))
		}
		for _, n := range p.Counts {
			if checkCount(n) != nil {
				t.Fatalf("a bad count got through: %v", n)
			}
		}
		// Labels and counts written as lines read back the same.
		if p.Labels != nil {
			counts := make([]string, len(p.Counts))
			for i, n := range p.Counts {
				counts[i] = FormatFloat(n)
			}
			again, err := Parse(FormatLines(p.Labels, counts))
			if err != nil || !reflect.DeepEqual(again.Labels, p.Labels) {
				t.Fatalf("labels %q do not survive lines: %v, %q", p.Labels, err, again.Labels)
			}
		}
	})
}
