package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"classweights/calc"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sliceSize is how much of a file is read at a time: large, because every
// piece crosses into JavaScript, and small enough for the page to stay
// responsive between pieces.
const sliceSize = 8 << 20

// fileStatus is where the counting of a file stands.
type fileStatus int

const (
	fileReading fileStatus = iota
	fileDone
	fileFailed
	fileCancelled
)

// fileEntry is one file dropped on the page and its counts.
type fileEntry struct {
	id   int
	name string
	size int64
	file app.Value // the browser's File; nil for counts that came in a link
	role calc.Role
	opts calc.FileOptions
	// run numbers the countings of this file; progress from an older run,
	// after the user changed the column, is dropped.
	run int

	status  fileStatus
	bytes   int64
	rows    int64
	started time.Time
	elapsed time.Duration
	counts  calc.FileCounts
	err     error
	cancel  context.CancelFunc
}

// filesFromLink shows the parts of a link as files already counted.
func (c *Calculator) filesFromLink(parts []calc.Part, multi []calc.MultiLabelPart) {
	c.files = nil
	for _, m := range multi {
		c.nextFileID++
		indices := make([]int, len(m.Columns))
		for j := range indices {
			indices[j] = j
		}
		c.files = append(c.files, &fileEntry{
			id: c.nextFileID, name: m.Name, role: calc.RoleTrain, status: fileDone,
			opts: calc.FileOptions{MultiLabel: m.Columns},
			counts: calc.FileCounts{Columns: m.Columns, Column: -1, Rows: int64(m.Rows),
				MultiLabel: indices, Positives: m.Positives, IsComplete: true},
		})
	}
	for _, p := range parts {
		// A link lists every part's counts over all labels; a file counts
		// only the labels it has.
		var labels []string
		var counts []float64
		for i, n := range p.Counts {
			if n > 0 {
				labels, counts = append(labels, p.Labels[i]), append(counts, n)
			}
		}
		c.nextFileID++
		c.files = append(c.files, &fileEntry{
			id: c.nextFileID, name: p.Name, role: p.Role, status: fileDone,
			counts: calc.FileCounts{Labels: labels, Counts: counts, IsComplete: true,
				Rows: int64(sum(counts))},
		})
	}
	c.filesChanged()
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// parts returns the files counted in full, as the link carries them.
func (c *Calculator) parts() []calc.Part {
	var parts []calc.Part
	for _, f := range c.files {
		if f.isComplete() && !f.isMultiLabel() {
			parts = append(parts, calc.Part{Name: f.name, Role: f.role,
				Labels: f.counts.Labels, Counts: f.counts.Counts})
		}
	}
	return parts
}

// multiLabelParts returns the multi-label files counted in full, as the link
// carries them.
func (c *Calculator) multiLabelParts() []calc.MultiLabelPart {
	var parts []calc.MultiLabelPart
	for _, f := range c.files {
		if !f.isComplete() || !f.isMultiLabel() {
			continue
		}
		m := calc.MultiLabelPart{Name: f.name, Rows: float64(f.counts.Rows)}
		for j, col := range f.counts.MultiLabel {
			m.Columns = append(m.Columns, f.counts.Columns[col])
			m.Positives = append(m.Positives, f.counts.Positives[j])
		}
		parts = append(parts, m)
	}
	return parts
}

// isComplete reports whether the file's counts are final and whole.
func (f *fileEntry) isComplete() bool {
	return f.status == fileDone && f.counts.IsComplete
}

// isMultiLabel reports whether the file is counted as multi-label columns.
func (f *fileEntry) isMultiLabel() bool { return len(f.opts.MultiLabel) > 0 }

// guessRole picks a file's role from its name, and for a first file without
// a hint, train.
func guessRole(name string, isFirst bool) calc.Role {
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, "train"):
		return calc.RoleTrain
	case strings.Contains(lower, "val") || strings.Contains(lower, "dev"):
		return calc.RoleValidation
	case strings.Contains(lower, "test"):
		return calc.RoleTest
	case isFirst:
		return calc.RoleTrain
	}
	return calc.RoleDataset
}

