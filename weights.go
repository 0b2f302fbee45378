//go:build !wasm

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"classweights/calc"
)

func weightsCommand(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("weights", stderr)
	countsFlag := flags.String("counts", "", "class `counts`, separated by commas: 240,38")
	labelsFlag := flags.String("labels", "",
		"class `labels`, separated by commas (a comma inside a label is written \\,); "+
			"default 0, 1, ...")
	asJSON := flags.Bool("json", false, "print JSON instead of a table")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *countsFlag == "" {
		fmt.Fprintln(stderr, "classweights weights: --counts is required, for example --counts 240,38")
		return errUsage
	}

	parsed, err := calc.Parse(*countsFlag)
	if err != nil {
		return fmt.Errorf("--counts: %w", err)
	}
	var labels []string
	if *labelsFlag != "" {
		labels = calc.SplitLabels(*labelsFlag)
	}
	if parsed.Labels != nil {
		labels = parsed.Labels
	}
	counts, err := calc.NewCounts(labels, parsed.Counts)
	if err != nil {
		return err
	}

	report, err := newWeightsReport(counts, calc.Schemes)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(report)
	}
	return report.writeTable(stdout)
}

// weightsReport is the output of the weights command. Its JSON field names are
// stable: scripts read them.
type weightsReport struct {
	Classes []classReport  `json:"classes"`
	Total   float64        `json:"total"`
	Schemes []schemeReport `json:"schemes"`
}

type classReport struct {
	Label string  `json:"label"`
	Count float64 `json:"count"`
}

type schemeReport struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Formula string    `json:"formula"`
	Weights []float64 `json:"weights"`
}

func newWeightsReport(counts calc.Counts, schemes []*calc.Scheme) (weightsReport, error) {
	r := weightsReport{Total: counts.Total()}
	for i := range counts.Len() {
		r.Classes = append(r.Classes, classReport{Label: counts.Label(i), Count: counts.Count(i)})
	}
	for _, s := range schemes {
		w, err := s.Weights(counts)
		if err != nil {
			return weightsReport{}, fmt.Errorf("%s: %w", s.ID, err)
		}
		r.Schemes = append(r.Schemes, schemeReport{
			ID: s.ID, Name: s.Name, Formula: "w_c = " + s.Formula, Weights: w,
		})
	}
	return r, nil
}

// writeTable prints one row per class and one column per scheme: labels on
// the left, numbers aligned on the right, weights rounded to four significant
// digits.
func (r weightsReport) writeTable(w io.Writer) error {
	header := []string{"class", "count", "share"}
	for _, s := range r.Schemes {
		header = append(header, s.ID)
	}
	rows := [][]string{header}
	for i, c := range r.Classes {
		row := []string{
			c.Label,
			calc.FormatCount(c.Count),
			fmt.Sprintf("%.1f %%", 100*c.Count/r.Total),
		}
		for _, s := range r.Schemes {
			row = append(row, calc.FormatWeight(s.Weights[i]))
		}
		rows = append(rows, row)
	}

	widths := make([]int, len(header))
	for _, row := range rows {
		for j, cell := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for j, cell := range row {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(cell))
			if j == 0 {
				b.WriteString(cell + pad)
				continue
			}
			b.WriteString("  " + pad + cell)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	for _, s := range r.Schemes {
		fmt.Fprintf(&b, "%s: %s\n", s.ID, s.Formula)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
