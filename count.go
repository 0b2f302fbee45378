//go:build !wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"classweights/calc"
)

func countCommand(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("count", stderr)
	column := flags.String("column", "",
		"label column by header `name` or position from 1 (default: a column named like "+
			"label, target, class, y, ...; else the last)")
	delimiter := flags.String("delimiter", "",
		"field `delimiter`: , ; | or tab (default: detected)")
	header := flags.String("header", "auto", "whether the first row names the columns: "+
		"auto, yes or no")
	multiLabel := flags.String("multi-label", "",
		"count positives of these 0/1 `columns` (names or positions, separated by commas)")
	asJSON := flags.Bool("json", false, "print JSON instead of a table")
	baseURL := flags.String("url", "http://127.0.0.1:8000/",
		"`address` of the calculator, for the share link")
	if err := flags.Parse(args); err != nil {
		return errUsage
	}
	if flags.NArg() == 0 {
		fmt.Fprintln(stderr, "classweights count: name at least one CSV or TSV file")
		return errUsage
	}

	opts, err := fileOptions(*column, *delimiter, *header, *multiLabel)
	if err != nil {
		return err
	}
	report := countReport{Files: []fileReport{}}
	totals := map[string]float64{}
	var order []string
	for _, path := range flags.Args() {
		fr, err := countOneFile(path, opts)
		if err != nil {
			return err
		}
		for _, c := range fr.Classes {
			if _, ok := totals[c.Label]; !ok {
				order = append(order, c.Label)
			}
			totals[c.Label] += c.Count
		}
		report.Files = append(report.Files, fr)
	}
	for _, l := range order {
		report.Classes = append(report.Classes, labelCount{Label: l, Count: totals[l]})
	}
	if len(report.Classes) > 0 {
		report.Link = shareLink(*baseURL, report.Classes)
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(report)
	}
	return report.writeTable(stdout)
}

func fileOptions(column, delimiter, header, multiLabel string) (calc.FileOptions, error) {
	opts := calc.FileOptions{Column: column}
	switch delimiter {
	case "":
	case "tab", `\t`, "\t":
		opts.Delimiter = '\t'
	case ",", ";", "|":
		opts.Delimiter = delimiter[0]
	default:
		return opts, fmt.Errorf("--delimiter %q: use , ; | or tab", delimiter)
	}
	switch header {
	case "auto":
	case "yes":
		opts.Header = calc.HeaderYes
	case "no":
		opts.Header = calc.HeaderNo
	default:
		return opts, fmt.Errorf("--header %q: use auto, yes or no", header)
	}
	if multiLabel != "" {
		opts.MultiLabel = strings.Split(multiLabel, ",")
	}
	return opts, nil
}

func countOneFile(path string, opts calc.FileOptions) (fileReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileReport{}, err
	}
	defer f.Close()
	counts, err := calc.CountFile(f, opts)
	if err != nil {
		var ce *calc.CSVError
		if errors.As(err, &ce) {
			return fileReport{}, fmt.Errorf("%s:%d:%d: %v (%d rows counted before it)",
				path, ce.Line, ce.Column, ce.Err, counts.Rows)
		}
		return fileReport{}, fmt.Errorf("%s: %w", path, err)
	}

	fr := fileReport{
		Path:    path,
		Rows:    counts.Rows,
		Empty:   counts.Empty,
		Classes: []labelCount{},
	}
	if counts.Column >= 0 {
		fr.Column = counts.Columns[counts.Column]
	}
	for i, l := range counts.Labels {
		fr.Classes = append(fr.Classes, labelCount{Label: l, Count: counts.Counts[i]})
	}
	if counts.MultiLabel != nil {
		weights, err := calc.MultiLabelPosWeights(float64(counts.Rows), counts.Positives)
		if err != nil {
			return fileReport{}, fmt.Errorf("%s: %w", path, err)
		}
		for j, c := range counts.MultiLabel {
			fr.MultiLabel = append(fr.MultiLabel, multiLabelReport{
				Column: counts.Columns[c], Positives: counts.Positives[j],
				PosWeight: number(weights[j]),
			})
		}
	}
	return fr, nil
}

// shareLink returns the link that opens the counts in the calculator.
func shareLink(base string, classes []labelCount) string {
	labels := make([]string, len(classes))
	counts := make([]float64, len(classes))
	for i, c := range classes {
		labels[i], counts[i] = c.Label, c.Count
	}
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	u.RawQuery = calc.LinkQuery(labels, counts)
	return u.String()
}

// countReport is the output of the count command; its JSON field names are
// stable.
type countReport struct {
	Files   []fileReport `json:"files"`
	Classes []labelCount `json:"classes"`
	Link    string       `json:"link,omitempty"`
}

type fileReport struct {
	Path       string             `json:"path"`
	Column     string             `json:"column"`
	Rows       int64              `json:"rows"`
	Empty      int64              `json:"empty"`
	Classes    []labelCount       `json:"classes"`
	MultiLabel []multiLabelReport `json:"multi_label,omitempty"`
}

type labelCount struct {
	Label string  `json:"label"`
	Count float64 `json:"count"`
}

type multiLabelReport struct {
	Column    string  `json:"column"`
	Positives float64 `json:"positives"`
	PosWeight number  `json:"pos_weight"`
}

func (r countReport) writeTable(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "%s: %s", f.Path, plural(f.Rows, "row"))
		if f.Column != "" {
			fmt.Fprintf(&b, ", labels in column %q", f.Column)
		}
		if f.Empty > 0 {
			fmt.Fprintf(&b, ", %d with an empty label (not counted as a class)", f.Empty)
		}
		b.WriteString("\n")
		rows := [][]string{{"label", "count"}}
		for _, c := range f.Classes {
			rows = append(rows, []string{c.Label, calc.FormatCount(c.Count)})
		}
		if f.MultiLabel != nil {
			rows = [][]string{{"column", "positives", "pos_weight"}}
			for _, m := range f.MultiLabel {
				rows = append(rows, []string{m.Column, calc.FormatCount(m.Positives),
					formatNumber(m.PosWeight)})
			}
		}
		writeAligned(&b, rows)
		b.WriteString("\n")
	}
	if len(r.Files) > 1 && len(r.Classes) > 0 {
		b.WriteString("all files:\n")
		rows := [][]string{{"label", "count"}}
		for _, c := range r.Classes {
			rows = append(rows, []string{c.Label, calc.FormatCount(c.Count)})
		}
		writeAligned(&b, rows)
		b.WriteString("\n")
	}
	if r.Link != "" {
		fmt.Fprintf(&b, "open in the calculator: %s\n", r.Link)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