// addFiles starts counting every file of a browser FileList.
func (c *Calculator) addFiles(list app.Value) {
	for i := 0; i < list.Length(); i++ {
		file := list.Index(i)
		c.nextFileID++
		f := &fileEntry{
			id:   c.nextFileID,
			name: file.Get("name").String(),
			size: int64(file.Get("size").Float()),
			file: file,
			role: guessRole(file.Get("name").String(), len(c.files) == 0),
		}
		c.files = append(c.files, f)
		c.countFile(f)
	}
}

// countFile reads f piece by piece, updating its progress as it goes, until
// it is counted, fails or is cancelled.
func (c *Calculator) countFile(f *fileEntry) {
	ctx := c.pageCtx
	if f.cancel != nil {
		f.cancel()
	}
	readCtx, cancel := context.WithCancel(context.Background())
	f.run++
	f.cancel = cancel
	f.status, f.bytes, f.rows, f.err = fileReading, 0, 0, nil
	f.counts = calc.FileCounts{}
	f.started = time.Now()
	run, file, size, opts := f.run, f.file, f.size, f.opts

	update := func(apply func(f *fileEntry)) {
		ctx.Dispatch(func(ctx app.Context) {
			if f.run != run {
				return
			}
			apply(f)
			f.elapsed = time.Since(f.started)
			if f.status != fileReading {
				c.filesChanged()
			}
		})
	}

	ctx.Async(func() {
		counter := calc.NewFileCounter(opts)
		buf := make([]byte, sliceSize)
		lastUpdate := time.Now()
		reader := newFileReader(file)
		defer reader.close()
		for {
			data, err := reader.read(readCtx, buf)
			if errors.Is(err, context.Canceled) {
				counts, _ := counter.Close()
				counts.IsComplete = false
				update(func(f *fileEntry) { f.status, f.counts = fileCancelled, counts })
				return
			}
			if err == nil {
				_, err = counter.Write(data)
			}
			if err != nil {
				counts, _ := counter.Close()
				counts.IsComplete = false
				update(func(f *fileEntry) { f.status, f.counts, f.err = fileFailed, counts, err })
				return
			}
			if len(data) == 0 || counter.BytesRead() >= size {
				break
			}
			if time.Since(lastUpdate) > progressInterval {
				lastUpdate = time.Now()
				bytes, rows := counter.BytesRead(), counter.Rows()
				update(func(f *fileEntry) { f.bytes, f.rows = bytes, rows })
			}
		}
		counts, err := counter.Close()
		update(func(f *fileEntry) {
			f.bytes, f.rows, f.counts, f.err = size, counts.Rows, counts, err
			f.status = fileDone
			if err != nil {
				f.status = fileFailed
			}
		})
	})
}

// progressInterval is how often the progress of a file is redrawn.
const progressInterval = 100 * time.Millisecond

// sliceOutcome is what a read of the file gives: a number of bytes, or why
// there are none.
type sliceOutcome struct {
	n   int
	err error
}

// newFileReader opens file for reading from start to end, in pieces of up
// to sliceSize bytes, through a stream into one buffer of the page that is
// reused (web/read-file.js): the tab's memory then stays the same however
// large the file, where slices would leave a buffer each for the browser to
// collect, which it does late.
func newFileReader(file app.Value) *streamReader {
	return &streamReader{js: app.Window().Call("classweightsStreamReader", file, sliceSize)}
}

// streamReader reads a file through web/read-file.js's stream reader.
type streamReader struct {
	js app.Value
}

