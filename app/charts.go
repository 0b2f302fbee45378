package app

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// schemeColors tell the schemes apart in the charts; they keep their contrast
// on light and dark backgrounds.
var schemeColors = []string{
	"#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1",
	"#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#8c8c8c",
}

// chartClasses is how many classes the charts draw: with more, they draw the
// most common and the rarest halves and say so.
const chartClasses = 24

// chartSelection returns the classes the charts draw, in class order.
func chartSelection(counts calc.Counts) (classes []int, isSummary bool) {
	k := counts.Len()
	if k <= chartClasses {
		for i := range k {
			classes = append(classes, i)
		}
		return classes, false
	}
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return counts.Count(order[a]) > counts.Count(order[b]) })
	picked := append(append([]int{}, order[:chartClasses/2]...), order[k-chartClasses/2:]...)
	sort.Ints(picked)
	return picked, true
}

func (c *Calculator) renderCharts() app.UI {
	r := c.detail
	classes, isSummary := chartSelection(r.counts)
	note := ""
	if isSummary {
		note = fmt.Sprintf("The charts show the %d most common and the %d rarest of the %d classes.",
			chartClasses/2, chartClasses/2, r.counts.Len())
	}
	return app.Div().
		Class("charts").
		Body(
			app.H2().Text("Charts"),
			app.If(note != "", app.P().Class("chart-note").Text(note)),
			app.Div().
				Class("chart-controls").
				Body(
					app.Label().Body(
						app.Input().
							Type("checkbox").
							ID("log-scale").
							Checked(c.isLogScale).
							OnChange(c.onLogScaleChanged),
						app.Text(" Logarithmic scale"),
					),
				),
			app.Figure().
				Class("chart").
				Body(
					app.Raw(weightsChart(r, classes, c.isLogScale)),
					app.FigCaption().Text("The weight of each class under every scheme ("+
						string(c.norm)+")."),
				),
			app.Figure().
				Class("chart").
				Body(
					app.Raw(lossShareChart(r, classes)),
					app.FigCaption().Text("Each class's share of the total loss weight, "+
						"n_c · w_c / Σ n_k · w_k: balanced schemes share it evenly, uniform "+
						"weights leave it to the majority."),
				),
			c.renderLegend(),
		)
}

func (c *Calculator) onLogScaleChanged(ctx app.Context, e app.Event) {
	c.isLogScale = ctx.JSSrc().Get("checked").Bool()
}

func (c *Calculator) renderLegend() app.UI {
	return app.Ul().
		Class("legend").
		Body(app.Range(calc.Schemes).Slice(func(s int) app.UI {
			return app.Li().Body(
				app.Span().Class("swatch").Style("background", schemeColors[s]),
				app.Text(" "+calc.Schemes[s].Name),
			)
		}))
}

// weightsChart draws grouped bars: for each class, one bar per scheme.
func weightsChart(r result, classes []int, isLog bool) string {
	const (
		height = 220.0
		top    = 10.0
		bottom = 40.0
		left   = 48.0
		barW   = 12.0
		gap    = 28.0
	)
	schemes := len(calc.Schemes)
	groupW := float64(schemes)*barW + gap
	width := left + float64(len(classes))*groupW + 10

	lo, hi := math.Inf(1), 0.0
	for s := range schemes {
		if r.errs[s] != nil {
			continue
		}
		for _, i := range classes {
			if w := r.results[s].Weights[i]; !math.IsNaN(w) && w > 0 {
				lo, hi = math.Min(lo, w), math.Max(hi, w)
			}
		}
	}
	if hi == 0 {
		hi, lo = 1, 1
	}
	plotH := height - top - bottom
	y := func(w float64) float64 { return plotH * w / hi }
	axis := []float64{0, hi / 2, hi}
	if isLog {
		lo = math.Pow(10, math.Floor(math.Log10(lo)))
		hiLog := math.Pow(10, math.Ceil(math.Log10(hi)))
		if hiLog == lo {
			hiLog = lo * 10
		}
		y = func(w float64) float64 {
			return plotH * (math.Log10(w) - math.Log10(lo)) / (math.Log10(hiLog) - math.Log10(lo))
		}
		axis = nil
		for v := lo; v <= hiLog*1.0001; v *= 10 {
			axis = append(axis, v)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart-weights" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" `+
		`width="%.0f" height="%.0f" role="img" aria-label="Bar chart of the weights of each class under every scheme">`,
		width, height, width, height)
	for _, v := range axis {
		yy := top + plotH - y(v)
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, left, width-10, yy, yy)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`,
			left-4, yy+4, html.EscapeString(calc.FormatWeight(v)))
	}
	for g, i := range classes {
		x0 := left + float64(g)*groupW + gap/2
		for s := range schemes {
			if r.errs[s] != nil {
				continue
			}
			w := r.results[s].Weights[i]
			if math.IsNaN(w) || (isLog && w <= 0) {
				continue
			}
			h := math.Max(y(w), 0)
			fmt.Fprintf(&b, `<rect class="chart-bar" data-scheme="%s" data-class="%d" x="%.1f" y="%.1f" `+
				`width="%.1f" height="%.1f" fill="%s"><title>%s, %s: %s</title></rect>`,
				calc.Schemes[s].ID, i, x0+float64(s)*barW, top+plotH-h, barW-1, h, schemeColors[s],
				html.EscapeString(calc.Schemes[s].Name), html.EscapeString(r.counts.Label(i)),
				calc.FormatWeight(w))
		}
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`,
			x0+float64(schemes)*barW/2, height-bottom+16, html.EscapeString(shorten(r.counts.Label(i), 10)))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// lossShareChart draws one stacked bar per scheme: the share of the total
// loss weight that each class carries.
func lossShareChart(r result, classes []int) string {
	const (
		rowH  = 22.0
		left  = 190.0
		width = 620.0
	)
	height := rowH*float64(len(calc.Schemes)) + 10
	plotW := width - left - 10
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart-shares" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" `+
		`width="%.0f" height="%.0f" role="img" aria-label="Stacked bars of each class's share of the loss under every scheme">`,
		width, height, width, height)
	for s, scheme := range calc.Schemes {
		yy := 5 + float64(s)*rowH
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="end">%s</text>`,
			left-6, yy+rowH/2+4, html.EscapeString(scheme.Name))
		if r.errs[s] != nil {
			continue
		}
		x := left
		for n, i := range classes {
			share := r.results[s].LossShares[i]
			if math.IsNaN(share) || share <= 0 {
				continue
			}
			w := plotW * share
			fmt.Fprintf(&b, `<rect class="share" data-scheme="%s" data-class="%d" x="%.1f" y="%.1f" `+
				`width="%.1f" height="%.1f" fill="%s"><title>%s, %s: %s of the loss</title></rect>`,
				scheme.ID, i, x, yy, w, rowH-4, classColor(n),
				html.EscapeString(scheme.Name), html.EscapeString(r.counts.Label(i)), formatPercent(share))
			if w > 40 {
				fmt.Fprintf(&b, `<text class="share-text" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`,
					x+w/2, yy+rowH/2+2, formatPercent(share))
			}
			x += w
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// classColor tells neighbouring classes apart in the loss-share chart.
func classColor(n int) string {
	palette := []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"}
	return palette[n%len(palette)]
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
