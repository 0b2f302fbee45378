package app

import (
	"fmt"
	"math"
	"strconv"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// splitView is what the page shows about several files: the training-split
// rule, how the splits compare, and each dataset's own weights.
type splitView struct {
	warning   string
	hasTrain  bool
	splits    *calc.Comparison
	splitsErr error
	datasets  []calc.Part
}

// newSplitView sorts the parts into splits and datasets and compares them.
func newSplitView(parts []calc.Part, warning string) splitView {
	v := splitView{warning: warning}
	var splits []calc.Part
	for _, p := range parts {
		switch p.Role {
		case calc.RoleDataset:
			v.datasets = append(v.datasets, p)
		case calc.RoleTrain:
			v.hasTrain = true
			splits = append(splits, p)
		default:
			splits = append(splits, p)
		}
	}
	if len(splits) >= 2 {
		cmp, err := calc.Compare(splits)
		v.splits, v.splitsErr = &cmp, err
	}
	if len(v.datasets) < 2 || len(splits) > 0 {
		v.datasets = nil // one dataset, or datasets mixed with splits: nothing to set beside
	}
	return v
}

// isStratified reads a comparison: the largest difference of a class's share
// is under one percentage point.
func isStratified(c *calc.Comparison) bool { return c.MaxShareDiff < 0.01 }

func (c *Calculator) renderSplitView() app.UI {
	v := c.splitView
	var notes []app.UI
	if v.warning != "" {
		notes = append(notes, app.P().
			Class("counts-error splits-warning").
			Attr("role", "alert").
			Text(v.warning))
	}
	if v.hasTrain && len(c.files) > 1 {
		notes = append(notes, app.P().
			Class("splits-rule").
			Text("The weights come from the training split only: it is the data the loss "+
				"sees, and counting validation or test data would leak them into training."))
	}
	if v.splits != nil {
		notes = append(notes, renderComparison(v.splits, v.splitsErr))
	}
	if v.datasets != nil {
		notes = append(notes, c.renderDatasets(v.datasets))
	}
	if len(notes) == 0 {
		return nil
	}
	return app.Div().Class("splits").Body(notes...)
}

func renderComparison(cmp *calc.Comparison, err error) app.UI {
	if err != nil {
		return app.P().Class("counts-error").Text(trimPrefix(err.Error()))
	}
	verdict := fmt.Sprintf("The splits look stratified: no class's share differs by more "+
		"than %s between them.", formatPercent(cmp.MaxShareDiff))
	if !isStratified(cmp) {
		verdict = fmt.Sprintf("The splits are not stratified: the share of %q differs by %s "+
			"between them.", cmp.MaxShareLabel, formatPercent(cmp.MaxShareDiff))
	}
	test := "There are too few classes for a chi-square test."
	if !math.IsNaN(cmp.PValue) {
		test = fmt.Sprintf("Chi-square test of homogeneity: χ² = %s, %d degrees of freedom, "+
			"p = %s", calc.FormatWeight(cmp.ChiSquare), cmp.DegreesOfFreedom,
			calc.FormatWeight(cmp.PValue))
		if cmp.PValue < 0.05 {
			test += ": the shares differ more than random splitting would explain."
		} else {
			test += ": the differences are within what random splitting gives."
		}
	}
	return app.Div().
		Class("splits-compare").
		Body(
			app.H3().Text("How the splits compare"),
			app.P().Class("splits-verdict").Text(verdict+" "+test),
			app.Table().
				Class("splits-table").
				Body(
					app.Caption().Text("Share of each class in each split"),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Class"),
						app.Range(cmp.Names).Slice(func(i int) app.UI {
							return app.Th().Scope("col").Class("num").Text(cmp.Names[i])
						}),
					)),
					app.TBody().Body(app.Range(cmp.Labels).Slice(func(j int) app.UI {
						return app.Tr().Body(
							app.Th().Scope("row").Text(cmp.Labels[j]),
							app.Range(cmp.Names).Slice(func(i int) app.UI {
								return app.Td().
									Class("num").
									DataSet("share", calc.FormatFloat(cmp.Shares[i][j])).
									Text(formatPercent(cmp.Shares[i][j]))
							}),
						)
					})),
				),
		)
}

// renderDatasets sets each dataset's own weights beside the pooled ones,
// under the scheme and normalisation the page shows.
func (c *Calculator) renderDatasets(datasets []calc.Part) app.UI {
	labels, pooled := calc.Pool(datasets)
	columns := append(datasets, calc.Part{Name: "pooled", Labels: labels, Counts: pooled})
	weights := make([]map[string]float64, len(columns))
	errs := make([]error, len(columns))
	for i, p := range columns {
		weights[i], errs[i] = c.weightsByLabel(p.Labels, p.Counts)
	}
	return app.Div().
		Class("splits-datasets").
		Body(
			app.H3().Text("Each dataset's own weights"),
			app.P().Text(fmt.Sprintf("%s weights of each dataset alone, and of all of "+
				"them pooled. Train on the pooled data with the pooled weights; a dataset "+
				"trained alone needs its own.", c.scheme().Name)),
			app.Table().
				Class("splits-table").
				Body(
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text("Class"),
						app.Range(columns).Slice(func(i int) app.UI {
							return app.Th().Scope("col").Class("num").Text(columns[i].Name)
						}),
					)),
					app.TBody().Body(app.Range(labels).Slice(func(j int) app.UI {
						return app.Tr().Body(
							app.Th().Scope("row").Text(labels[j]),
							app.Range(columns).Slice(func(i int) app.UI {
								w, ok := weights[i][labels[j]]
								if errs[i] != nil || !ok {
									return app.Td().Class("num").Text("—")
								}
								return weightCell("dataset-"+strconv.Itoa(i), j, w)
							}),
						)
					})),
				),
		)
}

// weightsByLabel computes the page's scheme for some counts, by label.
func (c *Calculator) weightsByLabel(labels []string, counts []float64) (map[string]float64, error) {
	cs, err := calc.NewCounts(labels, counts)
	if err != nil {
		return nil, err
	}
	r, err := calc.Evaluate(cs, c.scheme(), c.norm, c.params)
	if err != nil {
		return nil, err
	}
	out := make(map[string]float64, len(labels))
	for i, l := range labels {
		out[l] = r.Weights[i]
	}
	return out, nil
}