func (r *streamReader) read(ctx context.Context, buf []byte) ([]byte, error) {
	done := make(chan sliceOutcome, 1)
	var view app.Value
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		o := sliceOutcome{n: args[0].Int()}
		if o.n < 0 {
			o.err = fmt.Errorf("the browser could not read the file: %s", args[1].String())
		} else {
			view = args[2]
		}
		done <- o
		return nil
	})
	r.js.Call("read", fn)
	select {
	case o := <-done:
		fn.Release() // a read cancelled halfway keeps fn: its answer still comes
		if o.err != nil {
			return nil, o.err
		}
		n := app.CopyBytesToGo(buf[:o.n], view)
		return buf[:n], nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (r *streamReader) close() { r.js.Call("cancel") }

func (c *Calculator) onFilesPicked(ctx app.Context, e app.Event) {
	c.addFiles(ctx.JSSrc().Get("files"))
	ctx.JSSrc().Set("value", "") // the same file can be picked again
}

func (c *Calculator) onDragOver(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.isDragging = true
}

func (c *Calculator) onDragLeave(ctx app.Context, e app.Event) {
	c.isDragging = false
}

func (c *Calculator) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.isDragging = false
	c.addFiles(e.Get("dataTransfer").Get("files"))
}

func (c *Calculator) fileByID(id int) *fileEntry {
	for _, f := range c.files {
		if f.id == id {
			return f
		}
	}
	return nil
}

func (c *Calculator) onCancelFile(id int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f := c.fileByID(id); f != nil && f.cancel != nil {
			f.cancel()
		}
	}
}

func (c *Calculator) onRemoveFile(id int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		for i, f := range c.files {
			if f.id == id {
				if f.cancel != nil {
					f.cancel()
				}
				c.files = append(c.files[:i], c.files[i+1:]...)
				c.filesChanged()
				return
			}
		}
	}
}

func (c *Calculator) onRoleChanged(id int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		role, err := calc.ParseRole(ctx.JSSrc().Get("value").String())
		if f := c.fileByID(id); f != nil && err == nil {
			f.role = role
			c.filesChanged()
		}
	}
}

// onFileOption returns the handler of one of a file's reading options: set
// changes the options from the control's value, and the file is counted
// again.
func (c *Calculator) onFileOption(id int, set func(opts *calc.FileOptions, value string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		f := c.fileByID(id)
		if f == nil {
			return
		}
		set(&f.opts, ctx.JSSrc().Get("value").String())
		c.countFile(f)
	}
}

// setColumn picks another label column, leaving multi-label counting.
func setColumn(opts *calc.FileOptions, value string) {
	opts.Column, opts.MultiLabel = value, nil
}

// setDelimiter picks a delimiter, or detection; the label column is found
// again.
func setDelimiter(opts *calc.FileOptions, value string) {
	opts.Delimiter, opts.Column = 0, ""
	if value != "auto" && len(value) == 1 {
		opts.Delimiter = value[0]
	}
}

// setHeader declares whether the first row is a header, or detects it; the
// label column is found again.
func setHeader(opts *calc.FileOptions, value string) {
	opts.Column = ""
	switch value {
	case "yes":
		opts.Header = calc.HeaderYes
	case "no":
		opts.Header = calc.HeaderNo
	default:
		opts.Header = calc.HeaderAuto
	}
}

// onMultiLabelChanged recounts a file with the columns ticked in its
// multi-label list, or back as one label column when none is.
func (c *Calculator) onMultiLabelChanged(id int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		f := c.fileByID(id)
		if f == nil {
			return
		}
		boxes := app.Window().Get("document").Call("querySelectorAll",
			fmt.Sprintf(`#file-%d-multi input[type=checkbox]:checked`, id))
		var cols []string
		for i := 0; i < boxes.Length(); i++ {
			cols = append(cols, boxes.Index(i).Get("value").String())
		}
		f.opts.MultiLabel = cols
		c.countFile(f)
	}
}

