package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BenchmarkRender measures what one keystroke costs the page besides the
// browser's own work: reading the counts, computing every scheme and building
// the page, for 2 and 1,000 classes (natively; WebAssembly is slower):
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
				c.setInput(text)
				app.HTMLString(c.Render())
			}
		})
	}
}
