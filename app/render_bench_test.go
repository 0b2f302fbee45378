package app

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkRender measures what one keystroke costs the page in Go: reading
// the counts, computing every scheme and building the page's tree, whose slow
// sections are components that a keystroke does not redraw (go-app's diff and
// the browser's work come on top), for 2 and 1,000 classes, natively:
//
//	go test -run '^$' -bench Render ./app
func BenchmarkRender(b *testing.B) {
	for _, k := range []int{2, 1000} {
		lines := make([]string, k)
		for i := range lines {
			lines[i] = fmt.Sprintf("class %d: %d", i, 1+(i*7919)%1000)
		}
		text := strings.Join(lines, "\n")
		b.Run(fmt.Sprint(k), func(b *testing.B) {
			c := &Calculator{}
			c.OnInit()
			for b.Loop() {
				c.result = compute(text, c.norm, c.params, c.positive)
				c.Render()
			}
		})
	}
}