// filesChanged puts the training counts of the files counted in full into
// the counts box, once no file is being read. Files that failed or were
// cancelled take no part.
func (c *Calculator) filesChanged() {
	c.splitView = splitView{}
	for _, f := range c.files {
		if f.status == fileReading {
			return
		}
	}
	parts := c.parts()
	if len(parts) == 0 {
		return
	}
	labels, counts, warning := calc.TrainingCounts(parts)
	texts := make([]string, len(counts))
	for i, n := range counts {
		texts[i] = calc.FormatFloat(n)
	}
	c.setInput(calc.FormatLines(labels, texts))
	c.splitView = newSplitView(parts, warning)
}

// renderFiles draws the drop zone and the files.
func (c *Calculator) renderFiles() app.UI {
	zoneClass := "files-drop"
	if c.isDragging {
		zoneClass += " is-dragging"
	}
	return app.Section().
		Class("files").
		Aria("label", "Files of labels").
		Body(
			app.Div().
				Class(zoneClass).
				OnDragOver(c.onDragOver).
				OnDragLeave(c.onDragLeave).
				OnDrop(c.onDrop).
				Body(
					app.P().Body(
						app.Text("Or drop CSV or TSV files of labels here, or "),
						app.Label().
							For("files-input").
							Class("files-pick").
							Text("choose files"),
						app.Text(". They are counted in your browser, however large."),
					),
					app.Input().
						ID("files-input").
						Class("files-input").
						Type("file").
						Multiple(true).
						Accept(".csv,.tsv,.txt,.tab,text/csv,text/tab-separated-values,text/plain").
						OnChange(c.onFilesPicked),
				),
			app.If(len(c.files) > 0,
				app.Ul().
					Class("files-list").
					Body(app.Range(c.files).Slice(func(i int) app.UI {
						return c.renderFile(c.files[i])
					})),
			),
			c.renderSplitView(),
		)
}

func (c *Calculator) renderFile(f *fileEntry) app.UI {
	id := f.id
	return app.Li().
		ID("file-"+strconv.Itoa(id)).
		Class("file").
		DataSet("status", f.statusToken()).
		Body(
			app.Div().
				Class("file-head").
				Body(
					app.Span().Class("file-name").Text(f.name),
					app.Label().
						Class("file-role").
						Body(
							app.Text("Role "),
							app.Select().
								Aria("label", "Role of "+f.name).
								OnChange(c.onRoleChanged(id), id).
								Body(app.Range(calc.Roles).Slice(func(i int) app.UI {
									r := calc.Roles[i]
									return app.Option().
										Value(string(r)).
										Selected(r == f.role).
										Text(roleName(r))
								})),
						),
					app.If(f.status == fileReading,
						app.Button().
							Class("file-cancel").
							Type("button").
							OnClick(c.onCancelFile(id), id).
							Text("Cancel"),
					).Else(
						app.Button().
							Class("file-remove").
							Type("button").
							Aria("label", "Remove "+f.name).
							OnClick(c.onRemoveFile(id), id).
							Text("Remove"),
					),
				),
			app.If(f.file != nil, c.renderFileProgress(f)).
				Else(app.P().Class("file-note").Text("Counts from the link.")),
			c.renderFileResult(f),
		)
}

func (f *fileEntry) statusToken() string {
	switch f.status {
	case fileReading:
		return "reading"
	case fileDone:
		return "done"
	case fileCancelled:
		return "cancelled"
	}
	return "failed"
}

func roleName(r calc.Role) string {
	switch r {
	case calc.RoleTrain:
		return "training split"
	case calc.RoleValidation:
		return "validation split"
	case calc.RoleTest:
		return "test split"
	}
	return "separate dataset"
}

// renderFileProgress shows bytes done, rows, rate and time left.
func (c *Calculator) renderFileProgress(f *fileEntry) app.UI {
	seconds := f.elapsed.Seconds()
	rate := 0.0
	if seconds > 0 {
		rate = float64(f.bytes) / seconds
	}
	text := fmt.Sprintf("%s of %s · %s rows", formatBytes(f.bytes), formatBytes(f.size),
		formatThousands(f.rows))
	if rate > 0 {
		text += fmt.Sprintf(" · %s/s", formatBytes(int64(rate)))
	}
	if f.status == fileReading && rate > 0 {
		left := time.Duration(float64(f.size-f.bytes) / rate * float64(time.Second))
		text += " · " + formatDuration(left) + " left"
	}
	if f.status != fileReading {
		text += " in " + formatDuration(f.elapsed)
	}
	max := max(f.size, 1)
	return app.Div().
		Class("file-progress").
		Body(
			app.Progress().
				Max(max).
				Value(f.bytes).
				Aria("label", "Counted of "+f.name),
			app.Span().
				Class("file-progress-text").
				Attr("aria-live", "polite").
				Text(text),
		)
}

func (c *Calculator) renderFileResult(f *fileEntry) app.UI {
	switch f.status {
	case fileReading:
		return nil
	case fileCancelled:
		return app.P().
			Class("file-note").
			Text(fmt.Sprintf("Cancelled after %s rows: these counts are incomplete and are "+
				"not used.", formatThousands(f.counts.Rows)))
	}

	var problem app.UI
	if f.err != nil {
		problem = app.P().
			Class("counts-error file-error").
			Attr("role", "alert").
			Text(fileErrorText(f))
	}
	return app.Div().
		Class("file-result").
		Body(
			problem,
			c.renderFileOptions(f),
			renderFileCounts(f),
		)
}

// fileErrorText says what is wrong with a file and where.
func fileErrorText(f *fileEntry) string {
	msg := trimPrefix(f.err.Error())
	var ce *calc.CSVError
	if errors.As(f.err, &ce) {
		msg = fmt.Sprintf("Line %d, column %d: %v.", ce.Line, ce.Column, ce.Err)
	}
	if f.counts.Rows > 0 || len(f.counts.Labels) > 0 {
		msg += fmt.Sprintf(" Counting stopped there, after %s rows: the counts below are "+
			"incomplete and are not used.", formatThousands(f.counts.Rows))
	}
	return msg
}

// renderFileOptions offers the label column, the header and multi-label
// columns.
func (c *Calculator) renderFileOptions(f *fileEntry) app.UI {
	cols := f.counts.Columns
	if len(cols) == 0 {
		return nil
	}
	id := f.id
	header := "auto"
	switch f.opts.Header {
	case calc.HeaderYes:
		header = "yes"
	case calc.HeaderNo:
		header = "no"
	}
	return app.Div().
		Class("file-options").
		Body(
			app.Label().Body(
				app.Text("Label column "),
				app.Select().
					Class("file-column").
					Aria("label", "Label column of "+f.name).
					OnChange(c.onFileOption(id, setColumn), id).
					Body(app.Range(cols).Slice(func(i int) app.UI {
						return app.Option().
							Value(strconv.Itoa(i + 1)).
							Selected(!f.isMultiLabel() && i == f.counts.Column).
							Text(columnName(f.counts, i))
					})),
			),
			app.Label().Body(
				app.Text(" Delimiter "),
				app.Select().
					Class("file-delimiter").
					Aria("label", "Delimiter of "+f.name).
					OnChange(c.onFileOption(id, setDelimiter), id).
					Body(app.Range(delimiters).Slice(func(i int) app.UI {
						d := delimiters[i]
						isChosen := f.opts.Delimiter == d.char
						text := d.name
						if d.char == 0 {
							text = "detect (" + delimiterName(f.counts.Delimiter) + ")"
						}
						value := "auto"
						if d.char != 0 {
							value = string(d.char)
						}
						return app.Option().Value(value).Selected(isChosen).Text(text)
					})),
			),
			app.Label().Body(
				app.Text(" First row "),
				app.Select().
					Class("file-header").
					Aria("label", "Is the first row of "+f.name+" a header").
					OnChange(c.onFileOption(id, setHeader), id).
					Body(
						app.Option().Value("auto").Selected(header == "auto").
							Text(fmt.Sprintf("detect (%s)", headerWord(f.counts.HasHeader))),
						app.Option().Value("yes").Selected(header == "yes").Text("is a header"),
						app.Option().Value("no").Selected(header == "no").Text("is data"),
					),
			),
			app.Details().
				Class("file-multi").
				ID(fmt.Sprintf("file-%d-multi", id)).
				Body(
					app.Summary().Text("Multi-label: count several 0/1 columns"),
					app.Range(cols).Slice(func(i int) app.UI {
						isChecked := false
						for _, m := range f.counts.MultiLabel {
							isChecked = isChecked || m == i
						}
						return app.Label().
							Class("file-multi-column").
							Body(
								app.Input().
									Type("checkbox").
									Value(strconv.Itoa(i+1)).
									Checked(isChecked).
									OnChange(c.onMultiLabelChanged(id), id),
								app.Text(" "+columnName(f.counts, i)),
							)
					}),
				),
		)
}

// delimiters are the choices of delimiter; 0 detects it.
var delimiters = []struct {
	char byte
	name string
}{{0, "detect"}, {',', "comma"}, {';', "semicolon"}, {'\t', "tab"}, {'|', "pipe"}}

func delimiterName(d byte) string {
	for _, x := range delimiters[1:] {
		if x.char == d {
			return x.name
		}
	}
	return strconv.QuoteRune(rune(d))
}

func headerWord(hasHeader bool) string {
	if hasHeader {
		return "a header"
	}
	return "data"
}

func columnName(fc calc.FileCounts, i int) string {
	if fc.HasHeader {
		return fmt.Sprintf("%d: %s", i+1, fc.Columns[i])
	}
	return fmt.Sprintf("column %d", i+1)
}

// renderFileCounts shows a file's classes, or its multi-label positives.
func renderFileCounts(f *fileEntry) app.UI {
	fc := f.counts
	caption := fmt.Sprintf("%s rows", formatThousands(fc.Rows))
	if fc.Empty > 0 {
		caption += fmt.Sprintf("; %s with an empty label, counted apart and not a class",
			formatThousands(fc.Empty))
	}
	if !f.isComplete() {
		caption += " (incomplete)"
	}

	if fc.MultiLabel != nil {
		weights, err := calc.MultiLabelPosWeights(float64(fc.Rows), fc.Positives)
		if err != nil {
			return app.P().Class("counts-error").Text(trimPrefix(err.Error()))
		}
		return app.Table().
			Class("file-counts").
			Body(
				app.Caption().Text(caption+". pos_weight = (rows − positives) / positives, "+
					"for PyTorch's BCEWithLogitsLoss."),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text("Column"),
					app.Th().Scope("col").Class("num").Text("Positives"),
					app.Th().Scope("col").Class("num").Text("pos_weight"),
				)),
				app.TBody().Body(app.Range(fc.MultiLabel).Slice(func(j int) app.UI {
					w := weights[j]
					return app.Tr().Body(
						app.Th().Scope("row").Text(fc.Columns[fc.MultiLabel[j]]),
						app.Td().Class("num").Text(calc.FormatCount(fc.Positives[j])),
						weightCell("pos-weight", j, w),
					)
				})),
			)
	}
	return app.Table().
		Class("file-counts").
		Body(
			app.Caption().Text(caption),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Label"),
				app.Th().Scope("col").Class("num").Text("Count"),
			)),
			app.TBody().Body(app.Range(fc.Labels).Slice(func(i int) app.UI {
				return app.Tr().Body(
					app.Th().Scope("row").Text(fc.Labels[i]),
					app.Td().Class("num").DataSet("count", calc.FormatFloat(fc.Counts[i])).
						Text(calc.FormatCount(fc.Counts[i])),
				)
			})),
		)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

func formatDuration(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	if d < time.Minute {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return d.Round(time.Second).String()
}

// formatThousands writes n with thin spaces between groups of three digits.
func formatThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	return b.String()
}
